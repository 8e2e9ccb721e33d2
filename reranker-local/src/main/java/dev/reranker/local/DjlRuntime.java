package dev.reranker.local;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.NoBatchifyTranslator;
import ai.djl.translate.TranslateException;
import ai.djl.translate.TranslatorContext;
import ai.djl.util.PairList;
import org.jspecify.annotations.Nullable;

/**
 * Runs the graph through a DJL engine. One {@link Model} is shared; each call gets its
 * own short-lived {@link Predictor}, whose NDManager frees every native array of the
 * call.
 */
final class DjlRuntime implements CrossEncoderRuntime {

	private final Model model;

	private final LocalEngine engine;

	private final List<String> inputNames;

	private final List<String> outputNames;

	private DjlRuntime(Model model, LocalEngine engine, List<String> inputNames, List<String> outputNames) {
		this.model = model;
		this.engine = engine;
		this.inputNames = inputNames;
		this.outputNames = outputNames;
	}

	static DjlRuntime load(Path modelFile, LocalEngine engine, @Nullable Integer intraOpThreads) {
		Engine djlEngine = Engine.getEngine(engine.djlName());
		Model model = djlEngine.newModel("cross-encoder", Device.cpu());
		Map<String, Object> options = new HashMap<>();
		if (engine == LocalEngine.ONNX_RUNTIME) {
			options.put("interOpNumThreads", "1");
			if (intraOpThreads != null) {
				options.put("intraOpNumThreads", String.valueOf(intraOpThreads));
			}
			options.put("optLevel", "ALL_OPT");
		}
		try {
			model.load(modelFile, null, options);
		}
		catch (IOException | MalformedModelException | RuntimeException ex) {
			model.close();
			throw new LocalModelException(modelFile,
					"Model file could not be loaded by DJL's " + engine.djlName() + " engine (" + ex.getMessage() + ")",
					(engine == LocalEngine.ONNX_RUNTIME) ? "a valid ONNX graph of a cross-encoder"
							: "a TorchScript export (torch.jit.trace) of a cross-encoder",
					ex);
		}
		List<String> names = new ArrayList<>();
		List<String> outputs = new ArrayList<>();
		if (engine == LocalEngine.ONNX_RUNTIME) {
			PairList<String, Shape> described = model.getBlock().describeInput();
			names.addAll(described.keys());
		}
		return new DjlRuntime(model, engine, List.copyOf(names), List.copyOf(outputs));
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
		try (Predictor<EncodedBatch, float[][]> predictor = this.model.newPredictor(new Translator())) {
			return predictor.predict(batch);
		}
		catch (TranslateException ex) {
			Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
			throw new IllegalStateException(cause.getMessage(), ex);
		}
	}

	@Override
	public String description() {
		Engine djlEngine = Engine.getEngine(this.engine.djlName());
		return "DJL " + djlEngine.getEngineName() + " " + djlEngine.getVersion();
	}

	@Override
	public void close() {
		this.model.close();
	}

	private final class Translator implements NoBatchifyTranslator<EncodedBatch, float[][]> {

		private @Nullable EncodedBatch batch;

		@Override
		public NDList processInput(TranslatorContext ctx, EncodedBatch batch) {
			NDManager manager = ctx.getNDManager();
			Shape shape = new Shape(batch.shape());
			this.batch = batch;
			List<String> names = batch.signature().inputs();
			NDList inputs = new NDList(names.size());
			for (String name : names) {
				inputs.add(named(manager.create(GraphSignature.values(name, batch), shape), name));
			}
			return inputs;
		}

		private NDArray named(NDArray array, String name) {
			if (DjlRuntime.this.engine == LocalEngine.ONNX_RUNTIME) {
				array.setName(name);
			}
			return array;
		}

		@Override
		public float[][] processOutput(TranslatorContext ctx, NDList list) {
			EncodedBatch input = this.batch;
			if (input == null) {
				throw new IllegalStateException("processOutput before processInput");
			}
			// DJL names ONNX outputs as the graph does, but only once it has run;
			// TorchScript
			// outputs have no names, so its first is read
			NDArray logits = list.get(0);
			List<String> names = new ArrayList<>();
			for (NDArray output : list) {
				names.add(output.getName());
				if (GraphSignature.LOGITS.equals(output.getName()) && list.size() > 1) {
					logits = output;
				}
			}
			if (DjlRuntime.this.engine == LocalEngine.ONNX_RUNTIME && list.size() > 1
					&& !names.contains(GraphSignature.LOGITS)) {
				throw new IllegalStateException(GraphSignature.noLogitsOutput(names));
			}
			return input.signature()
				.rows(logits.toType(ai.djl.ndarray.types.DataType.FLOAT32, false).toFloatArray(),
						logits.getShape().getShape(), input.rows());
		}

	}

}
