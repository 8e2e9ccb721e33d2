package dev.reranker.eval.dataset;

/**
 * A dataset folder or file that cannot be read; the message names the file, the line and
 * what to change.
 */
public class DatasetException extends RuntimeException {

	public DatasetException(String message) {
		super(message);
	}

	public DatasetException(String message, Throwable cause) {
		super(message, cause);
	}

}
