package dev.reranker.autoconfigure;

import io.micrometer.observation.ObservationRegistry;

import dev.reranker.RerankModel;
import dev.reranker.RerankingDocumentPostProcessor;
import dev.reranker.autoconfigure.cache.RerankScoreCaching;
import dev.reranker.autoconfigure.context.RerankerContextProperties;
import dev.reranker.autoconfigure.context.RerankerCutoffProperties;
import dev.reranker.autoconfigure.context.RerankerDiversityProperties;
import dev.reranker.autoconfigure.context.RerankerLongDocumentsProperties;
import dev.reranker.observation.DefaultRerankObservationConvention;
import dev.reranker.observation.ObservedRerankModel;
import dev.reranker.observation.RerankModelObservationConvention;
import dev.reranker.observation.RerankObservationConvention;
import dev.reranker.passage.PassageWindowing;

import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configures the {@link RerankingDocumentPostProcessor} around whichever
 * {@link RerankModel} the provider auto-configurations (or the application) define. Backs
 * off when the application defines its own {@link RerankingDocumentPostProcessor}.
 * <p>
 * The built-in models observe their own calls (their auto-configurations pass the
 * {@link ObservationRegistry} bean); an application's own {@link RerankModel} bean is
 * wrapped in an {@link ObservedRerankModel} for the post-processor, so its calls through
 * the post-processor are observed too (direct calls are observed when the application
 * wraps the model itself).
 * <p>
 * With a score cache ({@code reranker.cache.type=local|redis}, see
 * {@link RerankScoreCaching}), the cache goes in front of the observed model: only the
 * documents the cache does not have reach the model, and only calls that reach it are
 * observed as model calls ({@code gen_ai.client.operation}); the post-processor's own
 * observation covers every call.
 */
@AutoConfiguration
@ConditionalOnClass(RerankingDocumentPostProcessor.class)
@ConditionalOnBooleanProperty(name = RerankerProperties.PREFIX + ".enabled", matchIfMissing = true)
@EnableConfigurationProperties({ RerankerProperties.class, RerankerContextProperties.class,
		RerankerCutoffProperties.class, RerankerDiversityProperties.class, RerankerLongDocumentsProperties.class })
public class RerankerAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	RerankingDocumentPostProcessor rerankingDocumentPostProcessor(RerankerProperties properties,
			RerankerContextProperties context, RerankerCutoffProperties cutoff, RerankerDiversityProperties diversity,
			ObjectProvider<EmbeddingModel> embeddingModels, ObjectProvider<RerankModel> rerankModel,
			ObjectProvider<ObservationRegistry> observationRegistry,
			ObjectProvider<RerankObservationConvention> observationConvention,
			ObjectProvider<RerankModelObservationConvention> modelObservationConvention,
			ObjectProvider<RerankScoreCaching> scoreCaching, RerankerLongDocumentsProperties longDocuments,
			ObjectProvider<PassageWindowing> windowing) {
		RerankModel model = rerankModel.getIfUnique();
		if (model == null) {
			long count = rerankModel.stream().count();
			if (count > 1) {
				throw new IllegalStateException("Found " + count + " RerankModel beans and none is @Primary: mark "
						+ "the one to rerank with @Primary, or define the RerankingDocumentPostProcessor bean yourself");
			}
			throw new NoRerankModelException(properties.getProvider());
		}
		ObservationRegistry registry = observationRegistry.getIfUnique(() -> ObservationRegistry.NOOP);
		RerankModel observed = ObservedRerankModel.of(model, registry, modelObservationConvention.getIfUnique());
		RerankScoreCaching caching = scoreCaching.getIfUnique();
		return RerankingDocumentPostProcessor.builder()
			.rerankModel((caching != null) ? caching.wrap(observed) : observed)
			.topN(properties.getTopN())
			.minScore(properties.getMinScore())
			.minResults(properties.getMinResults())
			.maxCandidates(properties.getMaxCandidates())
			.cutoff(context.cutoff(cutoff.getRatio()))
			.contextPolicy(diversity.applyTo(context.contextPolicyBuilder(), embeddingModels)
				.longDocuments(longDocuments.longDocuments(model, windowing.getIfUnique()))
				.build())
			.failureMode(properties.getOnFailure())
			.latencyBudget(properties.getLatencyBudget())
			.observationRegistry(registry)
			.observationConvention(observationConvention.getIfAvailable(
					() -> new DefaultRerankObservationConvention(properties.getObservations().isIncludeQuery())))
			.build();
	}

}
