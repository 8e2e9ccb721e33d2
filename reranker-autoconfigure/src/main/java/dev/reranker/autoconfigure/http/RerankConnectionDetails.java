package dev.reranker.autoconfigure.http;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.autoconfigure.service.connection.ConnectionDetails;

/**
 * Where the selected remote rerank provider's service is, for applications (or test and
 * Docker Compose integrations) that provide it as a bean. When such a bean exists, it
 * wins over {@code reranker.<provider>.base-url}, {@code reranker.<provider>.base-urls}
 * and {@code reranker.<provider>.api-key}.
 */
public interface RerankConnectionDetails extends ConnectionDetails {

	/**
	 * The service's base URL, e.g. {@code http://tei:8080}.
	 * @return the base URL
	 */
	String baseUrl();

	/**
	 * The base URLs of equivalent servers to spread requests over; by default just
	 * {@link #baseUrl()}.
	 * @return the base URLs, at least one
	 */
	default List<String> baseUrls() {
		return List.of(baseUrl());
	}

	/**
	 * The API key, or {@code null} when the service needs none.
	 * @return the API key
	 */
	default @Nullable String apiKey() {
		return null;
	}

}
