package dev.reranker.http;

import java.io.IOException;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.http.MediaType;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClient.RequestHeadersSpec.ConvertibleClientHttpResponse;
import org.springframework.web.client.RestClientException;

/**
 * One attempt at one request: POSTs a JSON body through the {@link RestClient} and reads
 * the JSON answer, or fails with a {@link RemoteRerankException} built by
 * {@link RemoteFailures} that says whether retrying may help.
 */
final class RemoteExchange {

	private final RestClient restClient;

	private final RemoteFailures failures;

	RemoteExchange(RestClient restClient, RemoteFailures failures) {
		this.restClient = restClient;
		this.failures = failures;
	}

	<T> T post(String path, Object body, Class<T> responseType) {
		try {
			return this.restClient.post()
				.uri(path)
				.contentType(MediaType.APPLICATION_JSON)
				.accept(MediaType.APPLICATION_JSON)
				.body(body)
				.exchange((request, response) -> read(path, response, responseType));
		}
		catch (ResourceAccessException ex) {
			throw this.failures.io(path, ex);
		}
		catch (RestClientException ex) {
			throw this.failures.request(path, ex);
		}
	}

	private <T> T read(String path, ConvertibleClientHttpResponse response, Class<T> responseType) throws IOException {
		int status = response.getStatusCode().value();
		if (!response.getStatusCode().is2xxSuccessful()) {
			@Nullable Duration retryAfter = RemoteFailures.isRetryable(status)
					? RetryAfterBackOff.retryAfter(response.getHeaders()) : null;
			throw this.failures.status(path, status, response, retryAfter);
		}
		T value;
		try {
			value = response.bodyTo(responseType);
		}
		catch (RuntimeException ex) {
			throw this.failures.malformedBody(path, status, ex);
		}
		if (value == null) {
			throw this.failures.emptyBody(path, status);
		}
		return value;
	}

}
