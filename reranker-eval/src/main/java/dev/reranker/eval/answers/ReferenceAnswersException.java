package dev.reranker.eval.answers;

import dev.reranker.eval.dataset.DatasetException;

/**
 * A reference-answers file ({@code eval.answers}) that cannot be used; the message names
 * the file, the line and what to change.
 */
public class ReferenceAnswersException extends DatasetException {

	public ReferenceAnswersException(String message) {
		super(message);
	}

	public ReferenceAnswersException(String message, Throwable cause) {
		super(message, cause);
	}

}
