package dev.reranker.example.corpus;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Makes the bundled demo corpus a bean. */
@Configuration(proxyBeanMethods = false)
class CorpusConfiguration {

	@Bean
	DemoCorpus demoCorpus(JsonMapper jsonMapper) {
		return DemoCorpus.load(jsonMapper);
	}

}
