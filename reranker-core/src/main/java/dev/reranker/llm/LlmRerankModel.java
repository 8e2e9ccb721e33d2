package dev.reranker.llm;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Executor;

import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

import dev.reranker.RerankOptions;
import dev.reranker.RerankRequest;
import dev.reranker.RerankResponse;
import dev.reranker.RerankResponseMetadata;
import dev.reranker.RerankResult;
import dev.reranker.http.DeadlineExecutor;
import dev.reranker.http.RemoteCallSettings;
import dev.reranker.observation.RerankModelObservationConvention;
import dev.reranker.observation.RerankModelObserver;
import dev.reranker.observation.SelfObservingRerankModel;
import dev.reranker.passage.EstimatedTokenWindowing;
import dev.reranker.passage.PassageWindowing;
import dev.reranker.passage.WindowingRerankModel;

import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.util.Assert;

/**
 * Reranks with any Spring AI {@link ChatModel}, in one of two {@linkplain LlmRerankMode
 * modes}:
 * <ul>
 * <li>{@link LlmRerankMode#LISTWISE} (default): the candidates are ranked in
 * {@linkplain RankingWindows sliding windows} of {@code windowSize} passages, from the
 * bottom of the list to the top, each window {@code step} positions above the last; each
 * window is one prompt whose answer is a permutation of its labels ({@code [2] > [3] >
 * [1]}, read by {@link Permutation}). The score of the document at final rank {@code r}
 * (0-based) of {@code n} is {@code (n - r) / n}: 1 for the first, {@code 1/n} for the
 * last, strictly decreasing, so scores say nothing beyond rank. A single candidate is
 * scored 1 without a prompt.</li>
 * <li>{@link LlmRerankMode#POINTWISE}: one prompt per document asking for a grade from 0
 * to 10 (read by {@link Grade}); score = grade / 10, and 0 for an unparseable answer. At
 * most {@code maxConcurrency} prompts of one call are in flight at a time.</li>
 * </ul>
 * Passages are sent with runs of white space made one space (so that each stays on its
 * line) and cut to {@code maxPassageLength} characters.
 * <p>
 * One deadline ({@link RemoteCallSettings#deadline()}) covers the whole call, every
 * window or grade, retry and pause; then the call fails with a {@code RerankException}
 * and the post-processor's failure mode applies, as with the remote providers. Failures
 * Spring AI marks as transient are retried ({@link ChatJudge}). Each call is observed as
 * {@code gen_ai.client.operation}, each prompt inside it as {@code reranker.llm.answer}
 * with the answer's {@link LlmAnswerOutcome}.
 * <p>
 * The prompts run on the {@link Builder#executor(Executor) executor} given to the
 * builder, or else on a bounded pool owned by the model, which {@link #close()} shuts
 * down.
 */
public final class LlmRerankModel implements SelfObservingRerankModel, WindowingRerankModel, AutoCloseable {

	/** The provider name. */
	public static final String PROVIDER = "llm";

	/** Default passages per listwise window. */
	public static final int DEFAULT_WINDOW_SIZE = 20;

	/** Default distance between two listwise windows. */
	public static final int DEFAULT_STEP = 10;

	/** Default number of pointwise prompts one call has in flight. */
	public static final int DEFAULT_MAX_CONCURRENCY = 8;

	/** Default length, in characters, a passage is cut to. */
	public static final int DEFAULT_MAX_PASSAGE_LENGTH = 1000;

	// Characters per estimated token that a window is sized with: English prose averages
	// four to five, so windows stay under the cut but for runs of unusually long tokens.
	private static final int CHARACTERS_PER_TOKEN = 6;

	private final ChatModel chatModel;

	private final LlmRerankMode mode;

	private final LlmPrompts prompts;

	private final int windowSize;

	private final int step;

	private final int maxConcurrency;

	private final int maxPassageLength;

	private final @Nullable Double temperature;

	private final RerankOptions defaultOptions;

	private final RemoteCallSettings settings;

	private final ChatJudge judge;

	private final PromptScheduler scheduler;

	private final RerankModelObserver observer;

