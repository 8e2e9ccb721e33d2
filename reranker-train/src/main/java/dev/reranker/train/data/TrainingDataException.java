package dev.reranker.train.data;

/** Training input that cannot be used; the message names the file, line and fix. */
public class TrainingDataException extends RuntimeException {

	public TrainingDataException(String message) {
		super(message);
	}

	public TrainingDataException(String message, Throwable cause) {
		super(message, cause);
	}

}
