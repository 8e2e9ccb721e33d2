package dev.reranker;

import org.jspecify.annotations.Nullable;

import org.springframework.ai.model.AbstractResponseMetadata;
import org.springframework.ai.model.ResponseMetadata;

/**
 * Metadata of a {@link RerankResponse}: the model that answered and, where the provider
 * reports them, billed units.
 */
public class RerankResponseMetadata extends AbstractResponseMetadata implements ResponseMetadata {

	private final @Nullable String model;

	public RerankResponseMetadata() {
		this(null);
	}

	public RerankResponseMetadata(@Nullable String model) {
		this.model = model;
		if (model != null) {
			this.map.put("model", model);
		}
	}

	/**
	 * The model that produced the scores, when known.
	 * @return the model name or {@code null}
	 */
	public @Nullable String getModel() {
		return this.model;
	}

	@Override
	public String toString() {
		return "RerankResponseMetadata" + this.map;
	}

}
