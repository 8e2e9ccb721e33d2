package dev.reranker.local;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

/**
 * How ONNX Runtime sessions of the local provider are created. The defaults are what
 * measured fastest for MiniLM-sized cross-encoders on CPU (docs/benchmarks.md).
 *
 * @param optimization the graph optimization level
 * @param allowSpinning whether idle intra-op threads spin waiting for work (fast hand-off
 * on an idle machine, burnt cores on a busy one); irrelevant with one intra-op thread
 * @param memoryPattern whether ONNX Runtime plans buffers from the previous run's shapes
 * (helps only when consecutive runs have the same shape)
 * @param cpuArena whether tensors are allocated from ONNX Runtime's CPU arena
 * @param cacheOptimizedModel whether the optimized graph is saved beside the model file
 * and loaded from there on the next start
 */
public record OnnxSessionSettings(OnnxOptimization optimization, boolean allowSpinning, boolean memoryPattern,
		boolean cpuArena, boolean cacheOptimizedModel) {

	/**
	 * The defaults. The optimized-graph cache is off: writing into the model's directory
	 * is a side effect the application opts into.
	 */
	public static final OnnxSessionSettings DEFAULTS = new OnnxSessionSettings(OnnxOptimization.ALL, false, false, true,
			false);

	/** Session option key of ONNX Runtime for spinning intra-op threads. */
	static final String ALLOW_SPINNING = "session.intra_op.allow_spinning";

	/**
	 * The settings with the optimized graph cached beside the model file or not.
	 * @param cacheOptimizedModel whether to cache it
	 * @return a copy
	 */
	public OnnxSessionSettings withCacheOptimizedModel(boolean cacheOptimizedModel) {
		return new OnnxSessionSettings(this.optimization, this.allowSpinning, this.memoryPattern, this.cpuArena,
				cacheOptimizedModel);
	}

	/**
	 * The settings with another optimization level.
	 * @param optimization the level
	 * @return a copy
	 */
	public OnnxSessionSettings withOptimization(OnnxOptimization optimization) {
		return new OnnxSessionSettings(optimization, this.allowSpinning, this.memoryPattern, this.cpuArena,
				this.cacheOptimizedModel);
	}

	/**
	 * Creates the options of one session; the caller closes them.
	 * @param intraOpThreads threads one run of the session uses
	 * @return the options
	 * @throws OrtException when ONNX Runtime rejects a setting
	 */
	OrtSession.SessionOptions toOptions(int intraOpThreads) throws OrtException {
		OrtSession.SessionOptions options = new OrtSession.SessionOptions();
		try {
			options.setInterOpNumThreads(1);
			options.setIntraOpNumThreads(intraOpThreads);
			options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
			options.setOptimizationLevel(this.optimization.level());
			options.setMemoryPatternOptimization(this.memoryPattern);
			options.setCPUArenaAllocator(this.cpuArena);
			options.addConfigEntry(ALLOW_SPINNING, this.allowSpinning ? "1" : "0");
			return options;
		}
		catch (OrtException | RuntimeException ex) {
			options.close();
			throw ex;
		}
	}

}
