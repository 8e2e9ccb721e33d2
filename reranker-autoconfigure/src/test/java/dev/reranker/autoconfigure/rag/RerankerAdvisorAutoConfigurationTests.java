package dev.reranker.autoconfigure.rag;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.reranker.RerankModel;
import dev.reranker.TermOverlapRerankModel;
import dev.reranker.autoconfigure.RerankerAutoConfiguration;
import dev.reranker.testfixtures.embedding.MiniLmEmbeddingModel;
import dev.reranker.retrieval.fusion.ArmFailureMode;
import dev.reranker.retrieval.fusion.ReciprocalRankFusionDocumentJoiner;
import dev.reranker.retrieval.keyword.PgKeywordDocumentRetriever;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.document.Document;
import org.springframework.ai.rag.advisor.RetrievalAugmentationAdvisor;
import org.springframework.ai.rag.retrieval.search.DocumentRetriever;
import org.springframework.ai.rag.retrieval.search.VectorStoreDocumentRetriever;
import org.springframework.ai.vectorstore.SimpleVectorStore;
import org.springframework.ai.vectorstore.VectorStore;
import org.springframework.ai.vectorstore.pgvector.PgVectorStore;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class RerankerAdvisorAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(RerankerAutoConfiguration.class, RerankerAdvisorAutoConfiguration.class))
		.withUserConfiguration(RerankModelConfiguration.class);

	private final ApplicationContextRunner withVectorStore = this.contextRunner
		.withUserConfiguration(SimpleVectorStoreConfiguration.class);

	@Test
	void aVectorStoreBeanGetsAnAdvisorWithTheDefaults() {
		this.withVectorStore.run(context -> {
			assertThat(context).hasSingleBean(RetrievalAugmentationAdvisor.class);
			assertThat(context).doesNotHaveBean(PgKeywordDocumentRetriever.class);
			RerankerAdvisorProperties properties = context.getBean(RerankerAdvisorProperties.class);
			assertThat(properties.getCandidates()).isEqualTo(50);
			assertThat(properties.getSimilarityThreshold()).isNull();
			assertThat(properties.isAllowEmptyContext()).isFalse();
			assertThat(properties.getKeyword().isEnabled()).isFalse();
			assertThat(properties.getKeyword().isInitializeSchema()).isFalse();
			// The literals in the properties (for IDE metadata) match the library
			// defaults.
			assertThat(properties.getKeyword().getTextSearchConfig())
				.isEqualTo(PgKeywordDocumentRetriever.DEFAULT_TEXT_SEARCH_CONFIG)
				.isEqualTo("english");
			assertThat(properties.getKeyword().getK1()).isEqualTo(PgKeywordDocumentRetriever.DEFAULT_K1).isEqualTo(1.2);
			assertThat(properties.getKeyword().getB()).isEqualTo(PgKeywordDocumentRetriever.DEFAULT_B).isEqualTo(0.75);
			assertThat(properties.getKeyword().getCandidateLimit())
				.isEqualTo(PgKeywordDocumentRetriever.DEFAULT_CANDIDATE_LIMIT)
				.isEqualTo(1000);
			assertThat(properties.getKeyword().getMaxQueryTerms())
				.isEqualTo(PgKeywordDocumentRetriever.DEFAULT_MAX_QUERY_TERMS);
			assertThat(properties.getKeyword().getMaxQueryWords())
				.isEqualTo(PgKeywordDocumentRetriever.DEFAULT_MAX_QUERY_WORDS)
				.isEqualTo(1024);
			assertThat(properties.getKeyword().getMaxQuerySize().toBytes())
				.isEqualTo(PgKeywordDocumentRetriever.DEFAULT_MAX_QUERY_BYTES)
				.isEqualTo(16 * 1024);
			assertThat(properties.getArmFailure()).isEqualTo(ArmFailureMode.CONTINUE);
			assertThat(properties.getFusion().getK()).isEqualTo(ReciprocalRankFusionDocumentJoiner.DEFAULT_K)
				.isEqualTo(60);
			assertThat(properties.getFusion().getVectorWeight()).isEqualTo(1.0);
			assertThat(properties.getFusion().getKeywordWeight()).isEqualTo(1.0);
		});
	}

	@Test
	void propertiesBind() {
		this.withVectorStore
			.withPropertyValues("reranker.advisor.candidates=80", "reranker.advisor.similarity-threshold=0.3",
					"reranker.advisor.allow-empty-context=true", "reranker.advisor.keyword.text-search-config=german",
					"reranker.advisor.keyword.k1=0.9", "reranker.advisor.keyword.b=0.4",
					"reranker.advisor.keyword.candidate-limit=500", "reranker.advisor.fusion.k=20",
					"reranker.advisor.fusion.keyword-weight=2", "reranker.advisor.arm-failure=fail",
					"reranker.advisor.keyword.max-query-words=200", "reranker.advisor.keyword.max-query-size=2KB",
					"reranker.advisor.keyword.query-timeout=750ms", "reranker.advisor.retrieval-deadline=3s")
			.run(context -> {
				RerankerAdvisorProperties properties = context.getBean(RerankerAdvisorProperties.class);
				assertThat(properties.getCandidates()).isEqualTo(80);
				assertThat(properties.getSimilarityThreshold()).isEqualTo(0.3);
				assertThat(properties.isAllowEmptyContext()).isTrue();
				assertThat(properties.getKeyword().getTextSearchConfig()).isEqualTo("german");
				assertThat(properties.getKeyword().getK1()).isEqualTo(0.9);
				assertThat(properties.getKeyword().getB()).isEqualTo(0.4);
				assertThat(properties.getKeyword().getCandidateLimit()).isEqualTo(500);
				assertThat(properties.getFusion().getK()).isEqualTo(20);
				assertThat(properties.getFusion().getKeywordWeight()).isEqualTo(2.0);
				assertThat(properties.getArmFailure()).isEqualTo(ArmFailureMode.FAIL);
				assertThat(properties.getKeyword().getMaxQueryWords()).isEqualTo(200);
				assertThat(properties.getKeyword().getMaxQuerySize().toBytes()).isEqualTo(2048);
				assertThat(properties.getKeyword().getQueryTimeout()).isEqualTo(Duration.ofMillis(750));
				assertThat(properties.getRetrievalDeadline()).isEqualTo(Duration.ofSeconds(3));
				assertThat(context).hasSingleBean(RetrievalAugmentationAdvisor.class);
			});
	}

	@Test
	void theAdvisorRetrievesThroughTheFirstStageBean() {
		this.withVectorStore.run(context -> {
			assertThat(context.getBean(RerankerAdvisorAutoConfiguration.FIRST_STAGE_RETRIEVER_BEAN_NAME))
				.isInstanceOf(VectorStoreDocumentRetriever.class);
			context.getBean(VectorStore.class)
				.add(List.of(new Document("Titanium alloys resist corrosion in seawater."),
						new Document("The museum opens at nine on weekdays.")));

			String prompt = askThroughTheAdvisor(context, "Which alloys resist corrosion?");

			assertThat(prompt).contains("Titanium alloys resist corrosion in seawater.");
		});
	}

	@Test
	void theFirstStageBeanLeavesTheApplicationsOwnRetrieversUnambiguous() {
		this.withVectorStore.withUserConfiguration(ApplicationRetrieverConfiguration.class).run(context -> {
			assertThat(context).hasNotFailed();
			ApplicationRetrieverConfiguration application = context.getBean(ApplicationRetrieverConfiguration.class);
			// An unqualified injection point gets the application's retriever, and a
			// retriever of another name does not replace the first stage.
			assertThat(context.getBean(RetrieverConsumer.class).retriever()).isSameAs(application.retriever);
			assertThat(context.getBean(RerankerAdvisorAutoConfiguration.FIRST_STAGE_RETRIEVER_BEAN_NAME))
				.isInstanceOf(VectorStoreDocumentRetriever.class);
		});
	}

	@Test
	void aUserFirstStageRetrieverWinsAndFeedsTheAdvisor() {
		this.withVectorStore.withUserConfiguration(UserFirstStageConfiguration.class).run(context -> {
			assertThat(context.getBean(RerankerAdvisorAutoConfiguration.FIRST_STAGE_RETRIEVER_BEAN_NAME))
				.isSameAs(context.getBean(UserFirstStageConfiguration.class).retriever);

			String prompt = askThroughTheAdvisor(context, "Which retriever found this passage?");

			assertThat(prompt).contains(UserFirstStageConfiguration.PASSAGE);
		});
	}

	private static String askThroughTheAdvisor(ApplicationContext context, String question) {
		RerankerAdvisorChatClientTests.CapturingChatModel chatModel = new RerankerAdvisorChatClientTests.CapturingChatModel();
		ChatClient.builder(chatModel)
			.build()
			.prompt()
			.advisors(context.getBean(RetrievalAugmentationAdvisor.class))
			.user(question)
			.call()
			.content();
		return chatModel.lastUserText();
	}

	@Test
	void noVectorStoreNoAdvisor() {
		this.contextRunner
			.run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(RetrievalAugmentationAdvisor.class));
	}

	@Test
	void disabledByProperty() {
		this.withVectorStore.withPropertyValues("reranker.advisor.enabled=false")
			.run(context -> assertThat(context).doesNotHaveBean(RetrievalAugmentationAdvisor.class));
	}

	@Test
	void noRerankingNoAdvisor() {
		this.withVectorStore.withPropertyValues("reranker.enabled=false")
			.run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(RetrievalAugmentationAdvisor.class));
	}

	@Test
	void aUserDefinedAdvisorWins() {
		this.withVectorStore.withUserConfiguration(UserAdvisorConfiguration.class).run(context -> {
			assertThat(context).hasSingleBean(RetrievalAugmentationAdvisor.class);
			assertThat(context.getBean(RetrievalAugmentationAdvisor.class))
				.isSameAs(context.getBean(UserAdvisorConfiguration.class).advisor);
		});
	}

	@Test
	void backsOffWithoutSpringAiRag() {
		this.withVectorStore.withClassLoader(new FilteredClassLoader(RetrievalAugmentationAdvisor.class))
			.run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(RetrievalAugmentationAdvisor.class));
	}

	@Test
	void keywordRetrievalOnAStoreThatIsNotPgVectorFailsWithAnAnalysis() {
		this.withVectorStore.withPropertyValues("reranker.advisor.keyword.enabled=true").run(context -> {
			assertThat(context).hasFailed();
			Throwable failure = context.getStartupFailure();
			assertThat(failure).rootCause().isInstanceOf(KeywordRetrievalUnavailableException.class);
			FailureAnalysis analysis = new KeywordRetrievalUnavailableFailureAnalyzer().analyze(failure);
			assertThat(analysis.getDescription()).contains("reranker.advisor.keyword.enabled=true")
				.contains(SimpleVectorStore.class.getName());
			assertThat(analysis.getAction()).contains("reranker.advisor.keyword.enabled=false");
		});
	}

	@Test
	void keywordRetrievalWithoutPgVectorOnTheClassPathFails() {
		this.withVectorStore.withPropertyValues("reranker.advisor.keyword.enabled=true")
			.withClassLoader(new FilteredClassLoader(PgVectorStore.class))
			.run(context -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.isInstanceOf(KeywordRetrievalUnavailableException.class)
				.hasMessageContaining("spring-ai-pgvector-store"));
	}

	@Test
	void invalidValuesFailNamingTheProperty() {
		this.withVectorStore.withPropertyValues("reranker.advisor.candidates=0")
			.run(context -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("reranker.advisor.candidates must be at least 1"));
		this.withVectorStore.withPropertyValues("reranker.advisor.similarity-threshold=1.5")
			.run(context -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("reranker.advisor.similarity-threshold must be between 0 and 1"));
		this.withVectorStore.withPropertyValues("reranker.advisor.keyword.b=2")
			.run(context -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("reranker.advisor.keyword.b must be between 0 and 1"));
		this.withVectorStore.withPropertyValues("reranker.advisor.keyword.candidate-limit=10")
			.run(context -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("reranker.advisor.keyword.candidate-limit must be at least"));
		this.withVectorStore.withPropertyValues("reranker.advisor.keyword.max-query-words=0")
			.run(context -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("reranker.advisor.keyword.max-query-words must be at least 1"));
		this.withVectorStore.withPropertyValues("reranker.advisor.keyword.max-query-size=0B")
			.run(context -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("reranker.advisor.keyword.max-query-size must be between 1B and 2GB"));
		this.withVectorStore.withPropertyValues("reranker.advisor.fusion.keyword-weight=-1")
			.run(context -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("reranker.advisor.fusion.keyword-weight must be a finite number >= 0"));
		this.withVectorStore.withPropertyValues("reranker.advisor.keyword.query-timeout=0s")
			.run(context -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("reranker.advisor.keyword.query-timeout must be positive"));
		this.withVectorStore.withPropertyValues("reranker.advisor.retrieval-deadline=-1s")
			.run(context -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("reranker.advisor.retrieval-deadline must be positive"));
	}

	@Configuration(proxyBeanMethods = false)
	static class RerankModelConfiguration {

		@Bean
		RerankModel rerankModel() {
			return new TermOverlapRerankModel();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class SimpleVectorStoreConfiguration {

		@Bean
		VectorStore vectorStore() {
			return SimpleVectorStore.builder(MiniLmEmbeddingModel.get()).build();
		}

	}

	record RetrieverConsumer(DocumentRetriever retriever) {
	}

	@Configuration(proxyBeanMethods = false)
	static class ApplicationRetrieverConfiguration {

		final DocumentRetriever retriever = query -> List.of();

		@Bean
		DocumentRetriever applicationRetriever() {
			return this.retriever;
		}

		@Bean
		RetrieverConsumer retrieverConsumer(DocumentRetriever retriever) {
			return new RetrieverConsumer(retriever);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserFirstStageConfiguration {

		static final String PASSAGE = "This passage was found by the user's own retriever.";

		final DocumentRetriever retriever = query -> List.of(new Document(PASSAGE));

		@Bean(RerankerAdvisorAutoConfiguration.FIRST_STAGE_RETRIEVER_BEAN_NAME)
		DocumentRetriever userFirstStage() {
			return this.retriever;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserAdvisorConfiguration {

		final RetrievalAugmentationAdvisor advisor;

		UserAdvisorConfiguration(VectorStore vectorStore) {
			this.advisor = RetrievalAugmentationAdvisor.builder()
				.documentRetriever(VectorStoreDocumentRetriever.builder().vectorStore(vectorStore).build())
				.build();
		}

		@Bean
		RetrievalAugmentationAdvisor userAdvisor() {
			return this.advisor;
		}

	}

}
