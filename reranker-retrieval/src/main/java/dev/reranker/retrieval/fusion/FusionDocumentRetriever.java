package dev.reranker.retrieval.fusion;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.reranker.retrieval.RetrievalDocumentMetadata;

import org.springframework.ai.document.Document;
import org.springframework.ai.rag.Query;
import org.springframework.ai.rag.retrieval.join.DocumentJoiner;
import org.springframework.ai.rag.retrieval.search.DocumentRetriever;
import org.springframework.util.Assert;

/**
 * Hybrid retrieval: asks several retrievers (arms, for example vector search and keyword
 * search) for the same query and fuses their ranked lists into one, by default with
 * {@link ReciprocalRankFusionDocumentJoiner}.
 * <p>
 * Spring AI's {@code RetrievalAugmentationAdvisor} takes a single
 * {@link DocumentRetriever}; this is it when more than one source should be searched. The
 * retrievers run one after another on the calling thread, or concurrently on the
 * configured {@link Executor}.
 * <p>
 * When an arm fails, by default ({@link ArmFailureMode#CONTINUE}) the lists of the others
 * are fused, every returned document carries
 * {@link RetrievalDocumentMetadata#FAILED_ARMS} with the failed arms' names, the failure
 * is counted in the counter {@value #FAILURES_METER} (tags {@code arm},
 * {@code exception}) when a {@link MeterRegistry} is set, and the first failure of each
 * arm is logged at WARN (later ones at DEBUG). When every arm fails, or with
 * {@link ArmFailureMode#FAIL}, a {@link RetrievalArmException} naming the arm is thrown.
 * <p>
 * With a {@link Builder#deadline deadline} (and an executor), an arm that has not
 * answered when it passes is a failed arm like any other, with a
 * {@link RetrievalDeadlineException} naming the arm and the deadline (counted with
 * {@code exception=timeout}).
 */
public final class FusionDocumentRetriever implements DocumentRetriever {

	/** Name of the counter of arm failures. */
	public static final String FAILURES_METER = "reranker.retrieval.arm.failures";

	private static final Logger logger = LoggerFactory.getLogger(FusionDocumentRetriever.class);

	private final List<Arm> arms;

	private final DocumentJoiner joiner;

	private final @Nullable Executor executor;

	private final ArmFailureMode failureMode;

	private final @Nullable MeterRegistry meterRegistry;

	private final @Nullable Duration deadline;

	private final Map<String, Boolean> warned = new ConcurrentHashMap<>();

	private FusionDocumentRetriever(Builder builder) {
		Assert.notEmpty(builder.arms, "at least one retriever is required (FusionDocumentRetriever.Builder#retriever)");
		Assert.notNull(builder.joiner, "joiner must not be null (FusionDocumentRetriever.Builder#joiner)");
		Assert.notNull(builder.failureMode, "armFailure must not be null (FusionDocumentRetriever.Builder#armFailure)");
		List<String> names = builder.arms.stream().map(Arm::name).toList();
		Assert.isTrue(names.stream().distinct().count() == names.size(),
				() -> "retriever names must be unique (FusionDocumentRetriever.Builder#retriever) but were " + names);
		this.arms = List.copyOf(builder.arms);
		this.joiner = builder.joiner;
		this.executor = builder.executor;
		this.failureMode = builder.failureMode;
		this.meterRegistry = builder.meterRegistry;
		Duration deadline = builder.deadline;
		Assert.isTrue(deadline == null || deadline.toMillis() >= 1,
				() -> "deadline must be at least 1 ms (FusionDocumentRetriever.Builder#deadline) but was " + deadline);
		this.deadline = deadline;
	}

	public static Builder builder() {
		return new Builder();
	}

