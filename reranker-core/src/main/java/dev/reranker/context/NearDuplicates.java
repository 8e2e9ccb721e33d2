package dev.reranker.context;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Drops near-duplicate passages from a ranked list, keeping the best-ranked of each
 * group. Two passages are near-duplicates when the Jaccard similarity of their sets of
 * {@value #SHINGLE_WORDS}-word shingles (lower-cased words, punctuation ignored) is at
 * least the threshold; a passage shorter than {@value #SHINGLE_WORDS} words is one
 * shingle of its words. Pure and thread-safe.
 */
public final class NearDuplicates {

	/** Words per shingle. */
	public static final int SHINGLE_WORDS = 3;

	private final double threshold;

	private NearDuplicates(double threshold) {
		Assert.isTrue(threshold > 0 && threshold <= 1,
				() -> "threshold must be greater than 0 and at most 1 but was " + threshold + " (NearDuplicates#of)");
		this.threshold = threshold;
	}

	/**
	 * @param threshold the Jaccard similarity, in (0, 1], from which two passages count
	 * as near-duplicates ({@code 1} drops exact duplicates of the word sequence only)
	 * @return the filter
	 */
	public static NearDuplicates of(double threshold) {
		return new NearDuplicates(threshold);
	}

	/**
	 * @param ranked the documents, best first; not changed
	 * @param text a document's text ({@code null} counts as empty)
	 * @param <T> the element type
	 * @return the documents that are no near-duplicate of a better one, in the same order
	 */
	public <T> List<T> remove(List<T> ranked, Function<T, @Nullable String> text) {
		List<T> kept = new ArrayList<>(ranked.size());
		List<Set<String>> keptShingles = new ArrayList<>(ranked.size());
		for (T document : ranked) {
			Set<String> shingles = shingles(text.apply(document));
			if (keptShingles.stream().noneMatch(other -> similarity(shingles, other) >= this.threshold)) {
				kept.add(document);
				keptShingles.add(shingles);
			}
		}
		return kept;
	}

	/**
	 * @param first a text
	 * @param second another text
	 * @return the Jaccard similarity of their shingle sets, in [0, 1]; two empty texts
	 * are 0
	 */
	public static double similarity(@Nullable String first, @Nullable String second) {
		return similarity(shingles(first), shingles(second));
	}

	private static double similarity(Set<String> first, Set<String> second) {
		if (first.isEmpty() || second.isEmpty()) {
			// Texts without words say nothing about each other: never duplicates.
			return 0;
		}
		Set<String> smaller = (first.size() <= second.size()) ? first : second;
		Set<String> larger = (smaller == first) ? second : first;
		long common = smaller.stream().filter(larger::contains).count();
		return (double) common / (first.size() + second.size() - common);
	}

	static Set<String> shingles(@Nullable String text) {
		if (text == null) {
			return Set.of();
		}
		String[] words = text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+");
		List<String> nonEmpty = new ArrayList<>(words.length);
		for (String word : words) {
			if (!word.isEmpty()) {
				nonEmpty.add(word);
			}
		}
		Set<String> shingles = new HashSet<>();
		if (nonEmpty.size() < SHINGLE_WORDS) {
			if (!nonEmpty.isEmpty()) {
				shingles.add(String.join(" ", nonEmpty));
			}
			return shingles;
		}
		for (int start = 0; start + SHINGLE_WORDS <= nonEmpty.size(); start++) {
			shingles.add(String.join(" ", nonEmpty.subList(start, start + SHINGLE_WORDS)));
		}
		return shingles;
	}

	public double getThreshold() {
		return this.threshold;
	}

	@Override
	public String toString() {
		return "NearDuplicates{threshold=" + this.threshold + "}";
	}

}
