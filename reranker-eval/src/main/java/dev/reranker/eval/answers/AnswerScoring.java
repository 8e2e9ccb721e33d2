package dev.reranker.eval.answers;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Token exact match and token F1 of an answer against reference answers, with SQuAD's
 * normalisation: lower-case, punctuation removed, the articles {@code a}, {@code an},
 * {@code the} removed, whitespace collapsed. With several references the best one counts
 * (SQuAD's maximum over references).
 */
public final class AnswerScoring {

	private static final Pattern PUNCTUATION = Pattern.compile("\\p{P}|\\p{S}");

	private static final Pattern ARTICLES = Pattern.compile("\\b(a|an|the)\\b");

	private static final Pattern WHITESPACE = Pattern.compile("\\s+");

	private AnswerScoring() {
	}

	/**
	 * SQuAD's normalisation.
	 * @param text the text
	 * @return lower-cased, without punctuation and articles, single-spaced and trimmed
	 */
	public static String normalize(String text) {
		String lower = text.toLowerCase(Locale.ROOT);
		String noPunctuation = PUNCTUATION.matcher(lower).replaceAll("");
		String noArticles = ARTICLES.matcher(noPunctuation).replaceAll(" ");
		return WHITESPACE.matcher(noArticles).replaceAll(" ").trim();
	}

	/**
	 * @param answer the answer
	 * @param references the reference answers, at least one
	 * @return 1 when the normalised answer equals a normalised reference, else 0
	 */
	public static double exactMatch(String answer, List<String> references) {
		String normalized = normalize(answer);
		return references.stream().anyMatch(reference -> normalize(reference).equals(normalized)) ? 1.0 : 0.0;
	}

	/**
	 * @param answer the answer
	 * @param references the reference answers, at least one
	 * @return the best token F1 over the references (shared tokens counted with
	 * multiplicity), in {@code [0, 1]}
	 */
	public static double f1(String answer, List<String> references) {
		return references.stream().mapToDouble(reference -> f1(answer, reference)).max().orElse(0);
	}

	static double f1(String answer, String reference) {
		List<String> predicted = tokens(answer);
		List<String> expected = tokens(reference);
		if (predicted.isEmpty() || expected.isEmpty()) {
			// SQuAD: both empty agree, one empty scores 0
			return (predicted.isEmpty() && expected.isEmpty()) ? 1.0 : 0.0;
		}
		Map<String, Integer> counts = new HashMap<>();
		expected.forEach(token -> counts.merge(token, 1, Integer::sum));
		int shared = 0;
		for (String token : predicted) {
			Integer left = counts.get(token);
			if (left != null && left > 0) {
				shared++;
				counts.put(token, left - 1);
			}
		}
		if (shared == 0) {
			return 0.0;
		}
		double precision = (double) shared / predicted.size();
		double recall = (double) shared / expected.size();
		return 2 * precision * recall / (precision + recall);
	}

	static List<String> tokens(String text) {
		String normalized = normalize(text);
		return normalized.isEmpty() ? List.of() : Arrays.asList(normalized.split(" "));
	}

}
