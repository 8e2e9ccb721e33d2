package dev.reranker.passage;

import java.util.Arrays;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * The texts one model call scores for a list of candidates (one per document, or each
 * document's windows, all in the same call) and how their scores fold back into one score
 * per document: the best window's.
 */
public final class PassagePlan {

	private final List<String> texts;

	private final int[] owners;

	private final @Nullable List<PassageWindow> windows;

	private final int documents;

	private PassagePlan(List<String> texts, int[] owners, @Nullable List<PassageWindow> windows, int documents) {
		this.texts = texts;
		this.owners = owners;
		this.windows = windows;
		this.documents = documents;
	}

	/**
	 * One text per document, no windows (truncation is the model's).
	 * @param texts the text of each document
	 * @return the plan
	 */
	static PassagePlan whole(List<String> texts) {
		int[] owners = new int[texts.size()];
		Arrays.setAll(owners, i -> i);
		return new PassagePlan(List.copyOf(texts), owners, null, texts.size());
	}

	/**
	 * @param texts the texts to score, windows of one document next to each other
	 * @param owners {@code owners[i]}: the document {@code texts[i]} belongs to
	 * @param windows {@code windows[i]}: where {@code texts[i]} lies in its document
	 * @param documents the number of documents
	 * @return the plan
	 */
	static PassagePlan windowed(List<String> texts, int[] owners, List<PassageWindow> windows, int documents) {
		return new PassagePlan(List.copyOf(texts), owners, List.copyOf(windows), documents);
	}

	/**
	 * @return the texts to score in one model call
	 */
	public List<String> texts() {
		return this.texts;
	}

	/**
	 * How many documents, from the first, have all their texts among the first
	 * {@code count} texts: what a budget that affords {@code count} texts can score
	 * whole.
	 * @param count texts affordable, from the first
	 * @return the documents, at least one when there are any (a call scores at least one)
	 */
	public int documentsWithin(int count) {
		if (count >= this.texts.size()) {
			return this.documents;
		}
		// owners never decrease: every document before the first text left out is whole
		return Math.max(Math.min(1, this.documents), this.owners[Math.max(0, count)]);
	}

	/**
	 * Folds the scores of {@link #texts()} into one per document.
	 * @param scores {@code scores[i]} for {@code texts().get(i)}
	 * @return the documents' scores and, with windows, the best window of each
	 */
	public PassageScores scores(double[] scores) {
		Assert.isTrue(scores.length == this.texts.size(),
				() -> this.texts.size() + " texts but " + scores.length + " scores");
		double[] best = new double[this.documents];
		Arrays.fill(best, Double.NEGATIVE_INFINITY);
		int[] bestText = new int[this.documents];
		int[] counts = new int[this.documents];
		for (int i = 0; i < scores.length; i++) {
			int owner = this.owners[i];
			counts[owner]++;
			// Strictly greater: on a tie the earlier window wins.
			if (scores[i] > best[owner]) {
				best[owner] = scores[i];
				bestText[owner] = i;
			}
		}
		PassageMatch[] matches = new PassageMatch[this.documents];
		if (this.windows != null) {
			for (int d = 0; d < this.documents; d++) {
				matches[d] = new PassageMatch(counts[d], this.windows.get(bestText[d]));
			}
		}
		return new PassageScores(best, (this.windows != null) ? Arrays.asList(matches) : null);
	}

	/**
	 * The documents' scores.
	 *
	 * @param scores {@code scores[d]}: the best score of document {@code d}'s texts
	 * @param matches {@code matches.get(d)}: how document {@code d} was windowed, or
	 * {@code null} when documents were read whole ({@link LongDocuments#TRUNCATE})
	 */
	public record PassageScores(double[] scores, @Nullable List<PassageMatch> matches) {
	}

}