	@Override
	public List<Document> retrieve(Query query) {
		Assert.notNull(query, "query must not be null");
		List<Outcome> outcomes = (this.executor == null || this.arms.size() == 1) ? sequentially(query)
				: concurrently(query, this.executor);
		List<List<Document>> lists = new ArrayList<>(outcomes.size());
		List<String> failed = new ArrayList<>();
		RuntimeException firstFailure = null;
		String firstFailedArm = null;
		for (Outcome outcome : outcomes) {
			RuntimeException failure = outcome.failure();
			if (failure == null) {
				lists.add(outcome.documents());
				continue;
			}
			record(outcome.arm(), failure);
			failed.add(outcome.arm().name());
			if (firstFailure == null) {
				firstFailure = failure;
				firstFailedArm = outcome.arm().name();
			}
			else {
				firstFailure.addSuppressed(failure);
			}
		}
		if (firstFailure == null || firstFailedArm == null) {
			return this.joiner.join(Map.of(query, lists));
		}
		if (this.failureMode == ArmFailureMode.FAIL) {
			throw new RetrievalArmException(firstFailedArm,
					"The '" + firstFailedArm + "' arm of the hybrid retrieval failed: " + firstFailure.getMessage()
							+ " To go on with the other arms instead, use "
							+ "FusionDocumentRetriever.Builder#armFailure(ArmFailureMode.CONTINUE) "
							+ "(reranker.advisor.arm-failure=continue with the starter).",
					firstFailure);
		}
		if (lists.isEmpty()) {
			throw new RetrievalArmException(firstFailedArm, "Every arm of the hybrid retrieval failed " + failed
					+ "; the first, '" + firstFailedArm + "', with: " + firstFailure.getMessage(), firstFailure);
		}
		return mark(this.joiner.join(Map.of(query, lists)), List.copyOf(failed));
	}

	private List<Outcome> sequentially(Query query) {
		List<Outcome> outcomes = new ArrayList<>(this.arms.size());
		for (Arm arm : this.arms) {
			outcomes.add(run(arm, query));
		}
		return outcomes;
	}

	/**
	 * Runs the arms on the executor and waits for them until the deadline, if any; an arm
	 * that has not answered by then is a failed arm. It is not interrupted (JDBC drivers
	 * do not stop on interrupts; the keyword arm's statement timeout ends its query).
	 */
	private List<Outcome> concurrently(Query query, Executor executor) {
		List<CompletableFuture<Outcome>> futures = new ArrayList<>(this.arms.size());
		for (Arm arm : this.arms) {
			futures.add(CompletableFuture.supplyAsync(() -> run(arm, query), executor)
				.exceptionally(ex -> new Outcome(arm, List.of(), unwrap(ex))));
		}
		Duration limit = this.deadline;
		long deadline = (limit != null) ? System.nanoTime() + limit.toNanos() : 0;
		List<Outcome> outcomes = new ArrayList<>(futures.size());
		for (int i = 0; i < futures.size(); i++) {
			outcomes.add(
					(limit != null) ? await(futures.get(i), this.arms.get(i), deadline, limit) : futures.get(i).join());
		}
		return outcomes;
	}

	private static Outcome await(CompletableFuture<Outcome> future, Arm arm, long deadline, Duration limit) {
		try {
			return future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
		}
		catch (TimeoutException ex) {
			return new Outcome(arm, List.of(), new RetrievalDeadlineException(arm.name(), limit));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return new Outcome(arm, List.of(), new RetrievalDeadlineException(arm.name(), limit));
		}
		catch (ExecutionException ex) {
			return new Outcome(arm, List.of(), unwrap(ex.getCause() != null ? ex.getCause() : ex));
		}
	}

	private Outcome run(Arm arm, Query query) {
		try {
			List<Document> documents = arm.retriever().retrieve(query);
			Assert.state(documents != null, () -> "the '" + arm.name() + "' retriever returned null");
			return new Outcome(arm, documents, null);
		}
		catch (RuntimeException ex) {
			return new Outcome(arm, List.of(), ex);
		}
	}

	private void record(Arm arm, RuntimeException ex) {
		if (this.meterRegistry != null) {
			Counter.builder(FAILURES_METER)
				.description("Failures of one retriever (arm) of a hybrid retrieval")
				.tag("arm", arm.name())
				.tag("exception",
						(ex instanceof RetrievalDeadlineException) ? "timeout" : ex.getClass().getSimpleName())
				.register(this.meterRegistry)
				.increment();
		}
		// The message names the table and the cause, never the query text.
		if (this.warned.putIfAbsent(arm.name(), Boolean.TRUE) == null) {
			logger.warn(
					"The '{}' arm of the hybrid retrieval failed ({}); {} (later failures of this arm are logged"
							+ " at DEBUG and counted in {})",
					arm.name(), ex.toString(), (this.failureMode == ArmFailureMode.CONTINUE)
							? "continuing with the other arms" : "failing the retrieval",
					FAILURES_METER);
		}
		else {
			logger.debug("The '{}' arm of the hybrid retrieval failed", arm.name(), ex);
		}
	}

