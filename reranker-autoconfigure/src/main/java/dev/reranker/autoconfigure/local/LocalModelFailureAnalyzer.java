package dev.reranker.autoconfigure.local;

import dev.reranker.local.LocalModelException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a local cross-encoder that could not be loaded: which file, what was expected,
 * and which {@code reranker.local.*} property to change (the exception names the Java API
 * setting, translated here by {@link LocalSettingProperties}).
 */
class LocalModelFailureAnalyzer extends AbstractFailureAnalyzer<LocalModelException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, LocalModelException cause) {
		String description = "The local cross-encoder (reranker.provider=local) could not be loaded: "
				+ LocalSettingProperties.translate(String.valueOf(cause.getMessage()));
		String action = "Provide " + LocalSettingProperties.translate(cause.getExpected())
				+ ". Check reranker.local.model, reranker.local.model-file "
				+ "and reranker.local.engine. Where the Hugging Face hub is unreachable, copy the model folder "
				+ "(tokenizer.json, config.json, onnx/model.onnx) to this machine and set "
				+ "reranker.local.model=file:/path/to/model-folder, or point reranker.local.hub-url at a mirror. "
				+ "Otherwise choose another provider with reranker.provider, or set reranker.enabled=false.";
		return new FailureAnalysis(description, action, cause);
	}

}
