package dev.reranker.eval;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.ai.chat.model.ChatModel;
import org.springframework.beans.factory.NoSuchBeanDefinitionException;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.core.env.MapPropertySource;

/**
 * Starts a chat model the way an application gets one (for {@code reranker-eval}'s
 * answers mode and {@code reranker-train}'s query generation): a Spring Boot context with
 * Spring AI's auto-configuration and the command line's {@code spring.ai.*} properties
 * (by default Spring AI's OpenAI chat model, which any OpenAI-compatible server can back
 * through {@code spring.ai.openai.base-url}). Only the chat model is started: Spring AI's
 * other model kinds and the reranker are switched off in that context.
 */
public final class ChatModelContext implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(ChatModelContext.class);

	/** Spring AI's switches for its model kinds other than chat. */
	private static final List<String> OTHER_MODELS = List.of("spring.ai.model.embedding", "spring.ai.model.image",
			"spring.ai.model.moderation", "spring.ai.model.audio.speech", "spring.ai.model.audio.transcription");

	private final ChatModel model;

	private final String label;

	private final ConfigurableApplicationContext context;

	private ChatModelContext(ChatModel model, String label, ConfigurableApplicationContext context) {
		this.model = model;
		this.label = label;
		this.context = context;
	}

	/**
	 * @param args the tool's command-line arguments
	 * @param option the tool's option that needs the chat model, named in errors (such as
	 * {@code eval.answers})
	 * @return the started chat model
	 * @throws IllegalStateException saying which properties to set when no single chat
	 * model starts
	 */
	public static ChatModelContext start(String[] args, String option) {
		ApplicationListener<ApplicationEnvironmentPreparedEvent> override = event -> {
			Map<String, Object> overrides = new LinkedHashMap<>();
			overrides.put("reranker.enabled", "false");
			OTHER_MODELS.forEach(property -> overrides.put(property, "none"));
			event.getEnvironment().getPropertySources().addFirst(new MapPropertySource("evalChatModel", overrides));
		};
		ConfigurableApplicationContext context;
		try {
			context = new SpringApplicationBuilder(ChatConfiguration.class).web(WebApplicationType.NONE)
				.logStartupInfo(false)
				.bannerMode(Banner.Mode.OFF)
				.listeners(override)
				.registerShutdownHook(false)
				.run(Arrays.copyOf(args, args.length));
		}
		catch (RuntimeException ex) {
			Throwable cause = NestedExceptionUtils.getMostSpecificCause(ex);
			throw new IllegalStateException("The chat model of " + option + " could not start: " + cause.getMessage()
					+ "; configure it with Spring AI's properties, e.g. --spring.ai.openai.base-url=<OpenAI-compatible"
					+ " server> --spring.ai.openai.api-key=<key> --spring.ai.openai.chat.options.model=<model>", ex);
		}
		ChatModel model;
		try {
			model = context.getBean(ChatModel.class);
		}
		catch (NoSuchBeanDefinitionException ex) {
			context.close();
			throw new IllegalStateException(option + " needs one Spring AI ChatModel but the context has "
					+ ((ex.getNumberOfBeansFound() > 1) ? ex.getNumberOfBeansFound() : "none")
					+ "; set spring.ai.model.chat=openai (the default) with spring.ai.openai.* properties, or another"
					+ " provider's starter and its properties", ex);
		}
		String modelName = context.getEnvironment()
			.getProperty("spring.ai.openai.chat.options.model",
					context.getEnvironment().getProperty("spring.ai.openai.chat.model", ""));
		String label = model.getClass().getSimpleName() + (modelName.isEmpty() ? "" : " (" + modelName + ")");
		logger.info("Chat model for {} started: {}", option, label);
		return new ChatModelContext(model, label, context);
	}

	/**
	 * @return the chat model
	 */
	public ChatModel model() {
		return this.model;
	}

	/**
	 * @return the chat model's class and model name, for the report
	 */
	public String label() {
		return this.label;
	}

	@Override
	public void close() {
		this.context.close();
	}

	/** The chat model's context: auto-configuration only. */
	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class ChatConfiguration {

	}

}
