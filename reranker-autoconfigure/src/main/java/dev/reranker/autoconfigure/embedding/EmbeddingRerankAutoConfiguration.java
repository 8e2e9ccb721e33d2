package dev.reranker.autoconfigure.embedding;

import java.util.Arrays;
import java.util.List;

import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

import dev.reranker.RerankModel;
import dev.reranker.autoconfigure.RerankerAutoConfiguration;
import dev.reranker.autoconfigure.ConditionalOnRerankerProvider;
import dev.reranker.embedding.CaffeineDocumentVectors;
import dev.reranker.embedding.DocumentVectors;
import dev.reranker.embedding.EmbeddingRerankModel;
import dev.reranker.observation.RerankModelObservationConvention;

import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.beans.factory.BeanFactoryUtils;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.NoSuchBeanDefinitionException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.util.ClassUtils;

/**
 * Auto-configures an {@link EmbeddingRerankModel} when
 * {@code reranker.provider=embedding}, around the EmbeddingModel bean named by
 * {@code reranker.embedding.model-bean} or the only (or primary) one.
 */
@AutoConfiguration(before = RerankerAutoConfiguration.class)
@ConditionalOnClass({ EmbeddingRerankModel.class, EmbeddingModel.class })
@ConditionalOnRerankerProvider(EmbeddingRerankModel.PROVIDER)
@EnableConfigurationProperties(EmbeddingRerankProperties.class)
public class EmbeddingRerankAutoConfiguration {

	private static final String CAFFEINE = "com.github.benmanes.caffeine.cache.Caffeine";

	@Bean
	@ConditionalOnMissingBean(RerankModel.class)
	EmbeddingRerankModel embeddingRerankModel(EmbeddingRerankProperties properties,
			ObjectProvider<EmbeddingModel> embeddingModels, ListableBeanFactory beanFactory,
			ObjectProvider<ObservationRegistry> observationRegistry,
			ObjectProvider<RerankModelObservationConvention> observationConvention) {
		EmbeddingRerankModel.Builder builder = EmbeddingRerankModel.builder()
			.batchSize(properties.getBatchSize())
			.documentVectors(documentVectors(properties.getDocumentCacheSize(), beanFactory))
			.observationRegistry(observationRegistry.getIfUnique(() -> ObservationRegistry.NOOP))
			.observationConvention(observationConvention.getIfUnique());
		List<String> candidates = Arrays
			.asList(BeanFactoryUtils.beanNamesForTypeIncludingAncestors(beanFactory, EmbeddingModel.class));
		String name = properties.getModelBean();
		if (name != null && !name.isBlank()) {
			try {
				return build(builder, beanFactory.getBean(name, EmbeddingModel.class), name);
			}
			catch (NoSuchBeanDefinitionException ex) {
				throw new EmbeddingModelNotFoundException(name, candidates);
			}
		}
		EmbeddingModel model = embeddingModels.getIfUnique();
		if (model == null) {
			throw new EmbeddingModelNotFoundException(null, candidates);
		}
		return build(builder, model, (candidates.size() == 1) ? candidates.get(0) : null);
	}

	private static DocumentVectors documentVectors(long size, ListableBeanFactory beanFactory) {
		ClassLoader classLoader = (beanFactory instanceof ConfigurableBeanFactory configurable)
				? configurable.getBeanClassLoader() : null;
		if (size <= 0 || !ClassUtils.isPresent(CAFFEINE, classLoader)) {
			return DocumentVectors.NONE;
		}
		return CaffeineVectors.create(size);
	}

	/** Loaded only when Caffeine is on the class path. */
	private static final class CaffeineVectors {

		static DocumentVectors create(long size) {
			return new CaffeineDocumentVectors(size);
		}

	}

	private static EmbeddingRerankModel build(EmbeddingRerankModel.Builder builder, EmbeddingModel model,
			@Nullable String name) {
		return builder.embeddingModel(model).modelName(name).build();
	}

}
