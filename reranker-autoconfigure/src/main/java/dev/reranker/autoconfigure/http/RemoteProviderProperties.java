package dev.reranker.autoconfigure.http;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.reranker.http.RemoteRerankModel;

import org.springframework.boot.context.properties.DeprecatedConfigurationProperty;
import org.springframework.util.StringUtils;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * Settings every remote provider group ({@code reranker.cohere.*},
 * {@code reranker.jina.*}, …) has. Implements {@link Validator} so that a bad value stops
 * start-up with a message that names the property.
 */
public abstract class RemoteProviderProperties implements Validator {

	/**
	 * API key, sent as a Bearer token. Falls back to the provider's usual environment
	 * variable; required only for the provider's hosted API.
	 */
	private @Nullable String apiKey;

	/**
	 * Base URL of the rerank service (scheme, host, port and optional path prefix). For
	 * several equivalent servers, set base-urls instead.
	 */
	private String baseUrl;

	// Whether base-url was set, so that setting it together with base-urls is an error
	// rather than one silently winning (base-url has a default).
	private boolean baseUrlSet;

	/**
	 * Base URLs of several equivalent servers (replicas serving the same model) to spread
	 * requests over round-robin; one that refuses connections or answers 5xx is skipped
	 * for endpoint-cool-down. Replaces base-url; set one or the other.
	 */
	private List<String> baseUrls = new ArrayList<>();

	/**
	 * How long an endpoint listed in base-urls is skipped after it refused a connection
	 * or answered 5xx, while the others serve. When every endpoint is cooling down, the
	 * one whose cool-down ends first is tried.
	 */
	private Duration endpointCoolDown = RemoteRerankModel.DEFAULT_ENDPOINT_COOL_DOWN;

	/**
	 * Model to ask the service for.
	 */
	private @Nullable String model;

	/**
	 * Connect and read timeout of one HTTP request. Unset leaves it to the HTTP client's
	 * settings; reranker.call-deadline still bounds the whole call.
	 */
	private @Nullable Duration requestTimeout;

	// Which key set requestTimeout: the deprecated <prefix>.timeout must not override
	// <prefix>.request-timeout, whatever order they are bound in, and validation names
	// the key the user wrote.
	private boolean requestTimeoutFromDeprecatedKey;

	private boolean requestTimeoutSet;

	protected RemoteProviderProperties(String baseUrl, @Nullable String model) {
		this.baseUrl = baseUrl;
		this.model = model;
	}

	/**
	 * The most documents sent in one request.
	 * @return the per-request limit
	 */
	protected abstract int documentsPerRequest();

	/**
	 * The name of the property that sets {@link #documentsPerRequest()}.
	 * @return the property name relative to the prefix, in camel case
	 */
	protected String documentsPerRequestProperty() {
		return "maxDocumentsPerRequest";
	}

	/**
	 * The property prefix of this provider, e.g. {@code reranker.cohere}.
	 * @return the prefix
	 */
	protected abstract String prefix();

	public @Nullable String getApiKey() {
		return this.apiKey;
	}

	public void setApiKey(@Nullable String apiKey) {
		this.apiKey = apiKey;
	}

	public String getBaseUrl() {
		return this.baseUrl;
	}

	public void setBaseUrl(String baseUrl) {
		this.baseUrl = baseUrl;
		this.baseUrlSet = true;
	}

	public List<String> getBaseUrls() {
		return this.baseUrls;
	}

	public void setBaseUrls(List<String> baseUrls) {
		this.baseUrls = baseUrls;
	}

	public Duration getEndpointCoolDown() {
		return this.endpointCoolDown;
	}

	public void setEndpointCoolDown(Duration endpointCoolDown) {
		this.endpointCoolDown = endpointCoolDown;
	}

	/**
	 * The base URLs requests go to: base-urls when set, else base-url.
	 * @return the base URLs, at least one
	 */
	public List<String> effectiveBaseUrls() {
		return this.baseUrls.isEmpty() ? List.of(this.baseUrl) : List.copyOf(this.baseUrls);
	}

	public @Nullable String getModel() {
		return this.model;
	}

	public void setModel(@Nullable String model) {
		this.model = model;
	}

