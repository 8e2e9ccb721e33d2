package dev.reranker.embedding;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.springframework.ai.document.Document;
import org.springframework.ai.embedding.Embedding;
import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.ai.embedding.EmbeddingRequest;
import org.springframework.ai.embedding.EmbeddingResponse;

/**
 * A small, deterministic bag-of-words embedding (feature hashing of lower-cased words,
 * L2-normalised): a real embedding function, cheap enough for tests.
 */
public final class HashingEmbeddingModel implements EmbeddingModel {

	private final int dimensions;

	private int calls;

	public HashingEmbeddingModel(int dimensions) {
		this.dimensions = dimensions;
	}

	@Override
	public EmbeddingResponse call(EmbeddingRequest request) {
		this.calls++;
		List<Embedding> embeddings = new ArrayList<>();
		for (int i = 0; i < request.getInstructions().size(); i++) {
			embeddings.add(new Embedding(vector(request.getInstructions().get(i)), i));
		}
		return new EmbeddingResponse(embeddings);
	}

	@Override
	public float[] embed(Document document) {
		return vector(document.getText());
	}

	public float[] vector(String text) {
		float[] vector = new float[this.dimensions];
		for (String word : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
			if (!word.isEmpty()) {
				vector[Math.floorMod(word.hashCode(), this.dimensions)] += 1f;
			}
		}
		double norm = 0;
		for (float value : vector) {
			norm += value * value;
		}
		if (norm > 0) {
			for (int i = 0; i < vector.length; i++) {
				vector[i] /= (float) Math.sqrt(norm);
			}
		}
		return vector;
	}

	public int calls() {
		return this.calls;
	}

	@Override
	public int dimensions() {
		return this.dimensions;
	}

}
