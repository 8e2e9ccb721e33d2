package dev.reranker.llm;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.reranker.RerankException;
import dev.reranker.http.RemoteCallSettings;

import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.retry.NonTransientAiException;
import org.springframework.ai.retry.TransientAiException;
import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.web.client.RestClientResponseException;

/**
 * Sends one prompt to the chat model and reads the answer, inside a
 * {@code reranker.llm.answer} observation that records how the answer was read.
 * <p>
 * A transient failure is retried with exponential back-off and jitter, no longer than the
 * call's deadline: anywhere in the cause chain, a {@link TransientAiException} (what
 * Spring AI's default error handler throws for 5xx), a {@link NonTransientAiException}
 * for HTTP 429 (the same handler's {@code "429 - …"}: it files rate limits with the 4xx
 * it never retries), or a {@link RestClientResponseException} with status 429, 502, 503
 * or 504. Other failures end the call at once. Chat models with a retrying client of
 * their own (OpenAI's SDK, {@code spring.ai.openai.max-retries}) retry before the failure
 * gets here.
 */
final class ChatJudge {

	private static final Set<Integer> RETRYABLE_STATUSES = Set.of(429, 502, 503, 504);

	private static final Pattern RATE_LIMITED = Pattern.compile("429\\b");

	private static final Logger logger = LoggerFactory.getLogger(ChatJudge.class);

	private static final LlmAnswerObservationConvention DEFAULT_CONVENTION = new DefaultLlmAnswerObservationConvention();

	private final ChatModel chatModel;

	private final RemoteCallSettings settings;

	private final ObservationRegistry observationRegistry;

	private final @Nullable LlmAnswerObservationConvention observationConvention;

	ChatJudge(ChatModel chatModel, RemoteCallSettings settings, ObservationRegistry observationRegistry,
			@Nullable LlmAnswerObservationConvention observationConvention) {
		this.chatModel = chatModel;
		this.settings = settings;
		this.observationRegistry = observationRegistry;
		this.observationConvention = observationConvention;
	}

	/**
	 * Asks one prompt and reads the answer.
	 * @param <T> what the answer is read as
	 * @param mode the mode, for the observation
	 * @param passages the number of passages in the prompt, for the observation
	 * @param messages the prompt's messages
	 * @param options the chat options to send, or {@code null} for the model's defaults
	 * @param deadlineNanos the call's deadline, in {@link System#nanoTime()} terms
	 * @param reader reads the answer's text
	 * @param outcome how complete what was read is
	 * @return what the answer was read as
	 * @throws RerankException when the chat model failed for good
	 */
	<T> T ask(LlmRerankMode mode, int passages, List<Message> messages, @Nullable ChatOptions options,
			long deadlineNanos, Function<String, T> reader, Function<T, LlmAnswerOutcome> outcome) {
		LlmAnswerObservationContext context = new LlmAnswerObservationContext(mode, passages);
		T answer = LlmAnswerObservationDocumentation.LLM_ANSWER
			.observation(this.observationConvention, DEFAULT_CONVENTION, () -> context, this.observationRegistry)
			.observe(() -> {
				String text = call(new Prompt(messages, options), deadlineNanos);
				T read = reader.apply(text);
				context.setOutcome(outcome.apply(read));
				if (context.getOutcome() == LlmAnswerOutcome.UNPARSEABLE && logger.isDebugEnabled()) {
					logger.debug("Unparseable {} answer for {} passages: {}", mode.value(), passages,
							AnswerText.excerpt(text));
				}
				return read;
			});
		if (answer == null) {
			throw new IllegalStateException("the answer reader returned null");
		}
		return answer;
	}

	private String call(Prompt prompt, long deadlineNanos) {
		long remaining = deadlineNanos - System.nanoTime();
		if (remaining <= 0) {
			throw new RerankException(LlmRerankModel.PROVIDER, "the deadline of " + this.settings.deadline().toMillis()
					+ " ms passed before the next prompt could be sent");
		}
		RetryPolicy.Builder policy = RetryPolicy.builder()
			.maxRetries(this.settings.maxRetries())
			.delay(this.settings.initialBackoff())
			.multiplier(2)
			.maxDelay(this.settings.maxBackoff())
			.timeout(Duration.ofNanos(remaining))
			.predicate(ChatJudge::isTransient);
		if (!this.settings.initialBackoff().isZero()) {
			policy.jitter(this.settings.initialBackoff().dividedBy(2));
		}
		try {
			return new RetryTemplate(policy.build()).execute(() -> text(this.chatModel.call(prompt)));
		}
		catch (RetryException ex) {
			Throwable last = ex.getLastException();
			String reason = (ex.getRetryCount() > 0) ? "gave up after " + ex.getRetryCount() + " retries: "
					: "the chat model failed: ";
			throw new RerankException(LlmRerankModel.PROVIDER, reason + describe(last), last);
		}
	}

	private static String text(@Nullable ChatResponse response) {
		Generation generation = (response != null) ? response.getResult() : null;
		String text = (generation != null) ? generation.getOutput().getText() : null;
		return (text != null) ? text : "";
	}

	static boolean isTransient(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof TransientAiException) {
				return true;
			}
			// Spring AI's default error handler files 429 under the 4xx it never retries,
			// as "429 - <body>"; a rate limit is worth waiting for.
			if (cause instanceof NonTransientAiException && cause.getMessage() != null
					&& RATE_LIMITED.matcher(cause.getMessage()).lookingAt()) {
				return true;
			}
			if (cause instanceof RestClientResponseException response
					&& RETRYABLE_STATUSES.contains(response.getStatusCode().value())) {
				return true;
			}
			if (cause.getCause() == cause) {
				break;
			}
		}
		return false;
	}

	private static String describe(Throwable failure) {
		String message = failure.getMessage();
		return failure.getClass().getSimpleName()
				+ ((message != null) ? ": " + message.replaceAll("\\s+", " ").strip() : "");
	}

}
