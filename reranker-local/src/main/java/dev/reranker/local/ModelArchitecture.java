package dev.reranker.local;

/**
 * How a model turns a query-document pair into a score, which decides tokenization and
 * padding.
 */
public enum ModelArchitecture {

	/**
	 * Decide from config.json: {@code architectures} ending in {@code ForCausalLM}, or a
	 * decoder {@code model_type} (qwen2, qwen3, llama, mistral, gemma, phi), is a
	 * decoder; anything else an encoder.
	 */
	AUTO,

	/**
	 * An encoder cross-encoder (BERT, XLM-RoBERTa, DeBERTa, ModernBERT): the pair is
	 * encoded with the tokenizer's own pair template, padded on the right.
	 */
	ENCODER,

	/**
	 * A decoder LLM reranker (Qwen3-Reranker, mxbai-rerank-v2): the pair is put into a
	 * {@link PromptTemplate}, padded on the left, and scored from the last position.
	 */
	DECODER

}
