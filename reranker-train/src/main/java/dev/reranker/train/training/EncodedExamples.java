package dev.reranker.train.training;

import java.util.ArrayList;
import java.util.List;

import ai.djl.huggingface.tokenizers.Encoding;

import dev.reranker.train.TrainingExample;
import dev.reranker.train.model.PairTokenizer;

/**
 * Training examples tokenized once: for each example the encoding of (query, positive)
 * and of (query, negative) for each negative.
 */
final class EncodedExamples {

	private final List<Encoding> positives = new ArrayList<>();

	private final List<List<Encoding>> negatives = new ArrayList<>();

	EncodedExamples(List<TrainingExample> examples, PairTokenizer tokenizer) {
		for (TrainingExample example : examples) {
			this.positives.add(tokenizer.encode(example.query(), example.positive()));
			List<Encoding> encoded = new ArrayList<>(example.negatives().size());
			for (String negative : example.negatives()) {
				encoded.add(tokenizer.encode(example.query(), negative));
			}
			this.negatives.add(encoded);
		}
	}

	int size() {
		return this.positives.size();
	}

	int negatives(int example) {
		return this.negatives.get(example).size();
	}

	/**
	 * The encoding of a pair: passage -1 is the positive, otherwise a negative's index.
	 */
	Encoding pair(PairRef pair) {
		return (pair.passage() < 0) ? this.positives.get(pair.example())
				: this.negatives.get(pair.example()).get(pair.passage());
	}

	int length(PairRef pair) {
		return pair(pair).getIds().length;
	}

	/**
	 * A pair of an example's query with one of its passages.
	 *
	 * @param example the example's index
	 * @param passage -1 for the positive, else the negative's index
	 */
	record PairRef(int example, int passage) {

		float label() {
			return (this.passage < 0) ? 1f : 0f;
		}

	}

}
