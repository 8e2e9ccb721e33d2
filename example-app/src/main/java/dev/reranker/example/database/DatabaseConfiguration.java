package dev.reranker.example.database;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Creates the {@code pgvector} profile's database on first run when
 * {@code app.database.create-if-missing=true}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DatabaseProperties.class)
class DatabaseConfiguration {

	@Bean
	@ConditionalOnProperty("app.database.create-if-missing")
	static DatabaseCreator databaseCreator(ObjectProvider<JdbcConnectionDetails> connectionDetails) {
		return new DatabaseCreator(connectionDetails);
	}

}
