package dev.reranker.local;

/**
 * The DJL engine that runs the cross-encoder, and the model file it reads by default.
 */
public enum LocalEngine {

	/**
	 * ONNX Runtime ({@code ai.djl.onnxruntime:onnxruntime-engine}), reading
	 * {@code model.onnx}.
	 */
	ONNX_RUNTIME("OnnxRuntime", "model.onnx"),
	/**
	 * PyTorch ({@code ai.djl.pytorch:pytorch-engine}), reading a TorchScript
	 * {@code model.pt}.
	 */
	PYTORCH("PyTorch", "model.pt");

	private final String djlName;

	private final String defaultModelFile;

	LocalEngine(String djlName, String defaultModelFile) {
		this.djlName = djlName;
		this.defaultModelFile = defaultModelFile;
	}

	/** The engine's name in DJL's engine registry. */
	public String djlName() {
		return this.djlName;
	}

	/**
	 * The model file looked for when none is configured, at the root or under
	 * {@code onnx/}.
	 */
	public String defaultModelFile() {
		return this.defaultModelFile;
	}

}
