package dev.reranker.local;

import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import org.jspecify.annotations.Nullable;

/**
 * Runs the graph with the ONNX Runtime Java API on the JVM's existing ORT environment.
 * Used only when DJL's ONNX Runtime engine cannot start because another library (Spring
 * AI's TransformersEmbeddingModel, LangChain4j) created the one-per-JVM ORT environment
 * first: DJL insists on creating it with its own thread pool, which ORT then refuses.
 */
final class OrtSessionRuntime implements CrossEncoderRuntime {

	private final OrtEnvironment environment;

	private final OrtSession session;

	private final List<String> inputNames;

	private final List<String> outputNames;

	private OrtSessionRuntime(OrtEnvironment environment, OrtSession session) {
		this.environment = environment;
		this.session = session;
		this.inputNames = List.copyOf(new ArrayList<>(session.getInputNames()));
		this.outputNames = List.copyOf(new ArrayList<>(session.getOutputNames()));
	}

	static OrtSessionRuntime load(Path modelFile, @Nullable Integer intraOpThreads) {
		OrtEnvironment environment = OrtEnvironment.getEnvironment();
		try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
			options.setInterOpNumThreads(1);
			if (intraOpThreads != null) {
				options.setIntraOpNumThreads(intraOpThreads);
			}
			options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
			return new OrtSessionRuntime(environment, environment.createSession(modelFile.toString(), options));
		}
		catch (OrtException ex) {
			throw new LocalModelException(modelFile,
					"Model file could not be loaded by ONNX Runtime (" + ex.getMessage() + ")",
					"a valid ONNX graph of a cross-encoder", ex);
		}
	}

	@Override
	public List<String> inputNames() {
		return this.inputNames;
	}

	@Override
	public List<String> outputNames() {
		return this.outputNames;
	}

	@Override
	public float[][] run(EncodedBatch batch) {
		Map<String, OnnxTensor> inputs = new HashMap<>();
		try {
			for (String name : batch.signature().inputs()) {
				inputs.put(name, tensor(GraphSignature.values(name, batch), batch));
			}
			try (OrtSession.Result result = this.session.run(inputs)) {
				OnnxValue value = result.get(batch.signature().outputIndex(this.outputNames));
				if (!(value instanceof OnnxTensor tensor)) {
					throw new IllegalStateException("expected the output to be a tensor");
				}
				long[] shape = tensor.getInfo().getShape();
				java.nio.FloatBuffer buffer = tensor.getFloatBuffer();
				if (buffer == null) {
					throw new IllegalStateException(
							"expected the output to be float32 but it was " + tensor.getInfo().type);
				}
				float[] flat = new float[buffer.remaining()];
				buffer.get(flat);
				return batch.signature().rows(flat, shape, batch.rows());
			}
		}
		catch (OrtException ex) {
			throw new IllegalStateException(ex.getMessage(), ex);
		}
		finally {
			inputs.values().forEach(OnnxTensor::close);
		}
	}

	private OnnxTensor tensor(long[] values, EncodedBatch batch) throws OrtException {
		return OnnxTensor.createTensor(this.environment, LongBuffer.wrap(values), batch.shape());
	}

	@Override
	public String description() {
		return "ONNX Runtime " + this.environment.getVersion() + " (shared environment)";
	}

	@Override
	public void close() {
		try {
			this.session.close();
		}
		catch (OrtException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
