package dev.reranker.autoconfigure.llm;

import java.util.Arrays;
import java.util.List;

import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

import dev.reranker.RerankModel;
import dev.reranker.autoconfigure.ConditionalOnRerankerProvider;
import dev.reranker.autoconfigure.RerankerAutoConfiguration;
import dev.reranker.autoconfigure.RerankerProperties;
import dev.reranker.autoconfigure.http.RerankerRetryProperties;
import dev.reranker.llm.LlmAnswerObservationConvention;
import dev.reranker.llm.LlmRerankModel;
import dev.reranker.observation.RerankModelObservationConvention;

import org.springframework.ai.chat.model.ChatModel;
import org.springframework.beans.factory.BeanFactoryUtils;
import org.springframework.beans.factory.BeanNotOfRequiredTypeException;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.NoSuchBeanDefinitionException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configures an {@link LlmRerankModel} when {@code reranker.provider=llm}, around
 * the ChatModel bean named by {@code reranker.llm.chat-model} or the only (or primary)
 * one, bounded by {@code reranker.call-deadline} and retrying transient failures as
 * {@code reranker.retry.*} says.
 */
@AutoConfiguration(before = RerankerAutoConfiguration.class)
@ConditionalOnClass({ LlmRerankModel.class, ChatModel.class })
@ConditionalOnRerankerProvider(LlmRerankModel.PROVIDER)
@EnableConfigurationProperties({ LlmRerankProperties.class, RerankerProperties.class, RerankerRetryProperties.class })
public class LlmRerankAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(RerankModel.class)
	LlmRerankModel llmRerankModel(LlmRerankProperties properties, RerankerProperties rerankerProperties,
			RerankerRetryProperties retryProperties, ObjectProvider<ChatModel> chatModels,
			ListableBeanFactory beanFactory, ObjectProvider<ObservationRegistry> observationRegistry,
			ObjectProvider<RerankModelObservationConvention> observationConvention,
			ObjectProvider<LlmAnswerObservationConvention> answerObservationConvention) {
		return LlmRerankModel.builder()
			.chatModel(chatModel(properties.getChatModel(), chatModels, beanFactory))
			.mode(properties.getMode())
			.prompts(properties.prompts())
			.windowSize(properties.getWindowSize())
			.step(properties.getStep())
			.maxConcurrency(properties.getMaxConcurrency())
			.maxPassageLength(properties.getMaxPassageLength())
			.model(properties.getModel())
			.temperature(properties.getTemperature())
			.settings(retryProperties.toSettings(rerankerProperties.getCallDeadline()))
			.observationRegistry(observationRegistry.getIfUnique(() -> ObservationRegistry.NOOP))
			.observationConvention(observationConvention.getIfUnique())
			.answerObservationConvention(answerObservationConvention.getIfUnique())
			.build();
	}

	private static ChatModel chatModel(@Nullable String name, ObjectProvider<ChatModel> chatModels,
			ListableBeanFactory beanFactory) {
		List<String> candidates = Arrays
			.asList(BeanFactoryUtils.beanNamesForTypeIncludingAncestors(beanFactory, ChatModel.class));
		if (name != null && !name.isBlank()) {
			try {
				return beanFactory.getBean(name, ChatModel.class);
			}
			catch (NoSuchBeanDefinitionException | BeanNotOfRequiredTypeException ex) {
				throw new ChatModelNotFoundException(name, candidates);
			}
		}
		ChatModel model = chatModels.getIfUnique();
		if (model == null) {
			throw new ChatModelNotFoundException(null, candidates);
		}
		return model;
	}

}
