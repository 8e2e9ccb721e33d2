package dev.reranker.local;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * The prompt a decoder reranker reads, and the two tokens whose logits at the last
 * position give the score: {@code softmax(positive, negative)} of the positive token.
 * <p>
 * The template holds {@code {query}} and {@code {document}} once each (and optionally
 * {@code {instruction}}); special tokens such as {@code <|im_start|>} are written as text
 * and recognised by the tokenizer. Only the document is truncated, so the text after it
 * (where the model is asked for its answer) is never cut.
 *
 * @param template the prompt with {@code {query}}, {@code {document}} and optionally
 * {@code {instruction}}
 * @param instruction what replaces {@code {instruction}}
 * @param positiveToken the vocabulary token meaning relevant, e.g. {@code yes}
 * @param negativeToken the vocabulary token meaning not relevant, e.g. {@code no}
 */
public record PromptTemplate(String template, String instruction, String positiveToken, String negativeToken) {

	/** Placeholder of the query. */
	public static final String QUERY = "{query}";

	/** Placeholder of the document. */
	public static final String DOCUMENT = "{document}";

	/** Placeholder of the instruction. */
	public static final String INSTRUCTION = "{instruction}";

	/**
	 * Qwen3-Reranker's prompt (its model card): a system turn asking for "yes" or "no",
	 * the instruction, query and document in the user turn, and an empty thinking block.
	 */
	public static final PromptTemplate QWEN3_RERANKER = new PromptTemplate(
			"<|im_start|>system\n"
					+ "Judge whether the Document meets the requirements based on the Query and the Instruct provided. "
					+ "Note that the answer can only be \"yes\" or \"no\".<|im_end|>\n<|im_start|>user\n"
					+ "<Instruct>: {instruction}\n<Query>: {query}\n<Document>: {document}"
					+ "<|im_end|>\n<|im_start|>assistant\n<think>\n\n</think>\n\n",
			"Given a web search query, retrieve relevant passages that answer the query", "yes", "no");

	/**
	 * mxbai-rerank-v2's prompt (the mxbai-rerank library): Qwen's default system turn,
	 * {@code query:} and {@code document:} lines, a relevance task, answered "1" or "0".
	 */
	public static final PromptTemplate MXBAI_RERANK_V2 = new PromptTemplate("<|im_start|>system\n"
			+ "You are Qwen, created by Alibaba Cloud. You are a helpful assistant.<|im_end|>\n<|im_start|>user\n"
			+ "query: {query}\ndocument: {document}\n"
			+ "You are a search relevance expert who evaluates how well documents match search queries. "
			+ "For each query-document pair, carefully analyze the semantic relationship between them, "
			+ "then provide your binary relevance judgment (0 for not relevant, 1 for relevant).\n"
			+ "Relevance:<|im_end|>\n<|im_start|>assistant\n", "", "1", "0");

	public PromptTemplate {
		Assert.notNull(template, "template must not be null");
		Assert.notNull(instruction, "instruction must not be null");
		Assert.hasText(positiveToken, "positiveToken must not be blank");
		Assert.hasText(negativeToken, "negativeToken must not be blank");
		int query = template.indexOf(QUERY);
		int document = template.indexOf(DOCUMENT);
		if (query < 0 || document < 0 || template.indexOf(QUERY, query + 1) >= 0
				|| template.indexOf(DOCUMENT, document + 1) >= 0) {
			throw new LocalModelException(null,
					LocalSetting.PROMPT_TEMPLATE + " must contain " + QUERY + " and " + DOCUMENT + " once each",
					"a prompt such as '<Query>: {query}\\n<Document>: {document}', or one of the presets "
							+ "qwen3-reranker, mxbai-rerank-v2");
		}
	}

	/**
	 * A preset by name ({@code qwen3-reranker}, {@code mxbai-rerank-v2}), or {@code null}
	 * when the name is not one.
	 * @param name the name, case-insensitive
	 * @return the preset or {@code null}
	 */
	public static @Nullable PromptTemplate preset(String name) {
		return switch (name.trim().toLowerCase(Locale.ROOT)) {
			case "qwen3-reranker" -> QWEN3_RERANKER;
			case "mxbai-rerank-v2" -> MXBAI_RERANK_V2;
			default -> null;
		};
	}

	/** The text before the document, with query and instruction filled in. */
	String prefix(String query) {
		return fill(this.template.substring(0, this.template.indexOf(DOCUMENT)), query);
	}

	/** The text after the document, with query and instruction filled in. */
	String suffix(String query) {
		return fill(this.template.substring(this.template.indexOf(DOCUMENT) + DOCUMENT.length()), query);
	}

	/**
	 * The whole prompt for a pair, for tests and diagnostics.
	 * @param query the query
	 * @param document the document
	 * @return the prompt text
	 */
	public String render(String query, String document) {
		return prefix(query) + document + suffix(query);
	}

	private String fill(String part, String query) {
		// The instruction first: a query containing "{instruction}" stays as typed.
		return part.replace(INSTRUCTION, this.instruction).replace(QUERY, query);
	}

}
