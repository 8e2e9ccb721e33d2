package dev.reranker.benchmark;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.NoBatchifyTranslator;
import ai.djl.translate.TranslateException;
import ai.djl.translate.TranslatorContext;

/**
 * The plainest way to run a cross-encoder on DJL, as a baseline: DJL's ONNX Runtime
 * engine with its default session options, one predictor, and a loop scoring ONE pair at
 * a time (so nothing is padded), sigmoid of the logit.
 */
final class DjlPairLoop implements AutoCloseable {

	private final Model model;

	private final HuggingFaceTokenizer tokenizer;

	private final Predictor<Encoding, Float> predictor;

	DjlPairLoop(Path onnx, Path tokenizerJson) throws IOException, MalformedModelException {
		this.model = Engine.getEngine("OnnxRuntime").newModel("pair-loop", Device.cpu());
		this.model.load(onnx);
		this.tokenizer = HuggingFaceTokenizer.builder()
			.optTokenizerPath(tokenizerJson)
			.optAddSpecialTokens(true)
			.optPadding(false)
			.optMaxLength(512)
			.optTruncateSecondOnly()
			.build();
		this.predictor = this.model.newPredictor(new PairTranslator());
	}

	List<Double> score(String query, List<String> documents) {
		List<Double> scores = new ArrayList<>(documents.size());
		try {
			for (String document : documents) {
				float logit = this.predictor.predict(this.tokenizer.encode(query, document));
				scores.add(1 / (1 + Math.exp(-logit)));
			}
		}
		catch (TranslateException ex) {
			throw new IllegalStateException(ex);
		}
		return scores;
	}

	@Override
	public void close() {
		this.predictor.close();
		this.tokenizer.close();
		this.model.close();
	}

	private static final class PairTranslator implements NoBatchifyTranslator<Encoding, Float> {

		@Override
		public NDList processInput(TranslatorContext ctx, Encoding encoding) {
			NDManager manager = ctx.getNDManager();
			Shape shape = new Shape(1, encoding.getIds().length);
			NDArray ids = manager.create(encoding.getIds(), shape);
			ids.setName("input_ids");
			NDArray mask = manager.create(encoding.getAttentionMask(), shape);
			mask.setName("attention_mask");
			NDArray types = manager.create(encoding.getTypeIds(), shape);
			types.setName("token_type_ids");
			return new NDList(ids, mask, types);
		}

		@Override
		public Float processOutput(TranslatorContext ctx, NDList list) {
			return list.get(0).toFloatArray()[0];
		}

	}

}
