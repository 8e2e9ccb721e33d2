package dev.reranker.eval;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.reranker.RerankModel;

import org.springframework.ai.transformers.TransformersEmbeddingModel;
import org.springframework.beans.factory.NoSuchBeanDefinitionException;
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
 * Starts a rerank provider exactly as an application using the starter would: a Spring
 * Boot context with auto-configuration, the command line's {@code reranker.*} properties,
 * and {@code reranker.provider} set to the provider under evaluation.
 */
final class RerankProviders {

	/** Spring AI's switch for its embedding model auto-configurations. */
	private static final String EMBEDDING_MODEL_SELECTOR = "spring.ai.model.embedding";

	/** Spring AI's switch for its chat model auto-configurations. */
	private static final String CHAT_MODEL_SELECTOR = "spring.ai.model.chat";

	private RerankProviders() {
	}

	/**
	 * A started provider; close it to release the model.
	 *
	 * @param name the provider as named in {@code eval.providers}
	 * @param label the name used in reports (provider and model)
	 * @param note what a reader of the report must know about the model, or {@code null}
	 * @param model the rerank model bean
	 * @param context the provider's context
	 */
	record Provider(String name, String label, @Nullable String note, RerankModel model,
			ConfigurableApplicationContext context) implements AutoCloseable {

		@Override
		public void close() {
			this.context.close();
		}

	}

	/**
	 * Starts a provider.
	 * @param name the value for {@code reranker.provider}
	 * @param args the tool's command-line arguments
	 * @return the started provider
	 * @throws IllegalStateException naming the provider when it cannot start
	 */
	static Provider start(String name, String[] args) {
		return start(name, null, Map.of(), args);
	}

	/**
	 * Starts a variant of a provider.
	 * @param name the value for {@code reranker.provider}
	 * @param variant the variant's name, shown in reports, or {@code null}
	 * @param properties properties of the variant, over the command line's
	 * @param args the tool's command-line arguments
	 * @return the started provider
	 * @throws IllegalStateException naming the provider when it cannot start
	 */
	static Provider start(String name, @Nullable String variant, Map<String, String> properties, String[] args) {
		Map<String, Object> overrides = new LinkedHashMap<>(properties);
		overrides.put("reranker.enabled", "true");
		overrides.put("reranker.provider", name);
		ApplicationListener<ApplicationEnvironmentPreparedEvent> override = event -> {
			if (!name.equals("embedding") && !event.getEnvironment().containsProperty(EMBEDDING_MODEL_SELECTOR)) {
				// only the 'embedding' provider needs Spring AI's EmbeddingModel: do not
				// load one for the others
				overrides.put(EMBEDDING_MODEL_SELECTOR, "none");
			}
			if (!event.getEnvironment().containsProperty(CHAT_MODEL_SELECTOR)) {
				// the chat model (eval.answers) starts in a context of its own: a
				// provider
				// gets one only when the command line asks for it
				overrides.put(CHAT_MODEL_SELECTOR, "none");
			}
			event.getEnvironment()
				.getPropertySources()
				.addFirst(new MapPropertySource("evalRerankProvider", overrides));
		};
		ConfigurableApplicationContext context;
		try {
			context = new SpringApplicationBuilder(ProviderConfiguration.class).web(WebApplicationType.NONE)
				.logStartupInfo(false)
				.bannerMode(org.springframework.boot.Banner.Mode.OFF)
				.listeners(override)
				.registerShutdownHook(false)
				.run(Arrays.copyOf(args, args.length));
		}
		catch (RuntimeException ex) {
			throw new IllegalStateException("Rerank provider '" + name + "'"
					+ ((variant != null) ? " (variant '" + variant + "')" : "") + " could not start: " + rootMessage(ex)
					+ "; check its reranker." + name + ".* properties or remove it from eval.providers", ex);
		}
		RerankModel model;
		try {
			model = context.getBean(RerankModel.class);
		}
		catch (NoSuchBeanDefinitionException ex) {
			context.close();
			throw new IllegalStateException("Rerank provider '" + name + "' defined no single RerankModel bean ("
					+ ex.getMessage() + "); is it on the class path?", ex);
		}
		boolean transformers = !context.getBeansOfType(TransformersEmbeddingModel.class).isEmpty();
		String label = ModelLabels.provider(name, model, context.getEnvironment(), transformers, variant);
		String note = (name.equals("embedding") && transformers)
				? ModelLabels.poolingNote(ModelLabels.transformersModel(context.getEnvironment())) : null;
		return new Provider(name, label, note, model, context);
	}

	private static String rootMessage(Throwable ex) {
		Throwable cause = NestedExceptionUtils.getMostSpecificCause(ex);
		StringBuilder message = new StringBuilder(String.valueOf(ex.getMessage()));
		if (cause != ex) {
			message.append(" (caused by ").append(cause.getMessage()).append(')');
		}
		return message.toString();
	}

	/** The provider's context: auto-configuration only. */
	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class ProviderConfiguration {

	}

}
