package dev.reranker.example.api;

/**
 * A request the API rejects with 400; the message says what was wrong and what to send.
 */
public class BadRequestException extends RuntimeException {

	public BadRequestException(String message) {
		super(message);
	}

}
