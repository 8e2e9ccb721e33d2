package dev.reranker.train.checkpoint;

import java.nio.file.Path;

import org.jspecify.annotations.Nullable;

/**
 * A start checkpoint that cannot be used: the message names the file, what is wrong with
 * it and what would work instead.
 */
public class CheckpointException extends RuntimeException {

	private final @Nullable Path file;

	public CheckpointException(@Nullable Path file, String problem, String expected) {
		this(file, problem, expected, null);
	}

	public CheckpointException(@Nullable Path file, String problem, String expected, @Nullable Throwable cause) {
		super(((file != null) ? file + ": " : "") + problem + "; expected " + expected, cause);
		this.file = file;
	}

	/** The file at fault, when one is. */
	public @Nullable Path getFile() {
		return this.file;
	}

}
