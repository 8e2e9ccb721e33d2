package dev.reranker.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a missing rerank model at start-up and what to change.
 */
class NoRerankModelFailureAnalyzer extends AbstractFailureAnalyzer<NoRerankModelException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, NoRerankModelException cause) {
		String description = "Reranking is enabled (reranker.enabled=true) but no RerankModel bean exists for "
				+ "reranker.provider='" + cause.getProvider() + "'. Either the provider name is unknown, or the "
				+ "libraries that provider needs are not on the class path.";
		String action = "Set reranker.provider to one of: local, cohere, jina, voyage, tei, embedding, llm; make sure "
				+ "the provider's dependencies are present (the local provider needs DJL's ONNX Runtime engine and "
				+ "Hugging Face tokenizers, which reranker-starter brings); define your own RerankModel bean; or set "
				+ "reranker.enabled=false to turn reranking off. Starting with --debug prints the condition "
				+ "evaluation report, where @ConditionalOnRerankerProvider and @ConditionalOnClass say why each "
				+ "provider's auto-configuration did or did not apply.";
		return new FailureAnalysis(description, action, cause);
	}

}
