package dev.reranker.autoconfigure.context;

import org.jspecify.annotations.Nullable;

import dev.reranker.RerankModel;
import dev.reranker.passage.EstimatedTokenWindowing;
import dev.reranker.passage.LongDocuments;
import dev.reranker.passage.PassageWindowing;
import dev.reranker.passage.WindowingRerankModel;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * Documents longer than the model reads, under {@code reranker.long-documents.*}: sent
 * whole (truncate) or split into windows scored in the same model call (max-passage).
 * Tokens are the model's own for the local provider and estimated (JTokkit cl100k_base)
 * for the others.
 */
@ConfigurationProperties(prefix = RerankerLongDocumentsProperties.PREFIX)
public class RerankerLongDocumentsProperties implements Validator {

	/** Prefix of these properties. */
	public static final String PREFIX = "reranker.long-documents";

	/**
	 * What to do with a document longer than the model reads next to the query:
	 * 'truncate' (the model reads what fits) or 'max-passage' (score overlapping windows
	 * in the same call; the document scores as its best window).
	 */
	private LongDocumentStrategy strategy = LongDocumentStrategy.TRUNCATE;

	/**
	 * With max-passage: tokens per window, at most the model's room for a document (its
	 * max length less special tokens and the query). Unset: that room, per query.
	 */
	private @Nullable Integer window;

	/**
	 * With max-passage: tokens from one window's start to the next's, less than the
	 * window. Unset: half the window.
	 */
	private @Nullable Integer stride;

	/**
	 * With max-passage: windows scored per document at most; text past the last window is
	 * not read. Each document counts once against reranker.max-candidates; one model call
	 * scores up to max-candidates times max-windows texts.
	 */
	private int maxWindows = 8;

	public LongDocumentStrategy getStrategy() {
		return this.strategy;
	}

	public void setStrategy(LongDocumentStrategy strategy) {
		this.strategy = strategy;
	}

	public @Nullable Integer getWindow() {
		return this.window;
	}

	public void setWindow(@Nullable Integer window) {
		this.window = window;
	}

	public @Nullable Integer getStride() {
		return this.stride;
	}

	public void setStride(@Nullable Integer stride) {
		this.stride = stride;
	}

	public int getMaxWindows() {
		return this.maxWindows;
	}

	public void setMaxWindows(int maxWindows) {
		this.maxWindows = maxWindows;
	}

	/**
	 * The long-document step these properties select for a model.
	 * @param model the application's rerank model, as defined (before observation and
	 * caching wrap it)
	 * @param windowing the application's own windowing, if it defines one
	 * @return the step
	 * @throws IllegalStateException naming the property when the window does not fit the
	 * model
	 */
	public LongDocuments longDocuments(RerankModel model, @Nullable PassageWindowing windowing) {
		if (this.strategy == LongDocumentStrategy.TRUNCATE) {
			return LongDocuments.TRUNCATE;
		}
		PassageWindowing chosen = (windowing != null) ? windowing : (model instanceof WindowingRerankModel own)
				? own.passageWindowing()
				: EstimatedTokenWindowing.forModel(model.getProviderName(), model.getDefaultOptions().getModel());
		int room = chosen.maxRoom();
		if (this.window != null && this.window > room) {
			throw new IllegalStateException(PREFIX + ".window (" + this.window + ") must not exceed the model's room "
					+ "for a document, " + room + " " + chosen.unit() + " (its max length less special tokens and a "
					+ "one-token query): lower " + PREFIX + ".window, unset it to use the room, or raise the model's "
					+ "max length (reranker.local.max-length for the local provider)");
		}
		int window = (this.window != null) ? this.window : room;
		if (this.stride != null && this.stride >= window) {
			throw new IllegalStateException(PREFIX + ".stride (" + this.stride + ") must be less than the window ("
					+ window + ((this.window != null) ? "" : ", the model's room") + ") so that windows overlap");
		}
		return LongDocuments.maxPassage(chosen)
			.window(this.window)
			.stride(this.stride)
			.maxWindows(this.maxWindows)
			.build();
	}

	@Override
	public boolean supports(Class<?> type) {
		return RerankerLongDocumentsProperties.class.isAssignableFrom(type);
	}

	@Override
	public void validate(Object target, Errors errors) {
		RerankerLongDocumentsProperties properties = (RerankerLongDocumentsProperties) target;
		Integer window = properties.getWindow();
		Integer stride = properties.getStride();
		if (window != null && window < 1) {
			errors.rejectValue("window", PREFIX + ".window.range",
					PREFIX + ".window must be at least 1 token (unset it for the model's room)");
		}
		if (stride != null && stride < 1) {
			errors.rejectValue("stride", PREFIX + ".stride.range",
					PREFIX + ".stride must be at least 1 token (unset it for half the window)");
		}
		if (window != null && stride != null && window >= 1 && stride >= window) {
			errors.rejectValue("stride", PREFIX + ".stride.window", PREFIX + ".stride (" + stride
					+ ") must be less than " + PREFIX + ".window (" + window + ") so that windows overlap");
		}
		if (properties.getMaxWindows() < 1) {
			errors.rejectValue("maxWindows", PREFIX + ".max-windows.range", PREFIX + ".max-windows must be at least 1");
		}
		if (properties.getStrategy() == LongDocumentStrategy.TRUNCATE && (window != null || stride != null)) {
			errors.rejectValue("strategy", PREFIX + ".strategy.windows",
					PREFIX + "." + ((window != null) ? "window" : "stride") + " is set but " + PREFIX
							+ ".strategy is truncate: set " + PREFIX
							+ ".strategy=max-passage to split long documents, or unset it");
		}
	}

}
