package dev.reranker.train;

import java.nio.file.Path;
import java.util.Map;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

import dev.reranker.train.model.PairBatch;

/** Runs an ONNX graph on ONNX Runtime, the reference the DJL forward pass is held to. */
public final class OnnxRuntimeReference implements AutoCloseable {

	private final OrtEnvironment environment = OrtEnvironment.getEnvironment();

	private final OrtSession session;

	public OnnxRuntimeReference(Path graph) throws OrtException {
		this.session = this.environment.createSession(graph.toString(), new OrtSession.SessionOptions());
	}

	/** The named output for a batch, flattened row-major. */
	public float[] run(PairBatch batch, String output) throws OrtException {
		try (OnnxTensor ids = OnnxTensor.createTensor(this.environment, batch.ids());
				OnnxTensor types = OnnxTensor.createTensor(this.environment, batch.typeIds());
				OnnxTensor mask = OnnxTensor.createTensor(this.environment, batch.mask());
				OrtSession.Result result = this.session.run(
						Map.of("input_ids", ids, "token_type_ids", types, "attention_mask", mask),
						java.util.Set.of(output))) {
			OnnxTensor tensor = (OnnxTensor) result.get(0);
			java.nio.FloatBuffer buffer = tensor.getFloatBuffer();
			float[] values = new float[buffer.remaining()];
			buffer.get(values);
			return values;
		}
	}

	@Override
	public void close() throws OrtException {
		this.session.close();
	}

}
