package dev.reranker.autoconfigure.actuator;

import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * The settings that hold a credential, and whether a property source entry supplies one.
 * <p>
 * An entry is a secret when Spring Boot itself would read it as one: the entry is put
 * alone into a property source (once as an environment variable, once as any other
 * property, since the two follow different naming rules) and Boot's own relaxed binding
 * is asked whether that source supplies one of the secret
 * {@link ConfigurationPropertyName names}. The property source an actuator entry comes
 * from is deliberately not consulted (see {@link #isSecret(String)}). So every form
 * binding accepts is recognised, with no list of spellings to keep in step with Boot:
 * {@code reranker.cohere.api-key}, {@code reranker.cohere.apiKey},
 * {@code RERANKER_COHERE_APIKEY}, {@code RERANKER_COHERE_API_KEY}, … The vendor variables
 * ({@code COHERE_API_KEY}, {@code HF_TOKEN}, …) are read with
 * {@code Environment.getProperty} and are matched the way that lookup matches them.
 */
final class RerankerSecrets {

	/**
	 * Properties that hold a credential. Every provider with a key is here; a test checks
	 * the configuration metadata for credentials missing from this list.
	 */
	static final List<ConfigurationPropertyName> PROPERTIES = List.of(
			ConfigurationPropertyName.of("reranker.cohere.api-key"),
			ConfigurationPropertyName.of("reranker.jina.api-key"),
			ConfigurationPropertyName.of("reranker.voyage.api-key"),
			ConfigurationPropertyName.of("reranker.tei.api-key"),
			ConfigurationPropertyName.of("reranker.local.hub-token"));

	/** Variables the providers fall back to when their property is not set. */
	static final List<String> VARIABLES = List.of("COHERE_API_KEY", "JINA_API_KEY", "VOYAGE_API_KEY", "HF_TOKEN");

	private static final String PLACEHOLDER = "value";

	private RerankerSecrets() {
	}

	/**
	 * Whether an entry holds a credential. Both readings (environment variable, other
	 * property) are tried whatever source the entry comes from: a key set where Boot does
	 * not read it (say {@code -DRERANKER_COHERE_API_KEY=…}) is still a key.
	 * @param key the entry's key as its property source spells it, or a bound property's
	 * qualified name (configprops: {@code reranker.local.hubToken})
	 * @return whether the value must be masked
	 */
	static boolean isSecret(String key) {
		if (PROPERTIES.contains(ConfigurationPropertyName.adapt(key, '.'))) {
			return true;
		}
		Map<String, Object> entry = Map.of(key, PLACEHOLDER);
		// Boot maps environment-variable spellings only in sources with this name (or one
		// ending in "-systemEnvironment").
		return suppliesSecret(
				new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, entry))
				|| suppliesSecret(new MapPropertySource("entry", entry)) || isVariable(key);
	}

	private static boolean suppliesSecret(PropertySource<?> single) {
		ConfigurationPropertySource adapted = ConfigurationPropertySource.from(single);
		if (adapted != null) {
			for (ConfigurationPropertyName name : PROPERTIES) {
				if (adapted.getConfigurationProperty(name) != null) {
					return true;
				}
			}
		}
		return false;
	}

	/**
	 * {@code Environment.getProperty} finds the variables by their exact name; the case
	 * is ignored here so that a variable set in another case (Windows ignores it) is
	 * masked too.
	 */
	private static boolean isVariable(String key) {
		for (String variable : VARIABLES) {
			if (variable.equalsIgnoreCase(key)) {
				return true;
			}
		}
		return false;
	}

}
