package dev.reranker.retrieval.fusion;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import dev.reranker.retrieval.RetrievalDocumentMetadata;

import org.springframework.ai.document.Document;
import org.springframework.ai.rag.Query;
import org.springframework.ai.rag.retrieval.search.DocumentRetriever;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What a hybrid retrieval does when one arm fails: continue with the others (marked and
 * counted), or fail naming the arm.
 */
class FusionDocumentRetrieverTests {

	private final SimpleMeterRegistry meterRegistry = new SimpleMeterRegistry();

	private final DocumentRetriever vector = query -> List.of(new Document("v1", "first vector hit", new HashMap<>()),
			new Document("v2", "second vector hit", new HashMap<>()));

	private final DocumentRetriever keyword = query -> List.of(new Document("k1", "keyword hit", new HashMap<>()));

	private final DocumentRetriever broken = query -> {
		throw new IllegalStateException("keyword index is missing on public.vector_store");
	};

	private double failures(String arm) {
		var counter = this.meterRegistry.find(FusionDocumentRetriever.FAILURES_METER).tag("arm", arm).counter();
		return (counter != null) ? counter.count() : 0;
	}

	@Test
	void whenEveryArmAnswersNothingIsMarked() {
		List<Document> documents = FusionDocumentRetriever.builder()
			.retriever("vector", this.vector)
			.retriever("keyword", this.keyword)
			.meterRegistry(this.meterRegistry)
			.build()
			.retrieve(new Query("hit"));

		assertThat(documents).extracting(Document::getId).containsExactlyInAnyOrder("v1", "v2", "k1");
		assertThat(documents).allSatisfy(document -> assertThat(document.getMetadata())
			.doesNotContainKey(RetrievalDocumentMetadata.FAILED_ARMS));
		assertThat(this.meterRegistry.find(FusionDocumentRetriever.FAILURES_METER).counter()).isNull();
	}

	@Test
	void aFailedArmLeavesTheOthersResultsMarkedAndCounted() {
		FusionDocumentRetriever retriever = FusionDocumentRetriever.builder()
			.retriever("vector", this.vector)
			.retriever("keyword", this.broken)
			.meterRegistry(this.meterRegistry)
			.build();

		List<Document> documents = retriever.retrieve(new Query("hit"));

		assertThat(documents).extracting(Document::getId).containsExactly("v1", "v2");
		assertThat(documents).allSatisfy(document -> assertThat(document.getMetadata())
			.containsEntry(RetrievalDocumentMetadata.FAILED_ARMS, List.of("keyword")));
		assertThat(failures("keyword")).isEqualTo(1.0);
		assertThat(failures("vector")).isZero();

		retriever.retrieve(new Query("again"));
		assertThat(failures("keyword")).isEqualTo(2.0);
	}

	@Test
	void aFailedArmOnAnExecutorLeavesTheOthersResults() {
		ExecutorService executor = Executors.newFixedThreadPool(2);
		try {
			List<Document> documents = FusionDocumentRetriever.builder()
				.retriever("keyword", this.broken)
				.retriever("vector", this.vector)
				.executor(executor)
				.meterRegistry(this.meterRegistry)
				.build()
				.retrieve(new Query("hit"));

			assertThat(documents).extracting(Document::getId).containsExactly("v1", "v2");
			assertThat(documents.get(0).getMetadata()).containsEntry(RetrievalDocumentMetadata.FAILED_ARMS,
					List.of("keyword"));
			assertThat(failures("keyword")).isEqualTo(1.0);
		}
		finally {
			executor.shutdownNow();
		}
	}

	@Test
	void failModeNamesTheArmAndKeepsTheCause() {
		FusionDocumentRetriever retriever = FusionDocumentRetriever.builder()
			.retriever("vector", this.vector)
			.retriever("keyword", this.broken)
			.armFailure(ArmFailureMode.FAIL)
			.meterRegistry(this.meterRegistry)
			.build();

		assertThatExceptionOfType(RetrievalArmException.class).isThrownBy(() -> retriever.retrieve(new Query("hit")))
			.withMessageStartingWith("The 'keyword' arm of the hybrid retrieval failed: keyword index is missing")
			.withMessageContaining("ArmFailureMode.CONTINUE")
			.withMessageContaining("reranker.advisor.arm-failure=continue")
			.satisfies(ex -> assertThat(ex.getArm()).isEqualTo("keyword"))
			.havingCause()
			.isInstanceOf(IllegalStateException.class);
		assertThat(failures("keyword")).isEqualTo(1.0);
	}