	public @Nullable Duration getRequestTimeout() {
		return this.requestTimeout;
	}

	public void setRequestTimeout(@Nullable Duration requestTimeout) {
		this.requestTimeout = requestTimeout;
		this.requestTimeoutSet = true;
		this.requestTimeoutFromDeprecatedKey = false;
	}

	/**
	 * The timeout of one HTTP request, under its former name. Each provider's replacement
	 * key is declared in additional-spring-configuration-metadata.json, as this
	 * annotation cannot vary by subclass.
	 * @return the request timeout
	 * @deprecated since 0.1.0 in favour of {@link #getRequestTimeout()}
	 */
	@Deprecated(since = "0.1.0")
	@DeprecatedConfigurationProperty(since = "0.1.0",
			reason = "Renamed to request-timeout, so that it is not mistaken for reranker.call-deadline. When both "
					+ "are set, request-timeout wins.")
	public @Nullable Duration getTimeout() {
		return this.requestTimeout;
	}

	/**
	 * Sets the timeout of one HTTP request, unless {@link #setRequestTimeout(Duration)}
	 * has.
	 * @param timeout the request timeout
	 * @deprecated since 0.1.0 in favour of {@link #setRequestTimeout(Duration)}
	 */
	@Deprecated(since = "0.1.0")
	public void setTimeout(@Nullable Duration timeout) {
		if (!this.requestTimeoutSet) {
			this.requestTimeout = timeout;
			this.requestTimeoutFromDeprecatedKey = true;
		}
	}

	private void validateUrl(Errors errors, String field, String property, @Nullable String url) {
		if (!StringUtils.hasText(url)) {
			errors.rejectValue(field, prefix() + "." + property + ".empty", prefix() + "." + property
					+ (field.equals("baseUrl") ? " must not be empty" : " must not contain an empty URL"));
		}
		else if (!url.startsWith("http://") && !url.startsWith("https://")) {
			errors.rejectValue(field, prefix() + "." + property + ".scheme",
					prefix() + "." + property + " must start with http:// or https:// but was '" + url + "'");
		}
	}

	private static String kebab(String camel) {
		return camel.replaceAll("([A-Z])", "-$1").toLowerCase(java.util.Locale.ROOT);
	}

	@Override
	public boolean supports(Class<?> type) {
		return getClass().isAssignableFrom(type);
	}

	@Override
	public void validate(Object target, Errors errors) {
		RemoteProviderProperties properties = (RemoteProviderProperties) target;
		if (properties.baseUrlSet && !properties.getBaseUrls().isEmpty()) {
			errors.rejectValue("baseUrls", prefix() + ".base-urls.conflict",
					prefix() + ".base-url and " + prefix() + ".base-urls are both set: set only one of them ("
							+ prefix() + ".base-urls for several endpoints, listing every one)");
		}
		else if (properties.getBaseUrls().isEmpty()) {
			validateUrl(errors, "baseUrl", "base-url", properties.getBaseUrl());
		}
		else {
			for (String url : properties.getBaseUrls()) {
				validateUrl(errors, "baseUrls", "base-urls", url);
			}
		}
		Duration coolDown = properties.getEndpointCoolDown();
		if (coolDown == null || coolDown.isNegative()) {
			errors.rejectValue("endpointCoolDown", prefix() + ".endpoint-cool-down.range",
					prefix() + ".endpoint-cool-down must be a duration of 0 or more");
		}
		Duration timeout = properties.getRequestTimeout();
		if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
			if (properties.requestTimeoutFromDeprecatedKey) {
				errors.rejectValue("timeout", prefix() + ".timeout.range",
						prefix() + ".timeout must be a positive " + "duration (" + prefix()
								+ ".timeout is deprecated: set " + prefix() + ".request-timeout instead)");
			}
			else {
				errors.rejectValue("requestTimeout", prefix() + ".request-timeout.range",
						prefix() + ".request-timeout must be a positive duration");
			}
		}
		if (properties.documentsPerRequest() < 1) {
			errors.rejectValue(documentsPerRequestProperty(), prefix() + ".documents-per-request.range",
					prefix() + "." + kebab(documentsPerRequestProperty()) + " must be at least 1");
		}
	}

}
