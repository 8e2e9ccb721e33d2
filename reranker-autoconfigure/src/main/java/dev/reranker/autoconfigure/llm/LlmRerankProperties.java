package dev.reranker.autoconfigure.llm;

import org.jspecify.annotations.Nullable;

import dev.reranker.llm.LlmPrompts;
import dev.reranker.llm.LlmRerankMode;
import dev.reranker.llm.LlmRerankModel;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * Settings of the 'llm' provider, under {@code reranker.llm.*}: reranking with a Spring
 * AI {@code ChatModel} bean, listwise (RankGPT-style permutations over sliding windows)
 * or pointwise (a grade per document). The call deadline and retries are the shared
 * {@code reranker.call-deadline} and {@code reranker.retry.*}. Implements
 * {@link Validator} so that a bad value stops start-up with a message that names the
 * property.
 */
@ConfigurationProperties(prefix = LlmRerankProperties.PREFIX)
public class LlmRerankProperties implements Validator {

	public static final String PREFIX = "reranker.llm";

	/**
	 * Name of the ChatModel bean to rerank with. Unset uses the only (or primary)
	 * ChatModel bean.
	 */
	private @Nullable String chatModel;

	/**
	 * How to ask the chat model: 'listwise' ranks windows of passages in one prompt each
	 * and scores by final rank; 'pointwise' asks for a 0-10 grade per passage and scores
	 * grade / 10.
	 */
	private LlmRerankMode mode = LlmRerankMode.LISTWISE;

	/**
	 * Listwise: most passages in one prompt. Lists longer than this are ranked in sliding
	 * windows from the bottom to the top.
	 */
	private int windowSize = LlmRerankModel.DEFAULT_WINDOW_SIZE;

	/**
	 * Listwise: how far each window moves up. Below window-size, windows overlap by
	 * window-size - step passages, which is how the best climb to the top in one pass.
	 */
	private int step = LlmRerankModel.DEFAULT_STEP;

	/**
	 * Pointwise: most grading prompts of one rerank call in flight at the same time.
	 */
	private int maxConcurrency = LlmRerankModel.DEFAULT_MAX_CONCURRENCY;

	/**
	 * Characters each passage is cut to in the prompt (runs of white space count as one).
	 */
	private int maxPassageLength = LlmRerankModel.DEFAULT_MAX_PASSAGE_LENGTH;

	/**
	 * Model to ask the chat model for, sent with each prompt's options. Unset uses the
	 * chat model's configured one.
	 */
	private @Nullable String model;

	/**
	 * Sampling temperature sent with each prompt. Unset uses the chat model's configured
	 * one; 0 makes most models more repeatable.
	 */
	private @Nullable Double temperature;

	/**
	 * Listwise system prompt. Blank sends no system message.
	 */
	private String listwiseSystemPrompt = LlmPrompts.DEFAULT_LISTWISE_SYSTEM;

	/**
	 * Listwise user prompt. Must contain {query} and {passages} (the window's passages,
	 * one per line, labelled [1], [2], ...); {count} is the number of passages.
	 */
	private String listwiseUserPrompt = LlmPrompts.DEFAULT_LISTWISE_USER;

	/**
	 * Pointwise system prompt. Blank sends no system message.
	 */
	private String pointwiseSystemPrompt = LlmPrompts.DEFAULT_POINTWISE_SYSTEM;

	/**
	 * Pointwise user prompt. Must contain {query} and {passage}.
	 */
	private String pointwiseUserPrompt = LlmPrompts.DEFAULT_POINTWISE_USER;

	public @Nullable String getChatModel() {
		return this.chatModel;
	}

	public void setChatModel(@Nullable String chatModel) {
		this.chatModel = chatModel;
	}

	public LlmRerankMode getMode() {
		return this.mode;
	}

	public void setMode(LlmRerankMode mode) {
		this.mode = mode;
	}

	public int getWindowSize() {
		return this.windowSize;
	}

	public void setWindowSize(int windowSize) {
		this.windowSize = windowSize;
	}

	public int getStep() {
		return this.step;
	}

	public void setStep(int step) {
		this.step = step;
	}

	public int getMaxConcurrency() {
		return this.maxConcurrency;
	}

	public void setMaxConcurrency(int maxConcurrency) {
		this.maxConcurrency = maxConcurrency;
	}

	public int getMaxPassageLength() {
		return this.maxPassageLength;
	}

