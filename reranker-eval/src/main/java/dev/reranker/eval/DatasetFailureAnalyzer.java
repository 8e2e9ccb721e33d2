package dev.reranker.eval;

import dev.reranker.eval.dataset.DatasetException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports a dataset that cannot be read as what is wrong (the file and line) and what to
 * change, instead of a stack trace.
 */
class DatasetFailureAnalyzer extends AbstractFailureAnalyzer<DatasetException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, DatasetException cause) {
		return new FailureAnalysis(cause.getMessage(),
				"Pass a folder in BEIR layout with --eval.dataset (corpus.jsonl, queries.jsonl, qrels/<split>.tsv),"
						+ " and the qrels and exclusion files relative to it with --eval.qrels and --eval.exclude."
						+ " See docs/evaluation.md.",
				cause);
	}

}
