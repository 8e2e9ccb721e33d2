package dev.reranker.eval.report;

import java.util.ArrayList;
import java.util.List;

import dev.reranker.eval.dataset.BeirDataset;
import dev.reranker.eval.dataset.QuerySample;
import dev.reranker.eval.metrics.QualityMetrics;

/**
 * Small hand-made reports for the writer and chart tests: a dense first stage and a
 * reranker at depths 10 and 20, over queries whose per-query nDCG@10 is given.
 */
final class SyntheticReports {

	static final Latency RETRIEVAL = new Latency(5, 8, 9, 5.5, 4);

	private SyntheticReports() {
	}

	static ConfigurationResult firstStage(double ndcg, int queries) {
		return new ConfigurationResult("dense", "dense", "dense (test-embedding)", null, null, queries,
				new QualityMetrics(ndcg, 0.6, 0.3, 0.4, 0.7, 0.8), RETRIEVAL, null, RETRIEVAL, 181.8, null);
	}

	static ConfigurationResult reranked(int depth, double ndcg, Latency rerank, int queries) {
		return new ConfigurationResult("dense+test@" + depth, "dense", "dense (test-embedding)", "test-model", depth,
				queries, new QualityMetrics(ndcg, 0.7, 0.35, 0.45, 0.7, 0.8), RETRIEVAL, rerank,
				new Latency(rerank.p50() + 5, rerank.p95() + 8, rerank.p99() + 9, rerank.mean() + 5.5, 4), 37.7, 476.0);
	}

	static EvaluationReport report(List<ConfigurationResult> results, List<Comparison> comparisons) {
		int queries = results.get(0).queries();
		return new EvaluationReport(
				new EvaluationReport.Dataset("tiny", "qrels/test.tsv", "qrels/source.tsv", queries,
						new QuerySample(QuerySample.Mode.RANDOM, 42L, queries, 12),
						new BeirDataset.Statistics(100, 12, 2, 0, 40, 0, 0, 3, 0)),
				new EvaluationReport.Settings("./mvnw … --eval.dataset=tiny", 100, List.of(10, 20), 5, true,
						new EvaluationReport.Significance(1000, 1000, 42, 0.05)),
				new EvaluationReport.Environment(2, "Linux", "amd64", "17", "2026-01-01T00:00:00Z"),
				List.of(new EvaluationReport.FirstStageIndexing("dense", "dense (test-embedding)", 100, 12.5, 0.4,
						List.of("embedded 100 texts (12.5 s)", "filled SimpleVectorStore (in memory) (0.4 s)"))),
				results, comparisons, List.of());
	}

	/** A configuration's per-query run whose nDCG@10 values are the given ones. */
	static ConfigurationRun run(ConfigurationResult result, double... ndcg) {
		List<QueryRun> queries = new ArrayList<>();
		for (int i = 0; i < ndcg.length; i++) {
			queries.add(
					new QueryRun("q" + (i + 1), List.of("d" + i, "x" + i), new QualityMetrics(ndcg[i], 0, 0, 0, 0, 0)));
		}
		return new ConfigurationRun(result, queries);
	}

}
