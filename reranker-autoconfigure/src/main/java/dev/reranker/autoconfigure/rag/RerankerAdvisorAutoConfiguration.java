package dev.reranker.autoconfigure.rag;

import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;

import dev.reranker.RerankingDocumentPostProcessor;
import dev.reranker.autoconfigure.RerankerAutoConfiguration;
import dev.reranker.retrieval.fusion.FusionDocumentRetriever;
import dev.reranker.retrieval.fusion.ReciprocalRankFusionDocumentJoiner;
import dev.reranker.retrieval.keyword.PgKeywordDocumentRetriever;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.rag.advisor.RetrievalAugmentationAdvisor;
import org.springframework.ai.rag.generation.augmentation.ContextualQueryAugmenter;
import org.springframework.ai.rag.retrieval.search.DocumentRetriever;
import org.springframework.ai.rag.retrieval.search.VectorStoreDocumentRetriever;
import org.springframework.ai.vectorstore.VectorStore;
import org.springframework.ai.vectorstore.pgvector.PgVectorStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigureOrder;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Auto-configures a {@link RetrievalAugmentationAdvisor} that retrieves candidates from
 * the application's {@link VectorStore} (plus, when the store is a {@link PgVectorStore}
 * and {@code reranker.advisor.keyword.enabled=true}, BM25 keyword search on the same
 * table, fused with reciprocal rank fusion), reranks them with the
 * {@link RerankingDocumentPostProcessor} and augments the prompt with Spring AI's
 * {@link ContextualQueryAugmenter}. Use it as
 * {@code chatClient.prompt().advisors(advisor)}. Backs off when the application defines
 * its own {@link RetrievalAugmentationAdvisor}.
 * <p>
 * The first stage is a bean of its own, named {@value #FIRST_STAGE_RETRIEVER_BEAN_NAME}:
 * inject it to retrieve exactly the candidates the advisor reranks, or define a
 * {@link DocumentRetriever} of that name to replace it. A {@link PgVectorStore} is
 * searched through {@link dev.reranker.retrieval.vector.TopKPgVectorStore}, so that its
 * approximate index returns {@code reranker.advisor.candidates} rows.
 * <p>
 * Ordered last among auto-configurations: {@code @ConditionalOnBean(VectorStore.class)}
 * sees only the beans defined before it, and Spring AI's vector store auto-configurations
 * (Redis, Qdrant, Elasticsearch, Chroma, …) sort after {@code dev.*} by name, and have
 * the default order, so the lowest order puts this one after them whatever their package.
 * The {@code afterName} on PgVector's states the one dependency known by name.
 */
@AutoConfiguration(after = RerankerAutoConfiguration.class,
		afterName = "org.springframework.ai.vectorstore.pgvector.autoconfigure.PgVectorStoreAutoConfiguration")
@AutoConfigureOrder(Ordered.LOWEST_PRECEDENCE)
@ConditionalOnClass({ RetrievalAugmentationAdvisor.class, VectorStore.class, RerankingDocumentPostProcessor.class })
@ConditionalOnBooleanProperty(name = RerankerAdvisorProperties.PREFIX + ".enabled", matchIfMissing = true)
@ConditionalOnBean({ VectorStore.class, RerankingDocumentPostProcessor.class })
@EnableConfigurationProperties(RerankerAdvisorProperties.class)
public class RerankerAdvisorAutoConfiguration {

	/**
	 * Name (and qualifier) of the first-stage {@link DocumentRetriever} bean the advisor
	 * uses. Define a bean of this name to replace it.
	 */
	public static final String FIRST_STAGE_RETRIEVER_BEAN_NAME = "rerankerFirstStageDocumentRetriever";

	/**
	 * The first stage: vector search on the {@link VectorStore}, fused with the keyword
	 * arm when it is enabled. Not a default candidate for injection by type, so it does
	 * not clash with the application's own {@link DocumentRetriever}s (nor with the
	 * keyword arm's bean); inject it with
	 * {@code @Qualifier(FIRST_STAGE_RETRIEVER_BEAN_NAME)}.
	 */
	@Bean(name = FIRST_STAGE_RETRIEVER_BEAN_NAME, defaultCandidate = false)
	@ConditionalOnMissingBean(name = FIRST_STAGE_RETRIEVER_BEAN_NAME)
	@ConditionalOnSingleCandidate(VectorStore.class)
	DocumentRetriever rerankerFirstStageDocumentRetriever(RerankerAdvisorProperties properties, VectorStore vectorStore,
			ObjectProvider<PgKeywordDocumentRetriever> keywordRetriever, ObjectProvider<MeterRegistry> meterRegistry) {
		VectorStoreDocumentRetriever.Builder vector = VectorStoreDocumentRetriever.builder()
			.vectorStore(PgVectorSearchViews.forSearch(vectorStore))
			.topK(properties.getCandidates());
		if (properties.getSimilarityThreshold() != null) {
			vector.similarityThreshold(properties.getSimilarityThreshold());
		}
		if (!properties.getKeyword().isEnabled()) {
			return vector.build();
		}
		PgKeywordDocumentRetriever keyword = keywordRetriever.getIfUnique();
		if (keyword == null) {
			throw new KeywordRetrievalUnavailableException(vectorStore);
		}
		RerankerAdvisorProperties.Fusion fusion = properties.getFusion();
		return FusionDocumentRetriever.builder()
			.retriever("vector", vector.build())
			.retriever("keyword", keyword)
			.armFailure(properties.getArmFailure())
			.executor(armExecutor())
			.deadline(properties.getRetrievalDeadline())
			.meterRegistry(meterRegistry.getIfUnique())
			.joiner(ReciprocalRankFusionDocumentJoiner.builder()
				.k(fusion.getK())
				.weights(fusion.getVectorWeight(), fusion.getKeywordWeight())
				.build())
			.build();
	}

	/**
	 * The arms run on threads of their own so that the retrieval deadline holds whatever
	 * an arm waits on. A thread per arm and call, not a bean: an executor bean would make
	 * Boot's task execution auto-configuration back off, and a pool would need a
	 * lifecycle. The threads are daemons, so an arm still running past the deadline
	 * (until its own timeout ends it) never holds up shutdown.
	 */
	private static SimpleAsyncTaskExecutor armExecutor() {
		SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor("reranker-retrieval-");
		executor.setDaemon(true);
		return executor;
	}

	@Bean
	@ConditionalOnMissingBean(RetrievalAugmentationAdvisor.class)
	RetrievalAugmentationAdvisor rerankingRetrievalAugmentationAdvisor(RerankerAdvisorProperties properties,
			@Qualifier(FIRST_STAGE_RETRIEVER_BEAN_NAME) ObjectProvider<DocumentRetriever> firstStage,
			RerankingDocumentPostProcessor rerankingDocumentPostProcessor,
			ObjectProvider<ChatClient.Builder> chatClientBuilders, ObjectProvider<ChatModel> chatModels) {
		DocumentRetriever retriever = firstStage.getIfAvailable();
		if (retriever == null) {
			throw new IllegalStateException("The reranking advisor needs one VectorStore bean but found several; mark "
					+ "one @Primary, define a DocumentRetriever bean named '" + FIRST_STAGE_RETRIEVER_BEAN_NAME
					+ "' or your own RetrievalAugmentationAdvisor, or set " + RerankerAdvisorProperties.PREFIX
					+ ".enabled=false");
		}
		// The joiner also fuses the lists of several queries when the application adds a
		// query expander; one list passes through in its own order.
		boolean rewrite = properties.getQueryRewrite() == QueryRewrite.COMPRESSION;
		RetrievalAugmentationAdvisor.Builder advisor = RetrievalAugmentationAdvisor.builder()
			.documentRetriever(retriever)
			.documentJoiner(ReciprocalRankFusionDocumentJoiner.builder().k(properties.getFusion().getK()).build())
			.documentPostProcessors(
					List.of(rewrite ? RewrittenQueries.rerankWithRewrittenQuery(rerankingDocumentPostProcessor)
							: rerankingDocumentPostProcessor))
			.queryAugmenter(
					ContextualQueryAugmenter.builder().allowEmptyContext(properties.isAllowEmptyContext()).build());
		if (rewrite) {
			advisor.queryTransformers(RewrittenQueries.compression(chatClientBuilders, chatModels));
		}
		return advisor.build();
	}

	/** The keyword arm, over the table of a {@link PgVectorStore}. */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ PgVectorStore.class, JdbcTemplate.class, PgKeywordDocumentRetriever.class })
	@ConditionalOnBooleanProperty(name = RerankerAdvisorProperties.PREFIX + ".keyword.enabled")
	static class KeywordRetrievalConfiguration {

		@Bean
		@ConditionalOnMissingBean
		@ConditionalOnBean(PgVectorStore.class)
		PgKeywordDocumentRetriever pgKeywordDocumentRetriever(RerankerAdvisorProperties properties,
				PgVectorStore vectorStore, Environment environment) {
			RerankerAdvisorProperties.Keyword keyword = properties.getKeyword();
			JdbcTemplate jdbcTemplate = vectorStore.<JdbcTemplate>getNativeClient()
				.orElseThrow(() -> new IllegalStateException("PgVectorStore exposes no JdbcTemplate"));
			String schema = (keyword.getSchemaName() != null) ? keyword.getSchemaName() : environment
				.getProperty("spring.ai.vectorstore.pgvector.schema-name", PgVectorStore.DEFAULT_SCHEMA_NAME);
			String table = (keyword.getTableName() != null) ? keyword.getTableName() : environment
				.getProperty("spring.ai.vectorstore.pgvector.table-name", PgVectorStore.DEFAULT_TABLE_NAME);
			return PgKeywordDocumentRetriever.builder(jdbcTemplate)
				.schemaName(schema)
				.tableName(table)
				.textSearchConfig(keyword.getTextSearchConfig())
				.k1(keyword.getK1())
				.b(keyword.getB())
				.topK(properties.getCandidates())
				.candidateLimit(keyword.getCandidateLimit())
				.maxQueryTerms(keyword.getMaxQueryTerms())
				.maxQueryWords(keyword.getMaxQueryWords())
				.maxQueryBytes((int) keyword.getMaxQuerySize().toBytes())
				.queryTimeout(keyword.getQueryTimeout())
				.initializeSchema(keyword.isInitializeSchema())
				.build();
		}

	}

}