	@Test
	void whenEveryArmFailsTheRetrievalFails() {
		FusionDocumentRetriever retriever = FusionDocumentRetriever.builder().retriever("vector", query -> {
			throw new IllegalStateException("store down");
		}).retriever("keyword", this.broken).build();

		assertThatExceptionOfType(RetrievalArmException.class).isThrownBy(() -> retriever.retrieve(new Query("hit")))
			.withMessageContaining("Every arm of the hybrid retrieval failed [vector, keyword]")
			.withMessageContaining("store down")
			.satisfies(ex -> assertThat(ex.getCause().getSuppressed()).hasSize(1));
	}

	@Test
	void unnamedRetrieversAreNamedByPosition() {
		List<Document> documents = FusionDocumentRetriever.builder()
			.retriever(this.vector)
			.retriever(this.broken)
			.build()
			.retrieve(new Query("hit"));

		assertThat(documents.get(0).getMetadata()).containsEntry(RetrievalDocumentMetadata.FAILED_ARMS,
				List.of("retriever-2"));
	}

	@Test
	void anArmThatMissesTheDeadlineIsAFailedArmMarkedAndCountedAsATimeout() throws InterruptedException {
		CountDownLatch release = new CountDownLatch(1);
		DocumentRetriever stuck = query -> {
			try {
				release.await(30, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			return List.of(new Document("late", "too late", new HashMap<>()));
		};
		ExecutorService executor = Executors.newFixedThreadPool(2);
		try {
			long started = System.nanoTime();
			List<Document> documents = FusionDocumentRetriever.builder()
				.retriever("vector", this.vector)
				.retriever("keyword", stuck)
				.executor(executor)
				.deadline(Duration.ofMillis(200))
				.meterRegistry(this.meterRegistry)
				.build()
				.retrieve(new Query("hit"));

			assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
			assertThat(documents).extracting(Document::getId).containsExactly("v1", "v2");
			assertThat(documents).allSatisfy(document -> assertThat(document.getMetadata())
				.containsEntry(RetrievalDocumentMetadata.FAILED_ARMS, List.of("keyword")));
			assertThat(this.meterRegistry.find(FusionDocumentRetriever.FAILURES_METER)
				.tag("arm", "keyword")
				.tag("exception", "timeout")
				.counter()).isNotNull().satisfies(counter -> assertThat(counter.count()).isEqualTo(1));
		}
		finally {
			release.countDown();
			executor.shutdown();
			executor.awaitTermination(10, TimeUnit.SECONDS);
		}
	}

	@Test
	void withFailAnArmThatMissesTheDeadlineFailsTheCallNamingTheArmAndTheDeadline() throws InterruptedException {
		CountDownLatch release = new CountDownLatch(1);
		DocumentRetriever stuck = query -> {
			try {
				release.await(30, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			return List.of();
		};
		ExecutorService executor = Executors.newFixedThreadPool(2);
		try {
			FusionDocumentRetriever retriever = FusionDocumentRetriever.builder()
				.retriever("vector", this.vector)
				.retriever("keyword", stuck)
				.executor(executor)
				.deadline(Duration.ofMillis(200))
				.armFailure(ArmFailureMode.FAIL)
				.build();

			assertThatExceptionOfType(RetrievalArmException.class)
				.isThrownBy(() -> retriever.retrieve(new Query("hit")))
				.satisfies(ex -> assertThat(ex.getArm()).isEqualTo("keyword"))
				.withMessageContaining("'keyword' arm")
				.withMessageContaining("retrieval deadline of 200 ms")
				.withMessageContaining("reranker.advisor.retrieval-deadline");
		}
		finally {
			release.countDown();
			executor.shutdown();
			executor.awaitTermination(10, TimeUnit.SECONDS);
		}
	}

}
