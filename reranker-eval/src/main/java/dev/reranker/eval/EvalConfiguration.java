package dev.reranker.eval;

import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.ai.transformers.TransformersEmbeddingModel;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Beans of the tool's own context: the local embedding model the dense first stages use
 * (created only when a dense stage is evaluated) and the first-stage factory.
 */
@Configuration(proxyBeanMethods = false)
class EvalConfiguration {

	@Bean
	@Lazy
	TransformersEmbeddingModel evalEmbeddingModel(EvalProperties properties) throws Exception {
		return FirstStageFactory.embeddingModel(properties.getEmbedding());
	}

	@Bean
	FirstStageFactory firstStageFactory(EvalProperties properties, ObjectProvider<EmbeddingModel> embeddingModel,
			ObjectProvider<JdbcTemplate> jdbcTemplate) {
		return new FirstStageFactory(properties, embeddingModel::getObject, jdbcTemplate::getObject);
	}

}
