package dev.reranker.http;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Keeps an API key out of text, and out of exception chains that carry what a server sent
 * (a server that echoes the {@code Authorization} header into a body it returns puts the
 * key into the JSON parser's message, which a logger prints with the cause).
 * <p>
 * Text: the key is replaced by {@value #MASK}, and so is any start of it of at least
 * {@value #MIN_PREFIX} characters, so that a body excerpt or parser message cut off in
 * the middle of the key shows nothing recognisable of it.
 * <p>
 * Exceptions: a chain in which no message contains the key is kept as it is (its types
 * stay catchable); otherwise every exception of the chain, causes and suppressed ones
 * included, is replaced by a {@link RedactedCause} with the original's class name, its
 * redacted message and its stack trace.
 */
final class SecretRedactor {

	/** What replaces the key. */
	static final String MASK = "[REDACTED]";

	/** The shortest start of the key that is redacted on its own. */
	static final int MIN_PREFIX = 8;

	private final @Nullable String secret;

	SecretRedactor(@Nullable String secret) {
		this.secret = secret;
	}

	/**
	 * The text without the key or any long enough start of it.
	 * @param text the text
	 * @return the redacted text, {@code text} itself when there was nothing to redact
	 */
	String redact(String text) {
		String secret = this.secret;
		if (secret == null) {
			return text;
		}
		String probe = secret.substring(0, Math.min(MIN_PREFIX, secret.length()));
		int from = text.indexOf(probe);
		if (from < 0) {
			return text;
		}
		StringBuilder redacted = new StringBuilder(text.length());
		int copied = 0;
		while (from >= 0) {
			int length = probe.length();
			while (length < secret.length() && from + length < text.length()
					&& text.charAt(from + length) == secret.charAt(length)) {
				length++;
			}
			redacted.append(text, copied, from).append(MASK);
			copied = from + length;
			from = text.indexOf(probe, copied);
		}
		return redacted.append(text, copied, text.length()).toString();
	}

	/**
	 * The exception to chain as a cause: {@code ex} itself when nothing in its chain
	 * holds the key, else a redacted copy of the whole chain.
	 * @param ex the exception, possibly carrying server text
	 * @return the exception to chain
	 */
	Throwable chainable(Throwable ex) {
		if (this.secret == null || !leaks(ex, Collections.newSetFromMap(new IdentityHashMap<>()))) {
			return ex;
		}
		return copy(ex, new IdentityHashMap<>());
	}

	private boolean leaks(Throwable ex, Set<Throwable> seen) {
		if (!seen.add(ex)) {
			return false;
		}
		if (holdsSecret(ex.getMessage()) || holdsSecret(ex.getLocalizedMessage()) || holdsSecret(ex.toString())) {
			return true;
		}
		Throwable cause = ex.getCause();
		if (cause != null && leaks(cause, seen)) {
			return true;
		}
		for (Throwable suppressed : ex.getSuppressed()) {
			if (leaks(suppressed, seen)) {
				return true;
			}
		}
		return false;
	}

	private boolean holdsSecret(@Nullable String text) {
		return text != null && !redact(text).equals(text);
	}

	private RedactedCause copy(Throwable ex, Map<Throwable, RedactedCause> copies) {
		RedactedCause existing = copies.get(ex);
		if (existing != null) {
			return existing;
		}
		String message = ex.getMessage();
		RedactedCause copy = new RedactedCause(ex.getClass().getName(), (message != null) ? redact(message) : null);
		copies.put(ex, copy);
		copy.setStackTrace(ex.getStackTrace());
		Throwable cause = ex.getCause();
		if (cause != null) {
			RedactedCause causeCopy = copy(cause, copies);
			if (causeCopy != copy) {
				copy.initCause(causeCopy);
			}
		}
		for (Throwable suppressed : ex.getSuppressed()) {
			copy.addSuppressed(copy(suppressed, copies));
		}
		return copy;
	}

}
