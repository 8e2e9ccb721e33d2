package dev.reranker.train.cli;

import dev.reranker.train.data.TrainingDataException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns bad training input into a description and what to pass instead. */
class TrainFailureAnalyzer extends AbstractFailureAnalyzer<TrainingDataException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, TrainingDataException cause) {
		return new FailureAnalysis(cause.getMessage(),
				"Pass --train.start (a checkpoint folder), --train.output, and either --train.pairs (JSON lines) or "
						+ "--train.dataset (BEIR layout, --train.qrels defaults to qrels/train.tsv). "
						+ "See docs/training.md.",
				cause);
	}

}
