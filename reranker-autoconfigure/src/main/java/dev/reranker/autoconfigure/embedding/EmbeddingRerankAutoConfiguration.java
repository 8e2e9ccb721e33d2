package dev.reranker.autoconfigure.embedding;

import java.util.Arrays;
import java.util.List;

import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

import dev.reranker.RerankModel;
import dev.reranker.autoconfigure.RerankerAutoConfiguration;
import dev.reranker.autoconfigure.ConditionalOnRerankerProvider;
import dev.reranker.embedding.EmbeddingRerankModel;
import dev.reranker.observation.RerankModelObservationConvention;

import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.beans.factory.BeanFactoryUtils;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.NoSuchBeanDefinitionException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

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

	@Bean
	@ConditionalOnMissingBean(RerankModel.class)
	EmbeddingRerankModel embeddingRerankModel(EmbeddingRerankProperties properties,
			ObjectProvider<EmbeddingModel> embeddingModels, ListableBeanFactory beanFactory,
			ObjectProvider<ObservationRegistry> observationRegistry,
			ObjectProvider<RerankModelObservationConvention> observationConvention) {
		EmbeddingRerankModel.Builder builder = EmbeddingRerankModel.builder()
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

	private static EmbeddingRerankModel build(EmbeddingRerankModel.Builder builder, EmbeddingModel model,
			@Nullable String name) {
		return builder.embeddingModel(model).modelName(name).build();
	}

}
