package dev.reranker.autoconfigure.embedding;

import java.util.List;

import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.observation.tck.TestObservationRegistry;
import org.junit.jupiter.api.Test;

import dev.reranker.RerankingDocumentPostProcessor;
import dev.reranker.autoconfigure.RerankerAutoConfiguration;
import dev.reranker.embedding.CaffeineDocumentVectors;
import dev.reranker.embedding.DocumentVectors;
import dev.reranker.embedding.EmbeddingRerankModel;
import dev.reranker.embedding.HashingEmbeddingModel;

import org.springframework.ai.document.Document;
import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.ai.rag.Query;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static io.micrometer.observation.tck.TestObservationRegistryAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

class EmbeddingRerankAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(EmbeddingRerankAutoConfiguration.class, RerankerAutoConfiguration.class))
		.withPropertyValues("reranker.provider=embedding");

	@Test
	void usesTheOnlyEmbeddingModel() {
		HashingEmbeddingModel embeddings = new HashingEmbeddingModel(64);
		this.runner.withBean("hashing", EmbeddingModel.class, () -> embeddings).run(context -> {
			assertThat(context).hasNotFailed().hasSingleBean(EmbeddingRerankModel.class);
			EmbeddingRerankModel model = context.getBean(EmbeddingRerankModel.class);
			assertThat(model.getEmbeddingModel()).isSameAs(embeddings);
			assertThat(model.getDefaultOptions().getModel()).isEqualTo("hashing");
			List<Document> result = context.getBean(RerankingDocumentPostProcessor.class)
				.process(new Query("spring reranker"),
						List.of(new Document("garden tools"), new Document("a spring reranker")));
			assertThat(result).extracting(Document::getText).containsExactly("a spring reranker", "garden tools");
		});
	}

	@Test
	void theModelObservesItsCallsInTheObservationRegistryBean() {
		TestObservationRegistry registry = TestObservationRegistry.create();
		this.runner.withBean("hashing", EmbeddingModel.class, () -> new HashingEmbeddingModel(64))
			.withBean(TestObservationRegistry.class, () -> registry)
			.run(context -> {
				EmbeddingRerankModel model = context.getBean(EmbeddingRerankModel.class);
				assertThat(model.getObservationRegistry()).isSameAs(registry);
				assertThat(context.getBean(RerankingDocumentPostProcessor.class).getRerankModel()).isSameAs(model);

				model.score("spring reranker", List.of("garden tools"));

				assertThat(registry).hasSingleObservationThat()
					.hasNameEqualTo("gen_ai.client.operation")
					.hasLowCardinalityKeyValue("gen_ai.system", "embedding")
					.hasLowCardinalityKeyValue("gen_ai.request.model", "hashing");
			});
	}

	@Test
	void documentVectorsAreCachedInCaffeineByDefault() {
		this.runner.withBean("hashing", EmbeddingModel.class, () -> new HashingEmbeddingModel(64)).run(context -> {
			EmbeddingRerankModel model = context.getBean(EmbeddingRerankModel.class);
			assertThat(model.getBatchSize()).isEqualTo(EmbeddingRerankModel.DEFAULT_BATCH_SIZE);
			assertThat(model.getDocumentVectors()).isInstanceOf(CaffeineDocumentVectors.class)
				.hasToString("CaffeineDocumentVectors{maximumSize=10000}");
		});
	}

	@Test
	void batchSizeAndCacheSizeAreConfigurable() {
		this.runner.withBean("hashing", EmbeddingModel.class, () -> new HashingEmbeddingModel(64))
			.withPropertyValues("reranker.embedding.batch-size=8", "reranker.embedding.document-cache-size=0")
			.run(context -> {
				EmbeddingRerankModel model = context.getBean(EmbeddingRerankModel.class);
				assertThat(model.getBatchSize()).isEqualTo(8);
				assertThat(model.getDocumentVectors()).isSameAs(DocumentVectors.NONE);
			});
	}

	@Test
	void withoutCaffeineNoVectorsAreKept() {
		this.runner.withBean("hashing", EmbeddingModel.class, () -> new HashingEmbeddingModel(64))
			.withClassLoader(new FilteredClassLoader(Caffeine.class))
			.run(context -> assertThat(context.getBean(EmbeddingRerankModel.class).getDocumentVectors())
				.isSameAs(DocumentVectors.NONE));
	}

	@Test
	void modelBeanPicksOneOfSeveral() {
		HashingEmbeddingModel small = new HashingEmbeddingModel(16);
		HashingEmbeddingModel large = new HashingEmbeddingModel(512);
		this.runner.withBean("small", EmbeddingModel.class, () -> small)
			.withBean("large", EmbeddingModel.class, () -> large)
			.withPropertyValues("reranker.embedding.model-bean=large")
			.run(context -> assertThat(context.getBean(EmbeddingRerankModel.class).getEmbeddingModel())
				.isSameAs(large));
	}

	@Test
	void ambiguousEmbeddingModelsAreExplained() {
		this.runner.withBean("small", EmbeddingModel.class, () -> new HashingEmbeddingModel(16))
			.withBean("large", EmbeddingModel.class, () -> new HashingEmbeddingModel(512))
			.run(context -> {
				assertThat(context).hasFailed();
				FailureAnalysis analysis = new EmbeddingModelNotFoundFailureAnalyzer()
					.analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("small").contains("large");
				assertThat(analysis.getAction()).contains("reranker.embedding.model-bean");
			});
	}

	@Test
	void unknownModelBeanIsExplained() {
		this.runner.withBean("small", EmbeddingModel.class, () -> new HashingEmbeddingModel(16))
			.withPropertyValues("reranker.embedding.model-bean=missing")
			.run(context -> {
				FailureAnalysis analysis = new EmbeddingModelNotFoundFailureAnalyzer()
					.analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("reranker.embedding.model-bean is 'missing'")
					.contains("small");
			});
	}

	@Test
	void noEmbeddingModelIsExplained() {
		this.runner.run(context -> {
			FailureAnalysis analysis = new EmbeddingModelNotFoundFailureAnalyzer().analyze(context.getStartupFailure());
			assertThat(analysis.getDescription()).contains("found: none");
			assertThat(analysis.getAction()).contains("embedding model starter").contains("reranker.provider");
		});
	}

	@Test
	void userBeanMakesItBackOff() {
		EmbeddingRerankModel mine = new EmbeddingRerankModel(new HashingEmbeddingModel(8));
		this.runner.withBean(EmbeddingRerankModel.class, () -> mine)
			.run(context -> assertThat(context.getBean(EmbeddingRerankModel.class)).isSameAs(mine));
	}

	@Test
	void onlyWhenSelected() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(EmbeddingRerankAutoConfiguration.class))
			.withBean(EmbeddingModel.class, () -> new HashingEmbeddingModel(8))
			.run(context -> assertThat(context).doesNotHaveBean(EmbeddingRerankModel.class));
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(EmbeddingRerankAutoConfiguration.class))
			.withPropertyValues("reranker.provider=embedding")
			.withClassLoader(new FilteredClassLoader(EmbeddingModel.class))
			.run(context -> assertThat(context).doesNotHaveBean(EmbeddingRerankModel.class));
	}

}
