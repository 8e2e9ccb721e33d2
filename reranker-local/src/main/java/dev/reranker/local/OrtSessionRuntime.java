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
 * Runs an ONNX graph with the ONNX Runtime Java API on the JVM's ORT environment, which
 * DJL's engine created (or another library, such as Spring AI's
 * TransformersEmbeddingModel, when it got there first: DJL insists on creating it with
 * its own thread pool, which ORT then refuses). Going to the session directly, rather
 * than through a DJL predictor, gives the local provider every session option
 * ({@link OnnxSessionSettings}: spinning, the optimized-graph file) and skips a
 * predictor, an NDManager and a copy per batch.
 */
final class OrtSessionRuntime implements CrossEncoderRuntime {

	private final OrtEnvironment environment;

	private final OrtSession session;

	private final List<String> inputNames;

	private final List<String> outputNames;

	private final boolean sharedEnvironment;

	private OrtSessionRuntime(OrtEnvironment environment, OrtSession session, boolean sharedEnvironment) {
		this.environment = environment;
		this.session = session;
		this.sharedEnvironment = sharedEnvironment;
		this.inputNames = List.copyOf(new ArrayList<>(session.getInputNames()));
		this.outputNames = List.copyOf(new ArrayList<>(session.getOutputNames()));
	}

	/**
	 * Creates a session on the JVM's ONNX Runtime environment (DJL's when its engine
	 * started, another library's otherwise).
	 * @param modelFile the graph
	 * @param intraOpThreads threads one run uses
	 * @param settings the session settings
	 * @param sharedEnvironment whether another library created the environment (for the
	 * description)
	 * @return the runtime
	 * @throws LocalModelException when ONNX Runtime cannot load the graph
	 */
	static OrtSessionRuntime load(Path modelFile, int intraOpThreads, OnnxSessionSettings settings,
			boolean sharedEnvironment) {
		OrtEnvironment environment = OrtEnvironment.getEnvironment();
		OptimizedModelCache.Plan plan = OptimizedModelCache.plan(modelFile, settings, environment.getVersion());
		try (OrtSession.SessionOptions options = settings.withOptimization(plan.optimization())
			.toOptions(intraOpThreads)) {
			Path writeTo = plan.writeTo();
			if (writeTo != null) {
				options.setOptimizedModelFilePath(writeTo.toString());
			}
			OrtSession session = environment.createSession(plan.load().toString(), options);
			plan.commit();
			return new OrtSessionRuntime(environment, session, sharedEnvironment);
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
		return "ONNX Runtime " + this.environment.getVersion()
				+ (this.sharedEnvironment ? " (shared environment)" : "");
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
