package dev.reranker.local;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * How the local provider runs its forward passes: how pairs are grouped into batches, how
 * many sessions run them in parallel and with how many threads each.
 *
 * @param batchSize pairs a batch may hold
 * @param batchTokens padded tokens a batch may hold
 * @param sessions parallel sessions, or {@code null} for as many as the cores hold at
 * {@code intraOpThreads} (one per core by default)
 * @param intraOpThreads threads one run of a session uses, or {@code null} for the cores
 * divided among the sessions
 * @param onnx ONNX Runtime session settings
 */
record InferenceSettings(int batchSize, int batchTokens, @Nullable Integer sessions, @Nullable Integer intraOpThreads,
		OnnxSessionSettings onnx) {

	InferenceSettings {
		Assert.isTrue(batchSize >= 1, () -> LocalSetting.BATCH_SIZE + " must be at least 1");
		Assert.isTrue(batchTokens >= 1, () -> LocalSetting.BATCH_TOKENS + " must be at least 1");
		Assert.isTrue(sessions == null || sessions >= 1, () -> LocalSetting.SESSIONS + " must be at least 1");
		Assert.isTrue(intraOpThreads == null || intraOpThreads >= 1,
				() -> LocalSetting.INTRA_OP_THREADS + " must be at least 1");
	}

	TokenBudgetBatches batches() {
		return new TokenBudgetBatches(this.batchTokens, this.batchSize);
	}

	/**
	 * The number of sessions: as configured, else as many as the cores hold at the
	 * configured intra-op threads, else one per core (each single-threaded: the only
	 * setting whose throughput held with 8 concurrent callers, docs/benchmarks.md).
	 */
	int resolvedSessions(int cores) {
		if (this.sessions != null) {
			return this.sessions;
		}
		return Math.max(1, (this.intraOpThreads != null) ? cores / this.intraOpThreads : cores);
	}

	/** Threads per session: as configured, else the cores divided among the sessions. */
	int resolvedIntraOpThreads(int cores) {
		return (this.intraOpThreads != null) ? this.intraOpThreads : Math.max(1, cores / resolvedSessions(cores));
	}

}
