package dev.reranker.autoconfigure.actuator;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.reranker.autoconfigure.cohere.CohereRerankProperties;
import dev.reranker.autoconfigure.jina.JinaRerankProperties;
import dev.reranker.autoconfigure.local.LocalRerankerProperties;
import dev.reranker.autoconfigure.tei.TeiRerankProperties;
import dev.reranker.autoconfigure.voyage.VoyageRerankProperties;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real web application with actuator's {@code env} and {@code configprops} endpoints
 * exposed and their values shown: every provider's credential, supplied in each form
 * Spring Boot accepts (environment variables, system properties, command-line arguments;
 * canonical, camelCase and environment-variable spellings; the vendors' own variables),
 * never appears in either endpoint's body, and its key is there, masked.
 */
class ActuatorEndpointsMaskingTests {

	private static final String MASK = "******";

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** Provider prefix → the credential's property suffix. */
	private static final Map<String, String> CREDENTIALS = new LinkedHashMap<>();

	static {
		CREDENTIALS.put("cohere", "api-key");
		CREDENTIALS.put("jina", "api-key");
		CREDENTIALS.put("voyage", "api-key");
		CREDENTIALS.put("tei", "api-key");
		CREDENTIALS.put("local", "hub-token");
	}

	/** Provider → the vendor variable it falls back to. */
	private static final Map<String, String> VARIABLES = Map.of("cohere", "COHERE_API_KEY", "jina", "JINA_API_KEY",
			"voyage", "VOYAGE_API_KEY", "local", "HF_TOKEN");

	static Stream<Form> forms() {
		return Stream.of(
				new Form("environment variable, dashes removed", Where.ENVIRONMENT,
						(p) -> ("RERANKER_" + p + "_" + CREDENTIALS.get(p).replace("-", "")).toUpperCase(), true),
				new Form("environment variable, dashes as underscores", Where.ENVIRONMENT,
						(p) -> ("RERANKER_" + p + "_" + CREDENTIALS.get(p).replace('-', '_')).toUpperCase(), true),
				new Form("environment variable, lower case", Where.ENVIRONMENT,
						(p) -> "reranker_" + p + "_" + CREDENTIALS.get(p).replace('-', '_'), true),
				new Form("system property, kebab case", Where.SYSTEM_PROPERTY,
						(p) -> "reranker." + p + "." + CREDENTIALS.get(p), true),
				new Form("system property, camel case", Where.SYSTEM_PROPERTY,
						(p) -> "reranker." + p + "." + camelCase(CREDENTIALS.get(p)), true),
				new Form("command-line argument, kebab case", Where.COMMAND_LINE,
						(p) -> "reranker." + p + "." + CREDENTIALS.get(p), true),
				new Form("command-line argument, camel case", Where.COMMAND_LINE,
						(p) -> "reranker." + p + "." + camelCase(CREDENTIALS.get(p)), true),
				new Form("command-line argument, upper case", Where.COMMAND_LINE,
						(p) -> ("reranker." + p + "." + CREDENTIALS.get(p)).toUpperCase(), true),
				new Form("vendor environment variable", Where.ENVIRONMENT, VARIABLES::get, false),
				new Form("vendor variable as a system property", Where.SYSTEM_PROPERTY, VARIABLES::get, false),
				new Form("vendor variable as a command-line argument", Where.COMMAND_LINE, VARIABLES::get, false));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("forms")
	void noEndpointShowsACredential(Form form) throws Exception {
		Map<String, String> secrets = new LinkedHashMap<>();
		for (String provider : CREDENTIALS.keySet()) {
			String key = form.key().apply(provider);
			if (key != null) {
				secrets.put(key, "sk-" + provider + "-" + Integer.toHexString(form.name().hashCode()) + "-SECRET");
			}
		}
		try (ConfigurableApplicationContext context = start(form.where(), secrets)) {
			assertTheApplicationReadsEachSecret(context, form, secrets);
			String base = "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
			String env = get(base + "/actuator/env");
			String configprops = get(base + "/actuator/configprops");
			for (String secret : secrets.values()) {
				assertThat(env).as("/actuator/env").doesNotContain(secret);
				assertThat(configprops).as("/actuator/configprops").doesNotContain(secret);
			}
			Map<String, String> shown = envValues(JSON.readTree(env));
			for (String key : secrets.keySet()) {
				assertThat(shown).as("/actuator/env").containsEntry(key, MASK);
			}
			if (form.bindsProperty()) {
				JsonNode beans = JSON.readTree(configprops).path("contexts").values().iterator().next().path("beans");
				for (String provider : CREDENTIALS.keySet()) {
					JsonNode bean = beans.valueStream()
						.filter((candidate) -> candidate.path("prefix").asString().equals("reranker." + provider))
						.findFirst()
						.orElseThrow();
					assertThat(bean.path("properties").path(camelCase(CREDENTIALS.get(provider))).asString())
						.as("/actuator/configprops reranker." + provider)
						.isEqualTo(MASK);
				}
			}
		}
		finally {
			if (form.where() == Where.SYSTEM_PROPERTY) {
				secrets.keySet().forEach(System::clearProperty);
			}
		}
	}

	@Test
	void credentialsInsideOtherSettingsAreMasked() throws Exception {
		String commandLine = System.getProperty("sun.java.command");
		System.setProperty("sun.java.command", "example.App --reranker.cohere.api-key=sk-cohere-IN-COMMAND"
				+ " -Dreranker.jina.apiKey=sk-jina-IN-COMMAND --HF_TOKEN=hf-IN-COMMAND --server.shutdown=graceful");
		Map<String, String> variables = Map.of("SPRING_APPLICATION_JSON",
				"{\"reranker\": {\"voyage\": {\"api-key\": \"sk-voyage-IN-JSON\"}}}", "JAVA_TOOL_OPTIONS",
				"-Dreranker.tei.api-key=sk-tei-IN-OPTIONS -Xss1m");
		try (ConfigurableApplicationContext context = start(variables, List.of())) {
			assertThat(context.getBean(VoyageRerankProperties.class).getApiKey()).isEqualTo("sk-voyage-IN-JSON");
			String base = "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
			String env = get(base + "/actuator/env");
			assertThat(env).doesNotContain("sk-cohere-IN-COMMAND", "sk-jina-IN-COMMAND", "hf-IN-COMMAND",
					"sk-voyage-IN-JSON", "sk-tei-IN-OPTIONS");
			Map<String, String> shown = envValues(JSON.readTree(env));
			assertThat(shown.get("sun.java.command")).isEqualTo("example.App --reranker.cohere.api-key=******"
					+ " -Dreranker.jina.apiKey=****** --HF_TOKEN=****** --server.shutdown=graceful");
			assertThat(shown.get("JAVA_TOOL_OPTIONS")).isEqualTo("-Dreranker.tei.api-key=****** -Xss1m");
			assertThat(shown.get("SPRING_APPLICATION_JSON")).isEqualTo(MASK);
		}
		finally {
			System.setProperty("sun.java.command", (commandLine != null) ? commandLine : "");
		}
	}

	/** Without this, a form Boot did not bind would pass for the wrong reason. */
	private static void assertTheApplicationReadsEachSecret(ConfigurableApplicationContext context, Form form,
			Map<String, String> secrets) {
		for (String provider : CREDENTIALS.keySet()) {
			String key = form.key().apply(provider);
			if (key == null) {
				continue;
			}
			String read = form.bindsProperty() ? bound(context, provider)
					: context.getEnvironment().getProperty(VARIABLES.get(provider));
			assertThat(read).as(key + " is read by the application").isEqualTo(secrets.get(key));
		}
	}

	private static String bound(ConfigurableApplicationContext context, String provider) {
		return switch (provider) {
			case "cohere" -> context.getBean(CohereRerankProperties.class).getApiKey();
			case "jina" -> context.getBean(JinaRerankProperties.class).getApiKey();
			case "voyage" -> context.getBean(VoyageRerankProperties.class).getApiKey();
			case "tei" -> context.getBean(TeiRerankProperties.class).getApiKey();
			case "local" -> context.getBean(LocalRerankerProperties.class).getHubToken();
			default -> throw new IllegalArgumentException(provider);
		};
	}

	private static ConfigurableApplicationContext start(Where where, Map<String, String> secrets) {
		return switch (where) {
			case ENVIRONMENT -> start(secrets, List.of());
			case SYSTEM_PROPERTY -> {
				secrets.forEach(System::setProperty);
				yield start(Map.of(), List.of());
			}
			case COMMAND_LINE -> start(Map.of(),
					secrets.entrySet()
						.stream()
						.map((entry) -> "--" + entry.getKey() + "=" + entry.getValue())
						.toList());
		};
	}

	private static ConfigurableApplicationContext start(Map<String, String> environmentVariables, List<String> args) {
		SpringApplication application = new SpringApplication(ActuatorApplication.class);
		application.setWebApplicationType(WebApplicationType.SERVLET);
		Map<String, Object> defaults = new LinkedHashMap<>();
		defaults.put("server.port", "0");
		defaults.put("server.address", "127.0.0.1");
		defaults.put("management.endpoints.web.exposure.include", "env,configprops");
		defaults.put("management.endpoint.env.show-values", "always");
		defaults.put("management.endpoint.configprops.show-values", "always");
		// A provider whose start-up needs neither a key nor a model.
		defaults.put("reranker.provider", "tei");
		// Binding the local provider's properties validates them; nothing is loaded.
		defaults.put("reranker.local.model", "cross-encoder/ms-marco-MiniLM-L6-v2");
		defaults.put("spring.main.banner-mode", "off");
		application.setDefaultProperties(defaults);
		// What Boot treats as environment variables: a SystemEnvironmentPropertySource
		// under
		// the standard name.
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
					new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
							new LinkedHashMap<>(environmentVariables)));
		application.setEnvironment(environment);
		return application.run(args.toArray(String[]::new));
	}

	private static String get(String url) throws Exception {
		HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(url).isEqualTo(200);
		return response.body();
	}

	/** Every key of every property source in an env body, with the value shown. */
	private static Map<String, String> envValues(JsonNode env) {
		Map<String, String> values = new LinkedHashMap<>();
		env.path("propertySources")
			.forEach((source) -> source.path("properties")
				.properties()
				.forEach((entry) -> values.put(entry.getKey(), entry.getValue().path("value").asString())));
		return values;
	}

	private static String camelCase(String kebab) {
		int dash = kebab.indexOf('-');
		return kebab.substring(0, dash) + Character.toUpperCase(kebab.charAt(dash + 1)) + kebab.substring(dash + 2);
	}

	enum Where {

		ENVIRONMENT, SYSTEM_PROPERTY, COMMAND_LINE

	}

	/**
	 * One way to supply the credentials.
	 *
	 * @param name what the form is
	 * @param where which kind of property source
	 * @param key the key for a provider, or {@code null} when the form has none for it
	 * @param bindsProperty whether the key binds the provider's property (else it is the
	 * vendor variable, read from the environment)
	 */
	record Form(String name, Where where, Function<String, String> key, boolean bindsProperty) {

		@Override
		public String toString() {
			return this.name;
		}

	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@EnableConfigurationProperties({ CohereRerankProperties.class, JinaRerankProperties.class,
			VoyageRerankProperties.class, TeiRerankProperties.class, LocalRerankerProperties.class })
	static class ActuatorApplication {

	}

}
