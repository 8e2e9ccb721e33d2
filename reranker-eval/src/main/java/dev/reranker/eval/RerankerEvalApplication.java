package dev.reranker.eval;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Import;

/**
 * Command-line entry point of the evaluation tool. The tool's own context has no
 * auto-configuration but Spring Boot's DataSource and JdbcTemplate (spring.datasource.*,
 * used by the PostgreSQL first stages, connecting only when one runs): each rerank
 * provider starts in a context of its own (see {@link RerankProviders}), so the
 * reranker.* properties configure exactly one provider at a time.
 */
@SpringBootConfiguration
@EnableConfigurationProperties({ EvalProperties.class, AnswerProperties.class })
@Import({ EvalConfiguration.class, EvalCommand.class })
@ImportAutoConfiguration({ DataSourceAutoConfiguration.class, JdbcTemplateAutoConfiguration.class })
public class RerankerEvalApplication {

	static {
		// DJL must never try to download engines or tokenizers: everything ships in jars.
		if (System.getProperty("ai.djl.offline") == null) {
			System.setProperty("ai.djl.offline", "true");
		}
	}

	public static void main(String[] args) {
		System.exit(SpringApplication.exit(SpringApplication.run(RerankerEvalApplication.class, args)));
	}

}
