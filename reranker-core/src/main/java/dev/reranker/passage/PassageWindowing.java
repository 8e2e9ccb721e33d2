package dev.reranker.passage;

import java.util.List;

/**
 * How a model counts the tokens of a document and how many fit next to a query: the
 * windowing strategy of {@link LongDocuments}. The local provider supplies one with the
 * model's own tokenizer and max length ({@code LocalRerankModel#passageWindowing()});
 * {@link EstimatedTokenWindowing} estimates tokens for remote providers. Implementations
 * are thread-safe.
 */
public interface PassageWindowing {

	/**
	 * How many tokens of a document fit next to this query in one model input.
	 * @param query the query
	 * @return the room, {@code 0} or less when the query leaves none
	 */
	int room(String query);

	/**
	 * The room next to the shortest query (one token): the largest window this model can
	 * read.
	 * @return the largest room, in tokens
	 */
	int maxRoom();

	/**
	 * Splits texts into tokens with their character offsets. Implementations may stop
	 * after {@code limit} tokens (a text's tokens past the limit are never read).
	 * @param texts the texts
	 * @param limit the number of tokens needed from each text
	 * @return for each text, its first tokens: at least {@code limit} of them, or all
	 * when it has fewer
	 */
	List<TokenSpans> tokenize(List<String> texts, int limit);

	/**
	 * What a token is here, for messages and documentation, e.g. "tokens of the model's
	 * tokenizer".
	 * @return the unit
	 */
	String unit();

}