	private LlmRerankModel(Builder builder) {
		Assert.notNull(builder.chatModel, "chatModel must not be null (LlmRerankModel.Builder#chatModel)");
		Assert.notNull(builder.mode, "mode must not be null (LlmRerankModel.Builder#mode)");
		Assert.notNull(builder.prompts, "prompts must not be null (LlmRerankModel.Builder#prompts)");
		Assert.notNull(builder.settings, "settings must not be null (LlmRerankModel.Builder#settings)");
		int windowSize = builder.windowSize;
		int step = builder.step;
		Assert.isTrue(windowSize >= 2,
				() -> "windowSize must be at least 2 but was " + windowSize + " (LlmRerankModel.Builder#windowSize)");
		Assert.isTrue(step >= 1 && step <= windowSize, () -> "step must be from 1 to windowSize (" + windowSize
				+ ") but was " + step + " (LlmRerankModel.Builder#step)");
		Assert.isTrue(builder.maxConcurrency >= 1, () -> "maxConcurrency must be at least 1 but was "
				+ builder.maxConcurrency + " (LlmRerankModel.Builder#maxConcurrency)");
		Assert.isTrue(builder.maxPassageLength >= 1, () -> "maxPassageLength must be at least 1 but was "
				+ builder.maxPassageLength + " (LlmRerankModel.Builder#maxPassageLength)");
		this.chatModel = builder.chatModel;
		this.mode = builder.mode;
		this.prompts = builder.prompts;
		this.windowSize = windowSize;
		this.step = step;
		this.maxConcurrency = builder.maxConcurrency;
		this.maxPassageLength = builder.maxPassageLength;
		this.temperature = builder.temperature;
		this.defaultOptions = RerankOptions.builder().model(builder.model).build();
		this.settings = builder.settings;
		this.observer = new RerankModelObserver(builder.observationRegistry, builder.observationConvention);
		this.judge = new ChatJudge(this.chatModel, this.settings, builder.observationRegistry,
				builder.answerObservationConvention);
		this.scheduler = new PromptScheduler((builder.executor != null) ? DeadlineExecutor.using(builder.executor)
				: DeadlineExecutor.ownPool(PROVIDER), this.settings.deadline().toMillis());
	}

	public static Builder builder() {
		return new Builder();
	}

	@Override
	public RerankResponse call(RerankRequest request) {
		return this.observer.observe(this, request, this::rerank);
	}

	private RerankResponse rerank(RerankRequest request) {
		RerankOptions options = this.defaultOptions.merge(request.options());
		List<String> passages = request.documents().stream().map(this::passage).toList();
		long deadlineNanos = System.nanoTime() + this.settings.deadline().toNanos();
		ChatOptions chatOptions = chatOptions(options.getModel());
		PromptCall call = new PromptCall(this.judge, this.scheduler, this.prompts, request.query(), chatOptions,
				deadlineNanos);
		double[] scores = (this.mode == LlmRerankMode.LISTWISE)
				? ListwisePass.rank(call, passages, this.windowSize, this.step)
				: PointwiseGrading.grade(call, passages, this.maxConcurrency);
		List<RerankResult> results = new ArrayList<>(scores.length);
		for (int i = 0; i < scores.length; i++) {
			results.add(new RerankResult(i, scores[i]));
		}
		Integer topN = options.getTopN();
		if (topN != null && topN < results.size()) {
			results = results.stream()
				.sorted(Comparator.comparingDouble(RerankResult::score).reversed())
				.limit(topN)
				.toList();
		}
		return new RerankResponse(results, new RerankResponseMetadata(options.getModel()));
	}

	private @Nullable ChatOptions chatOptions(@Nullable String model) {
		if (model == null && this.temperature == null) {
			return null;
		}
		// Chat models accept only options of their own type: start from theirs.
		ChatOptions defaults = this.chatModel.getDefaultOptions();
		ChatOptions.Builder<?> builder = (defaults != null) ? defaults.mutate() : ChatOptions.builder();
		if (model != null) {
			builder.model(model);
		}
		if (this.temperature != null) {
			builder.temperature(this.temperature);
		}
		return builder.build();
	}

	private String passage(String text) {
		String line = text.replaceAll("\\s+", " ").strip();
		if (line.codePointCount(0, line.length()) <= this.maxPassageLength) {
			return line;
		}
		return line.substring(0, line.offsetByCodePoints(0, this.maxPassageLength));
	}

	@Override
	public RerankOptions getDefaultOptions() {
		return this.defaultOptions;
	}

	@Override
	public String getProviderName() {
		return PROVIDER;
	}

	@Override
	public ObservationRegistry getObservationRegistry() {
		return this.observer.getObservationRegistry();
	}

	public ChatModel getChatModel() {
		return this.chatModel;
	}

	public LlmRerankMode getMode() {
		return this.mode;
	}

	public LlmPrompts getPrompts() {
		return this.prompts;
	}

	public int getWindowSize() {
		return this.windowSize;
	}

	public int getStep() {
		return this.step;
	}

	public int getMaxConcurrency() {
		return this.maxConcurrency;
	}

	public int getMaxPassageLength() {
		return this.maxPassageLength;
	}

	/**
	 * Windows that fit the passage cut: {@code maxPassageLength / 6} estimated tokens
	 * (English prose averages four to five characters per token, with its spaces), read
	 * alone (the query has its own place in the prompt), so that max-passage windows are
	 * read whole rather than cut to {@code maxPassageLength} characters.
	 */
	@Override
	public PassageWindowing passageWindowing() {
		return EstimatedTokenWindowing.ofDocumentsAlone(Math.max(1, this.maxPassageLength / CHARACTERS_PER_TOKEN));
	}

