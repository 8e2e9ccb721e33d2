package dev.reranker.http;

import java.io.IOException;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@link SecretRedactor} removes from text and exception chains, and what it leaves
 * alone.
 */
class SecretRedactorTests {

	private static final String KEY = "sk-live-SECRET-0123456789abcdef";

	private final SecretRedactor redactor = new SecretRedactor(KEY);

	@Test
	void removesTheKeyAndAnyCutOffStartOfIt() {
		assertThat(this.redactor.redact("a Bearer " + KEY + " b " + KEY)).isEqualTo("a Bearer [REDACTED] b [REDACTED]");
		assertThat(this.redactor.redact("excerpt ends in " + KEY.substring(0, 14)))
			.isEqualTo("excerpt ends in [REDACTED]");
		assertThat(this.redactor.redact("sk-live-OTHER")).as("a shared start of at least 8 characters")
			.isEqualTo("[REDACTED]OTHER");
		assertThat(this.redactor.redact("sk-liv and plain text")).isEqualTo("sk-liv and plain text");
		assertThat(new SecretRedactor(null).redact("Bearer " + KEY)).isEqualTo("Bearer " + KEY);
	}

	@Test
	void keepsAChainWithoutTheKeyAsItIs() {
		IllegalStateException clean = new IllegalStateException("outer", new IOException("Connection refused"));

		assertThat(this.redactor.chainable(clean)).isSameAs(clean);
	}

	@Test
	void replacesEveryExceptionOfAChainThatHoldsTheKey() {
		IOException root = new IOException("from String \"Bearer " + KEY + "\"");
		IllegalStateException outer = new IllegalStateException("could not read", root);
		outer.addSuppressed(new IllegalArgumentException("also " + KEY));

		Throwable chained = this.redactor.chainable(outer);

		assertThat(chained).isInstanceOf(RedactedCause.class).hasMessage("could not read");
		assertThat(chained.getStackTrace()).isEqualTo(outer.getStackTrace());
		assertThat(((RedactedCause) chained).getOriginalType()).isEqualTo(IllegalStateException.class.getName());
		assertThat(chained.getCause()).isInstanceOf(RedactedCause.class)
			.hasMessage("from String \"Bearer [REDACTED]\"")
			.hasToString(RedactedCause.class.getName() + " (java.io.IOException): from String \"Bearer [REDACTED]\"");
		assertThat(chained.getSuppressed()).singleElement()
			.satisfies(suppressed -> assertThat(suppressed).hasMessage("also [REDACTED]"));
	}

}
