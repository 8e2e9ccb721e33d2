package dev.reranker.local;

import java.nio.file.Path;

import org.jspecify.annotations.Nullable;

/**
 * A local cross-encoder could not be loaded: a file is missing, corrupt or does not match
 * what a cross-encoder needs. The message names the file and what was expected.
 */
public class LocalModelException extends RuntimeException {

	private final @Nullable Path file;

	private final String expected;

	/**
	 * @param file the offending file, when one is to blame
	 * @param problem what is wrong
	 * @param expected what was expected instead, phrased as advice
	 * @param cause the underlying error, if any
	 */
	public LocalModelException(@Nullable Path file, String problem, String expected, @Nullable Throwable cause) {
		super(problem + ((file != null) ? " [file: " + file + "]" : "") + ". Expected: " + expected, cause);
		this.file = file;
		this.expected = expected;
	}

	public LocalModelException(@Nullable Path file, String problem, String expected) {
		this(file, problem, expected, null);
	}

	/**
	 * The file that is missing or wrong, or {@code null} when no single file is to blame.
	 * @return the file
	 */
	public @Nullable Path getFile() {
		return this.file;
	}

	/**
	 * What the local provider expected, phrased as advice.
	 * @return the expectation
	 */
	public String getExpected() {
		return this.expected;
	}

}
