package dev.reranker.http;

import java.io.IOException;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

import dev.reranker.http.EndpointPool.Endpoint;

import org.springframework.http.MediaType;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClient.RequestHeadersSpec.ConvertibleClientHttpResponse;
import org.springframework.web.client.RestClientException;

/**
 * One attempt at one request on one endpoint: POSTs a JSON body through the endpoint's
 * {@link RestClient} and reads the JSON answer, or fails with a
 * {@link RemoteRerankException} built by {@link RemoteFailures} that says whether
 * retrying may help. Tells the endpoint whether it answered, so that a dead or failing
 * one is skipped for a while ({@link EndpointPool}).
 */
final class RemoteExchange {

	private final RemoteFailures failures;

	RemoteExchange(RemoteFailures failures) {
		this.failures = failures;
	}

	<T> T post(Endpoint endpoint, String path, Object body, Class<T> responseType) {
		String target = endpoint.baseUrl() + path;
		long sentAt = endpoint.sending();
		try {
			return endpoint.restClient()
				.post()
				.uri(path)
				.contentType(MediaType.APPLICATION_JSON)
				.accept(MediaType.APPLICATION_JSON)
				.body(body)
				.exchange((request, response) -> read(endpoint, sentAt, target, response, responseType));
		}
		catch (ResourceAccessException ex) {
			// An attempt abandoned at the deadline (its thread interrupted) says nothing
			// about the endpoint.
			if (!Thread.currentThread().isInterrupted()) {
				endpoint.failed("no answer");
			}
			throw this.failures.io(target, ex);
		}
		catch (RestClientException ex) {
			throw this.failures.request(target, ex);
		}
	}

	private <T> T read(Endpoint endpoint, long sentAt, String target, ConvertibleClientHttpResponse response,
			Class<T> responseType) throws IOException {
		int status = response.getStatusCode().value();
		if (response.getStatusCode().is5xxServerError()) {
			endpoint.failed("HTTP " + status);
		}
		else {
			endpoint.answered(sentAt);
		}
		if (!response.getStatusCode().is2xxSuccessful()) {
			@Nullable Duration retryAfter = RemoteFailures.isRetryable(status)
					? RetryAfterBackOff.retryAfter(response.getHeaders()) : null;
			throw this.failures.status(target, status, response, retryAfter);
		}
		T value;
		try {
			value = response.bodyTo(responseType);
		}
		catch (RuntimeException ex) {
			throw this.failures.malformedBody(target, status, ex);
		}
		if (value == null) {
			throw this.failures.emptyBody(target, status);
		}
		return value;
	}

}
