package dev.reranker.starter;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.reranker.RerankDocumentMetadata;
import dev.reranker.RerankingDocumentPostProcessor;
import dev.reranker.cohere.CohereRerankModel;
import dev.reranker.testfixtures.http.LoopbackRerankServer;
import dev.reranker.testfixtures.http.LoopbackRerankServer.Protocol;

import org.springframework.ai.document.Document;
import org.springframework.ai.rag.Query;
import org.springframework.ai.rag.postretrieval.document.DocumentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.ClassUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A remote-only application: the starter with {@code reranker-local} excluded, as the
 * README shows, so neither DJL nor ONNX Runtime nor any native library is on the class
 * path (this module's Surefire configuration removes them, as the user's exclusion
 * would). Nothing but auto-configuration, {@code reranker.provider=cohere} and a base URL
 * give a working {@link DocumentPostProcessor}.
 */
class RemoteOnlyApplicationTests {

	@Test
	void theClassPathHasNoDjlNoOnnxRuntimeAndNoLocalProvider() {
		ClassLoader classLoader = getClass().getClassLoader();
		assertThat(ClassUtils.isPresent("ai.djl.engine.Engine", classLoader)).isFalse();
		assertThat(ClassUtils.isPresent("ai.onnxruntime.OrtEnvironment", classLoader)).isFalse();
		assertThat(ClassUtils.isPresent("dev.reranker.local.LocalRerankModel", classLoader)).isFalse();
	}

	@Test
	void startsWithTheCohereProviderAndReranksThroughThePostProcessor() {
		try (LoopbackRerankServer server = LoopbackRerankServer.start(Protocol.COHERE)) {
			SpringApplication application = new SpringApplication(TinyApplication.class);
			application.setWebApplicationType(WebApplicationType.NONE);
			try (ConfigurableApplicationContext context = application.run("--reranker.provider=cohere",
					"--reranker.cohere.base-url=" + server.baseUrl(), "--reranker.top-n=2")) {
				assertThat(context.getBeansOfType(DocumentPostProcessor.class)).hasSize(1);
				assertThat(context.getBean(RerankingDocumentPostProcessor.class).getRerankModel())
					.isInstanceOf(CohereRerankModel.class);

				List<Document> result = context.getBean(DocumentPostProcessor.class)
					.process(new Query("pgvector hybrid search"), List.of(new Document("cooking pasta"),
							new Document("hybrid search with pgvector"), new Document("vector search")));

				assertThat(result).extracting(Document::getText)
					.containsExactly("hybrid search with pgvector", "vector search");
				assertThat(result.get(0).getMetadata()).containsEntry(RerankDocumentMetadata.RERANK_SCORE, 1.0)
					.containsEntry(RerankDocumentMetadata.RETRIEVAL_RANK, 2);
				assertThat(server.requests()).hasSize(1);
			}
		}
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class TinyApplication {

	}

}
