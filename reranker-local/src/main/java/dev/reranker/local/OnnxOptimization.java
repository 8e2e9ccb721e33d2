package dev.reranker.local;

import ai.onnxruntime.OrtSession.SessionOptions.OptLevel;

/** ONNX Runtime's graph optimization levels. */
public enum OnnxOptimization {

	/** No graph rewrites. */
	NONE(OptLevel.NO_OPT),

	/** Constant folding and redundant-node elimination. */
	BASIC(OptLevel.BASIC_OPT),

	/** Basic plus fused operators (attention, GELU, layer norm, bias). */
	EXTENDED(OptLevel.EXTENDED_OPT),

	/** Extended plus layout rewrites for the CPU at hand. */
	ALL(OptLevel.ALL_OPT);

	private final OptLevel level;

	OnnxOptimization(OptLevel level) {
		this.level = level;
	}

	OptLevel level() {
		return this.level;
	}

}
