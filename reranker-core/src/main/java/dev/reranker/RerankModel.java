package dev.reranker;

import java.util.ArrayList;
import java.util.List;

import org.springframework.ai.model.Model;

/**
 * A model that scores how relevant each of a list of texts is to a query, reading the
 * query and each text together (a cross-encoder, or a remote reranking API).
 * <p>
 * Contract for implementations: unless {@link RerankOptions#getTopN()} is set, the
 * response holds exactly one {@link RerankResult} per input text, with
 * {@link RerankResult#index()} pointing at the text's position in the request, and every
 * score is a finite number in {@code [0, 1]} where higher means more relevant. Ranking
 * policy (sorting, top-n, thresholds, fallback) is not the model's business;
 * {@link RerankingDocumentPostProcessor} applies it.
 *
 * @see RerankingDocumentPostProcessor
 */
@FunctionalInterface
public interface RerankModel extends Model<RerankRequest, RerankResponse> {

	/**
	 * Scores the request's documents against its query.
	 * @param request the query, the texts and optional options
	 * @return one result per text (or the best {@code topN} when the options ask so)
	 * @throws RerankException when the model or the remote service fails
	 */
	@Override
	RerankResponse call(RerankRequest request);

	/**
	 * Convenience for {@code call(new RerankRequest(query, texts))}: one score per text,
	 * in input order.
	 * @param query the query
	 * @param texts the texts to score
	 * @return the scores, {@code scores.get(i)} belonging to {@code texts.get(i)}
	 */
	default List<Double> score(String query, List<String> texts) {
		RerankResponse response = call(new RerankRequest(query, texts));
		double[] scores = response.scoresByIndex(texts.size());
		List<Double> result = new ArrayList<>(scores.length);
		for (double score : scores) {
			result.add(score);
		}
		return result;
	}

	/**
	 * The options this model applies when a request carries none.
	 * @return the default options, never {@code null}
	 */
	default RerankOptions getDefaultOptions() {
		return RerankOptions.builder().build();
	}

	/**
	 * A short, stable name of the provider ({@code cohere}, {@code local}, …), used in
	 * observations and error messages.
	 * @return the provider name
	 */
	default String getProviderName() {
		return "custom";
	}

}
