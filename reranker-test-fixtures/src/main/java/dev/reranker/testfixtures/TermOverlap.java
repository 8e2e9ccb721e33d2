package dev.reranker.testfixtures;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The relevance function of the project's test models: the share of a query's distinct
 * terms that a text contains. Simple enough to predict in an assertion, real enough that
 * ranking policy, fusion and protocol tests see meaningful orderings. The loopback rerank
 * server scores with it, and so does the term-overlap {@code RerankModel} of the core
 * tests.
 */
public final class TermOverlap {

	private TermOverlap() {
	}

	/**
	 * The score of {@code text} for {@code query}.
	 * @param query the query
	 * @param text the text
	 * @return the fraction of the query's distinct terms present in the text, in
	 * {@code [0, 1]}; {@code 0} for a query without terms
	 */
	public static double score(String query, String text) {
		Set<String> queryTerms = terms(query);
		Set<String> textTerms = terms(text);
		long shared = queryTerms.stream().filter(textTerms::contains).count();
		return queryTerms.isEmpty() ? 0.0 : (double) shared / queryTerms.size();
	}

	/**
	 * The distinct lower-cased letter-or-digit runs of {@code text}.
	 * @param text the text
	 * @return its terms
	 */
	public static Set<String> terms(String text) {
		return Arrays.stream(text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+"))
			.filter(term -> !term.isEmpty())
			.collect(Collectors.toSet());
	}

}
