package dev.reranker.eval.report;

import java.util.List;

/**
 * One configuration's summary with its per-query rankings and figures, in query order:
 * what run files, per-query tables and significance tests are made from.
 *
 * @param result the summary
 * @param queries one entry per evaluated query
 */
public record ConfigurationRun(ConfigurationResult result, List<QueryRun> queries) {

	public ConfigurationRun {
		queries = List.copyOf(queries);
	}

}