	public @Nullable Double getTemperature() {
		return this.temperature;
	}

	public RemoteCallSettings getSettings() {
		return this.settings;
	}

	/**
	 * Shuts down the model's own executor, if it has one; a supplied executor stays
	 * untouched. Calls made afterwards fail.
	 */
	@Override
	public void close() {
		this.scheduler.close();
	}

	@Override
	public String toString() {
		return "LlmRerankModel{chatModel=" + this.chatModel.getClass().getSimpleName() + ", mode=" + this.mode.value()
				+ ", model=" + this.defaultOptions.getModel() + ", windowSize=" + this.windowSize + ", step="
				+ this.step + ", maxConcurrency=" + this.maxConcurrency + ", maxPassageLength=" + this.maxPassageLength
				+ ", settings=" + this.settings + "}";
	}

	/** Builder for {@link LlmRerankModel}. */
	public static final class Builder {

		private @Nullable ChatModel chatModel;

		private LlmRerankMode mode = LlmRerankMode.LISTWISE;

		private LlmPrompts prompts = LlmPrompts.DEFAULTS;

		private int windowSize = DEFAULT_WINDOW_SIZE;

		private int step = DEFAULT_STEP;

		private int maxConcurrency = DEFAULT_MAX_CONCURRENCY;

		private int maxPassageLength = DEFAULT_MAX_PASSAGE_LENGTH;

		private @Nullable String model;

		private @Nullable Double temperature;

		private RemoteCallSettings settings = RemoteCallSettings.defaults();

		private @Nullable Executor executor;

		private ObservationRegistry observationRegistry = ObservationRegistry.NOOP;

		private @Nullable RerankModelObservationConvention observationConvention;

		private @Nullable LlmAnswerObservationConvention answerObservationConvention;

		private Builder() {
		}

		/** The chat model that ranks or grades. Required. */
		public Builder chatModel(ChatModel chatModel) {
			this.chatModel = chatModel;
			return this;
		}

		/** Listwise (default) or pointwise. */
		public Builder mode(LlmRerankMode mode) {
			this.mode = mode;
			return this;
		}

		/** The prompts; default {@link LlmPrompts#DEFAULTS}. */
		public Builder prompts(LlmPrompts prompts) {
			this.prompts = prompts;
			return this;
		}

		/** Listwise: the most passages in one prompt, at least 2; default 20. */
		public Builder windowSize(int windowSize) {
			this.windowSize = windowSize;
			return this;
		}

		/**
		 * Listwise: how far each window moves up, from 1 to the window size; default 10.
		 */
		public Builder step(int step) {
			this.step = step;
			return this;
		}

		/** Pointwise: the most prompts of one call in flight at a time; default 8. */
		public Builder maxConcurrency(int maxConcurrency) {
			this.maxConcurrency = maxConcurrency;
			return this;
		}

		/** The characters a passage is cut to; default 1000. */
		public Builder maxPassageLength(int maxPassageLength) {
			this.maxPassageLength = maxPassageLength;
			return this;
		}

		/**
		 * The model to ask the chat model for (sent in the prompt's chat options) and the
		 * label of observations; {@code null} (default) uses the chat model's own.
		 */
		public Builder model(@Nullable String model) {
			this.model = model;
			return this;
		}

		/** The sampling temperature to send; {@code null} (default) sends none. */
		public Builder temperature(@Nullable Double temperature) {
			this.temperature = temperature;
			return this;
		}

		/** The deadline of one call and the retries of transient failures. */
		public Builder settings(RemoteCallSettings settings) {
			this.settings = settings;
			return this;
		}

		/**
		 * Where prompts run; it must run tasks on other threads (so that the calling
		 * thread can enforce the deadline) and remains the caller's to shut down.
		 * {@code null} (default) gives the model a bounded pool of its own.
		 */
		public Builder executor(@Nullable Executor executor) {
			this.executor = executor;
			return this;
		}

		/**
		 * Where each call ({@code gen_ai.client.operation}) and each prompt
		 * ({@code reranker.llm.answer}) is observed; default
		 * {@link ObservationRegistry#NOOP}.
		 */
		public Builder observationRegistry(ObservationRegistry observationRegistry) {
			this.observationRegistry = observationRegistry;
			return this;
		}

		/** Names and tags the call observations; default the Spring AI style ones. */
		public Builder observationConvention(@Nullable RerankModelObservationConvention observationConvention) {
			this.observationConvention = observationConvention;
			return this;
		}

		/**
		 * Names and tags the prompt observations; default {@code reranker.llm.answer}.
		 */
		public Builder answerObservationConvention(
				@Nullable LlmAnswerObservationConvention answerObservationConvention) {
			this.answerObservationConvention = answerObservationConvention;
			return this;
		}

		public LlmRerankModel build() {
			return new LlmRerankModel(this);
		}

	}

}
