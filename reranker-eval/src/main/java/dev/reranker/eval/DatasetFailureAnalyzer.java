package dev.reranker.eval;

import dev.reranker.eval.answers.ReferenceAnswersException;
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
		if (cause instanceof ReferenceAnswersException) {
			return new FailureAnalysis(cause.getMessage(),
					"Pass reference answers with --eval.answers=<file> (or classpath:answers/cranfield-sample.jsonl):"
							+ " one {\"query_id\": \"…\", \"answer\": \"…\"} per line, query ids of the dataset's"
							+ " judged queries. See docs/evaluation.md, answer quality.",
					cause);
		}
		return new FailureAnalysis(cause.getMessage(),
				"Pass a folder in BEIR layout with --eval.dataset (corpus.jsonl, queries.jsonl, qrels/<split>.tsv),"
						+ " and the qrels and exclusion files relative to it with --eval.qrels and --eval.exclude."
						+ " See docs/evaluation.md.",
				cause);
	}

}
