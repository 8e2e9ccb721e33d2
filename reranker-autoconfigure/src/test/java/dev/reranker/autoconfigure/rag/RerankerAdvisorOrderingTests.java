package dev.reranker.autoconfigure.rag;

import org.junit.jupiter.api.Test;
import zzz.test.ZzzVectorStoreAutoConfiguration;

import dev.reranker.RerankModel;
import dev.reranker.TermOverlapRerankModel;
import dev.reranker.autoconfigure.RerankerAutoConfiguration;
import dev.reranker.autoconfigure.local.LocalRerankerAutoConfiguration;

import org.springframework.ai.rag.advisor.RetrievalAugmentationAdvisor;
import org.springframework.ai.vectorstore.SimpleVectorStore;
import org.springframework.ai.vectorstore.VectorStore;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The advisor appears when the VectorStore comes from an auto-configuration that sorts
 * after the advisor's by name ({@code zzz.test}), as every Spring AI store but PgVector's
 * does: in an ApplicationContextRunner, and in a real application that reads the
 * auto-configurations from the {@code AutoConfiguration.imports} files.
 */
class RerankerAdvisorOrderingTests {

	@Test
	void aStoreFromAnAutoConfigurationThatSortsLastGetsTheAdvisor() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ZzzVectorStoreAutoConfiguration.class,
					RerankerAutoConfiguration.class, RerankerAdvisorAutoConfiguration.class))
			.withBean(RerankModel.class, TermOverlapRerankModel::new)
			.withPropertyValues("zzz.test.vector-store.enabled=true")
			.run(context -> {
				assertThat(context).hasSingleBean(VectorStore.class).hasSingleBean(RetrievalAugmentationAdvisor.class);
				assertThat(context.getBean(VectorStore.class)).isInstanceOf(SimpleVectorStore.class);
			});
	}

	@Test
	void aStoreFromTheImportsFilesGetsTheAdvisorInARealApplication() {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(Application.class)
			.web(WebApplicationType.NONE)
			.bannerMode(Banner.Mode.OFF)
			.logStartupInfo(false)
			.properties("zzz.test.vector-store.enabled=true",
					"spring.autoconfigure.exclude=" + LocalRerankerAutoConfiguration.class.getName())
			.run()) {
			assertThat(context.getBean(VectorStore.class)).isInstanceOf(SimpleVectorStore.class);
			assertThat(context.getBeansOfType(RetrievalAugmentationAdvisor.class)).hasSize(1);
		}
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class Application {

		@Bean
		RerankModel rerankModel() {
			return new TermOverlapRerankModel();
		}

	}

}
