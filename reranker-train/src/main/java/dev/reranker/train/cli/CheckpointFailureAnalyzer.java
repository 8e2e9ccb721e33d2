package dev.reranker.train.cli;

import dev.reranker.train.checkpoint.CheckpointException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns an unusable start checkpoint into a description and what would work. */
class CheckpointFailureAnalyzer extends AbstractFailureAnalyzer<CheckpointException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, CheckpointException cause) {
		return new FailureAnalysis(cause.getMessage(),
				"Point --train.start at a BERT-family model folder in Hugging Face layout (tokenizer.json and an "
						+ "fp32 onnx/model.onnx). See docs/training.md.",
				cause);
	}

}
