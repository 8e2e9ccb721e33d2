package dev.reranker.autoconfigure.rag;

import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.rag.Query;
import org.springframework.ai.rag.postretrieval.document.DocumentPostProcessor;
import org.springframework.ai.rag.preretrieval.query.transformation.CompressionQueryTransformer;
import org.springframework.ai.rag.preretrieval.query.transformation.QueryTransformer;
import org.springframework.beans.factory.ObjectProvider;

/**
 * Query rewriting for the auto-configured advisor
 * ({@code reranker.advisor.query-rewrite}). Spring AI's
 * {@code RetrievalAugmentationAdvisor} retrieves with the transformed query but hands its
 * post-processors (and the prompt) the original one; so the transformer also records the
 * rewritten text in the query context, under {@value #REWRITTEN_QUERY_KEY}, and the
 * reranking post-processor is wrapped to rerank with it. The prompt keeps the user's own
 * question. The context map is the advisor's per-request copy, so nothing is shared
 * between requests.
 */
final class RewrittenQueries {

	/** Query-context key (and advisor-context key) of the rewritten question. */
	static final String REWRITTEN_QUERY_KEY = "reranker_rewritten_query";

	private RewrittenQueries() {
	}

	/**
	 * @param chatClientBuilders the application's ChatClient.Builder beans
	 * @param chatModels the application's ChatModel beans
	 * @return the compression transformer, recording its result in the query context
	 * @throws IllegalStateException when there is no chat model to rewrite with
	 */
	static QueryTransformer compression(ObjectProvider<ChatClient.Builder> chatClientBuilders,
			ObjectProvider<ChatModel> chatModels) {
		ChatClient.Builder builder = chatClientBuilders.getIfUnique();
		if (builder == null) {
			ChatModel model = chatModels.getIfUnique();
			if (model == null) {
				throw new IllegalStateException(RerankerAdvisorProperties.PREFIX
						+ ".query-rewrite=compression needs the application's chat model to rewrite follow-up "
						+ "questions, but there is no single ChatClient.Builder or ChatModel bean (found "
						+ chatModels.stream().count() + " ChatModel beans): add a Spring AI chat model starter, mark "
						+ "one ChatModel @Primary, or set " + RerankerAdvisorProperties.PREFIX + ".query-rewrite=none");
			}
			builder = ChatClient.builder(model);
		}
		QueryTransformer compression = CompressionQueryTransformer.builder().chatClientBuilder(builder).build();
		return (query) -> {
			Query rewritten = compression.transform(query);
			record(query.context(), rewritten.text());
			return rewritten;
		};
	}

	private static void record(Map<String, Object> context, String rewritten) {
		try {
			context.put(REWRITTEN_QUERY_KEY, rewritten);
		}
		catch (UnsupportedOperationException ex) {
			// A caller's immutable context (the advisor's own is mutable): reranking then
			// falls back to the query it is given.
		}
	}

	/**
	 * @param delegate the reranking post-processor
	 * @return a post-processor that reranks with the rewritten question when there is one
	 */
	static DocumentPostProcessor rerankWithRewrittenQuery(DocumentPostProcessor delegate) {
		return (query, documents) -> delegate.process(rewrittenOrSame(query), documents);
	}

	static Query rewrittenOrSame(Query query) {
		@Nullable Object rewritten = query.context().get(REWRITTEN_QUERY_KEY);
		return (rewritten instanceof String text && !text.isBlank()) ? query.mutate().text(text).build() : query;
	}

}
