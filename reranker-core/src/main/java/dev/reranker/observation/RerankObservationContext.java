package dev.reranker.observation;

import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * What an observation of one rerank call knows: the request side is set when the call
 * starts, the counts and the outcome when it ends.
 */
public class RerankObservationContext extends Observation.Context {

	private final String provider;

	private final @Nullable String model;

	private final String query;

	private final int documentsIn;

	private final int topN;

	private final @Nullable Double minScore;

	private int documentsScored;

	private int documentsOut;

	private RerankOutcome outcome = RerankOutcome.SUCCESS;

	/**
	 * Creates the context of a call that is about to start.
	 * @param provider the provider name
	 * @param model the model name, if known
	 * @param query the query text (recorded only when the convention is asked to)
	 * @param documentsIn how many documents the call received
	 * @param topN the effective top-n of the call
	 * @param minScore the effective minimum score, if any
	 */
	public RerankObservationContext(String provider, @Nullable String model, String query, int documentsIn, int topN,
			@Nullable Double minScore) {
		Assert.hasText(provider, "provider must not be empty");
		this.provider = provider;
		this.model = model;
		this.query = query;
		this.documentsIn = documentsIn;
		this.topN = topN;
		this.minScore = minScore;
	}

	public String getProvider() {
		return this.provider;
	}

	public @Nullable String getModel() {
		return this.model;
	}

	public String getQuery() {
		return this.query;
	}

	public int getDocumentsIn() {
		return this.documentsIn;
	}

	public int getTopN() {
		return this.topN;
	}

	public @Nullable Double getMinScore() {
		return this.minScore;
	}

	public int getDocumentsScored() {
		return this.documentsScored;
	}

	public void setDocumentsScored(int documentsScored) {
		this.documentsScored = documentsScored;
	}

	public int getDocumentsOut() {
		return this.documentsOut;
	}

	public void setDocumentsOut(int documentsOut) {
		this.documentsOut = documentsOut;
	}

	public RerankOutcome getOutcome() {
		return this.outcome;
	}

	public void setOutcome(RerankOutcome outcome) {
		this.outcome = outcome;
	}

}