	private static RuntimeException unwrap(Throwable ex) {
		Throwable cause = (ex instanceof CompletionException && ex.getCause() != null) ? ex.getCause() : ex;
		return (cause instanceof RuntimeException runtime) ? runtime : new CompletionException(cause);
	}

	private static List<Document> mark(List<Document> documents, List<String> failed) {
		List<Document> marked = new ArrayList<>(documents.size());
		for (Document document : documents) {
			Map<String, Object> metadata = new LinkedHashMap<>(document.getMetadata());
			metadata.put(RetrievalDocumentMetadata.FAILED_ARMS, failed);
			Document copy = document.mutate().metadata(metadata).build();
			copy.setContentFormatter(document.getContentFormatter());
			marked.add(copy);
		}
		return marked;
	}

	/** The retrievers, in list-position (weight) order. */
	public List<DocumentRetriever> getRetrievers() {
		return this.arms.stream().map(Arm::retriever).toList();
	}

	private record Arm(String name, DocumentRetriever retriever) {
	}

	private record Outcome(Arm arm, List<Document> documents, @Nullable RuntimeException failure) {
	}

	/** Builder for {@link FusionDocumentRetriever}. */
	public static final class Builder {

		private final List<Arm> arms = new ArrayList<>();

		private DocumentJoiner joiner = new ReciprocalRankFusionDocumentJoiner();

		private @Nullable Executor executor;

		private ArmFailureMode failureMode = ArmFailureMode.CONTINUE;

		private @Nullable MeterRegistry meterRegistry;

		private @Nullable Duration deadline;

		private Builder() {
		}

		/**
		 * Adds a retriever named {@code retriever-<position>}; its position is its weight
		 * position in the joiner.
		 */
		public Builder retriever(DocumentRetriever retriever) {
			return retriever("retriever-" + (this.arms.size() + 1), retriever);
		}

		/**
		 * Adds a retriever under a name (such as {@code vector} or {@code keyword}) for
		 * metadata, metrics and messages; its position is its weight position in the
		 * joiner.
		 */
		public Builder retriever(String name, DocumentRetriever retriever) {
			Assert.hasText(name, "name must not be blank (FusionDocumentRetriever.Builder#retriever)");
			Assert.notNull(retriever, "retriever must not be null (FusionDocumentRetriever.Builder#retriever)");
			this.arms.add(new Arm(name, retriever));
			return this;
		}

		public Builder retrievers(List<DocumentRetriever> retrievers) {
			Assert.noNullElements(retrievers,
					"retrievers must not contain null elements (FusionDocumentRetriever.Builder#retrievers)");
			retrievers.forEach(this::retriever);
			return this;
		}

		/** How the lists are fused; reciprocal rank fusion with k = 60 unless set. */
		public Builder joiner(DocumentJoiner joiner) {
			this.joiner = joiner;
			return this;
		}

		/** Runs the retrievers concurrently on this executor; sequentially unless set. */
		public Builder executor(@Nullable Executor executor) {
			this.executor = executor;
			return this;
		}

		/**
		 * What to do when one retriever fails; {@link ArmFailureMode#CONTINUE} unless
		 * set.
		 */
		public Builder armFailure(ArmFailureMode failureMode) {
			this.failureMode = failureMode;
			return this;
		}

		/**
		 * Where arm failures are counted
		 * ({@value FusionDocumentRetriever#FAILURES_METER}); not counted unless set.
		 */
		public Builder meterRegistry(@Nullable MeterRegistry meterRegistry) {
			this.meterRegistry = meterRegistry;
			return this;
		}

		/**
		 * How long the retrieval waits for the arms, when they run concurrently on the
		 * {@link #executor}; an arm that has not answered by then counts as failed (tag
		 * {@code exception=timeout}). No deadline unless set.
		 */
		public Builder deadline(@Nullable Duration deadline) {
			this.deadline = deadline;
			return this;
		}

		public FusionDocumentRetriever build() {
			return new FusionDocumentRetriever(this);
		}

	}

}
