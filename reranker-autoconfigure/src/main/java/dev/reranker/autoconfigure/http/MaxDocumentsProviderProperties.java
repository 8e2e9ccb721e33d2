package dev.reranker.autoconfigure.http;

import org.jspecify.annotations.Nullable;

/**
 * Settings of a remote provider whose API takes at most a number of documents per request
 * ({@code <prefix>.max-documents-per-request}): Cohere, Jina and Voyage. Each subclass
 * passes its API's limit as the default.
 */
public abstract class MaxDocumentsProviderProperties extends RemoteProviderProperties {

	/**
	 * Most documents sent in one request; longer candidate lists are split and the
	 * results merged by index.
	 */
	private int maxDocumentsPerRequest;

	protected MaxDocumentsProviderProperties(String baseUrl, @Nullable String model, int maxDocumentsPerRequest) {
		super(baseUrl, model);
		this.maxDocumentsPerRequest = maxDocumentsPerRequest;
	}

	public int getMaxDocumentsPerRequest() {
		return this.maxDocumentsPerRequest;
	}

	public void setMaxDocumentsPerRequest(int maxDocumentsPerRequest) {
		this.maxDocumentsPerRequest = maxDocumentsPerRequest;
	}

	@Override
	protected final int documentsPerRequest() {
		return this.maxDocumentsPerRequest;
	}

}
