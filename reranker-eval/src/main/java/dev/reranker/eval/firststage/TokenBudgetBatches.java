package dev.reranker.eval.firststage;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToIntFunction;

import org.springframework.util.Assert;

/**
 * Groups texts into embedding calls by their token counts. A batch is padded to its
 * longest text, so the texts are sorted by tokens first (neighbours have nearly the same
 * length, little padding) and each batch is closed before its padded size, texts ×
 * longest, would pass a token budget: many short texts go in one call, long ones in small
 * calls. Small calls of long texts are not slower per token: a transformer's attention
 * grows with the square of the length and its buffers (batch × heads × length²) stop
 * fitting in the caches long before the batch is "large".
 *
 * @param tokens the token count of a text, as the model's tokenizer truncates it
 * @param maxTexts most texts per call
 * @param maxTokens most padded tokens per call (texts × longest); a text longer than that
 * alone goes in a call of its own
 */
public record TokenBudgetBatches(ToIntFunction<String> tokens, int maxTexts, int maxTokens) {

	public TokenBudgetBatches {
		Assert.isTrue(maxTexts >= 1, "maxTexts must be >= 1");
		Assert.isTrue(maxTokens >= 1, "maxTokens must be >= 1");
	}

	/**
	 * @param texts the texts to embed
	 * @return every text exactly once, shortest first, in batches within both limits
	 */
	public List<List<String>> of(List<String> texts) {
		List<Counted> counted = new ArrayList<>(texts.size());
		for (String text : texts) {
			counted.add(new Counted(text, this.tokens.applyAsInt(text)));
		}
		counted.sort(Comparator.comparingInt(Counted::tokens));
		List<List<String>> batches = new ArrayList<>();
		List<String> batch = new ArrayList<>();
		for (Counted text : counted) {
			// sorted: this text is the batch's longest once it joins
			boolean full = batch.size() == this.maxTexts || (long) (batch.size() + 1) * text.tokens() > this.maxTokens;
			if (!batch.isEmpty() && full) {
				batches.add(batch);
				batch = new ArrayList<>();
			}
			batch.add(text.text());
		}
		if (!batch.isEmpty()) {
			batches.add(batch);
		}
		return batches;
	}

	private record Counted(String text, int tokens) {
	}

}