	public void setMaxPassageLength(int maxPassageLength) {
		this.maxPassageLength = maxPassageLength;
	}

	public @Nullable String getModel() {
		return this.model;
	}

	public void setModel(@Nullable String model) {
		this.model = model;
	}

	public @Nullable Double getTemperature() {
		return this.temperature;
	}

	public void setTemperature(@Nullable Double temperature) {
		this.temperature = temperature;
	}

	public String getListwiseSystemPrompt() {
		return this.listwiseSystemPrompt;
	}

	public void setListwiseSystemPrompt(String listwiseSystemPrompt) {
		this.listwiseSystemPrompt = listwiseSystemPrompt;
	}

	public String getListwiseUserPrompt() {
		return this.listwiseUserPrompt;
	}

	public void setListwiseUserPrompt(String listwiseUserPrompt) {
		this.listwiseUserPrompt = listwiseUserPrompt;
	}

	public String getPointwiseSystemPrompt() {
		return this.pointwiseSystemPrompt;
	}

	public void setPointwiseSystemPrompt(String pointwiseSystemPrompt) {
		this.pointwiseSystemPrompt = pointwiseSystemPrompt;
	}

	public String getPointwiseUserPrompt() {
		return this.pointwiseUserPrompt;
	}

	public void setPointwiseUserPrompt(String pointwiseUserPrompt) {
		this.pointwiseUserPrompt = pointwiseUserPrompt;
	}

	/**
	 * The prompts these properties describe.
	 * @return the prompts
	 */
	public LlmPrompts prompts() {
		return LlmPrompts.builder()
			.listwiseSystem(this.listwiseSystemPrompt)
			.listwiseUser(this.listwiseUserPrompt)
			.pointwiseSystem(this.pointwiseSystemPrompt)
			.pointwiseUser(this.pointwiseUserPrompt)
			.build();
	}

	@Override
	public boolean supports(Class<?> type) {
		return LlmRerankProperties.class.isAssignableFrom(type);
	}

	@Override
	public void validate(Object target, Errors errors) {
		LlmRerankProperties properties = (LlmRerankProperties) target;
		if (properties.getMode() == null) {
			reject(errors, "mode", "must be 'listwise' or 'pointwise'");
		}
		if (properties.getWindowSize() < 2) {
			reject(errors, "windowSize", "must be at least 2 but was " + properties.getWindowSize());
		}
		else if (properties.getStep() < 1 || properties.getStep() > properties.getWindowSize()) {
			reject(errors, "step", "must be from 1 to " + PREFIX + ".window-size (" + properties.getWindowSize()
					+ ") but was " + properties.getStep());
		}
		if (properties.getMaxConcurrency() < 1) {
			reject(errors, "maxConcurrency", "must be at least 1 but was " + properties.getMaxConcurrency());
		}
		if (properties.getMaxPassageLength() < 1) {
			reject(errors, "maxPassageLength", "must be at least 1 but was " + properties.getMaxPassageLength());
		}
		Double temperature = properties.getTemperature();
		if (temperature != null && !(temperature >= 0)) {
			reject(errors, "temperature", "must not be negative but was " + temperature);
		}
		requirePlaceholders(errors, "listwiseUserPrompt", properties.getListwiseUserPrompt(), LlmPrompts.QUERY,
				LlmPrompts.PASSAGES);
		requirePlaceholders(errors, "pointwiseUserPrompt", properties.getPointwiseUserPrompt(), LlmPrompts.QUERY,
				LlmPrompts.PASSAGE);
		if (properties.getListwiseSystemPrompt() == null) {
			reject(errors, "listwiseSystemPrompt", "must not be null (leave it empty to send no system message)");
		}
		if (properties.getPointwiseSystemPrompt() == null) {
			reject(errors, "pointwiseSystemPrompt", "must not be null (leave it empty to send no system message)");
		}
	}

	private static void requirePlaceholders(Errors errors, String field, @Nullable String template,
			String... placeholders) {
		for (String placeholder : placeholders) {
			if (template == null || !template.contains(placeholder)) {
				reject(errors, field, "must contain " + placeholder);
				return;
			}
		}
	}

	private static void reject(Errors errors, String field, String problem) {
		String property = PREFIX + "." + field.replaceAll("([A-Z])", "-$1").toLowerCase(java.util.Locale.ROOT);
		errors.rejectValue(field, property + ".invalid", property + " " + problem);
	}

}
