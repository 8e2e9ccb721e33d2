package dev.reranker.http;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import dev.reranker.RerankResult;

/**
 * A slice of a rerank request small enough for one provider request, and the check of the
 * results the server sent for it: every index in range and seen once, every score a
 * number in {@code [0, 1]}, as many results as asked for; indices are shifted back to the
 * whole request.
 *
 * @param offset where the slice starts in the whole request
 * @param documents the slice
 * @param topN the number of results wanted from this slice, or {@code null} for one per
 * document
 */
record RerankBatch(int offset, List<String> documents, @Nullable Integer topN) {

	/**
	 * Splits the documents into consecutive batches of at most {@code size}.
	 * @param documents the documents of the whole request
	 * @param size the most documents per batch
	 * @param topN the number of results wanted overall, or {@code null} for all
	 * @return the batches, in order
	 */
	static List<RerankBatch> split(List<String> documents, int size, @Nullable Integer topN) {
		List<RerankBatch> batches = new ArrayList<>();
		for (int start = 0; start < documents.size(); start += size) {
			List<String> slice = documents.subList(start, Math.min(start + size, documents.size()));
			Integer batchTopN = (topN != null) ? Integer.valueOf(Math.min(topN, slice.size())) : null;
			batches.add(new RerankBatch(start, slice, batchTopN));
		}
		return batches;
	}

	/**
	 * Merges the checked results of all batches of a request, keeping the best
	 * {@code topN} (ties in input order) when the batches returned more.
	 * @param batches the results of each batch, indices relative to the whole request
	 * @param topN the number of results wanted overall, or {@code null} for all
	 * @return the results
	 */
	static List<RerankResult> merge(List<List<RerankResult>> batches, @Nullable Integer topN) {
		List<RerankResult> results = new ArrayList<>();
		batches.forEach(results::addAll);
		if (topN == null || results.size() <= topN) {
			return results;
		}
		return results.stream()
			.sorted(Comparator.comparingDouble(RerankResult::score).reversed().thenComparingInt(RerankResult::index))
			.limit(topN)
			.toList();
	}

	/**
	 * Checks what the server answered for this batch.
	 * @param results the results with indices relative to this batch
	 * @param scoreRangeHint advice appended to the error about a score out of range
	 * @param malformed makes the exception for a problem
	 * @return the results with indices relative to the whole request
	 */
	List<RerankResult> check(@Nullable List<RerankResult> results, String scoreRangeHint,
			Function<String, RemoteRerankException> malformed) {
		if (results == null) {
			throw malformed.apply("no results");
		}
		int size = this.documents.size();
		boolean[] seen = new boolean[size];
		List<RerankResult> shifted = new ArrayList<>(results.size());
		for (RerankResult result : results) {
			int index = result.index();
			if (index < 0 || index >= size) {
				throw malformed
					.apply("result index " + index + " is out of range for a request of " + size + " documents");
			}
			if (seen[index]) {
				throw malformed.apply("result index " + index + " appears more than once");
			}
			seen[index] = true;
			result.checkScore((problem) -> malformed.apply(problem + scoreRangeHint));
			shifted.add(new RerankResult(this.offset + index, result.score()));
		}
		int expected = (this.topN != null) ? this.topN : size;
		if (results.size() < expected) {
			for (int i = 0; i < size; i++) {
				if (!seen[i] && this.topN == null) {
					throw malformed.apply("no result for index " + i + " (" + results.size() + " results for " + size
							+ " documents)");
				}
			}
			throw malformed.apply(results.size() + " results where top_n asked for " + expected);
		}
		return shifted;
	}

}
