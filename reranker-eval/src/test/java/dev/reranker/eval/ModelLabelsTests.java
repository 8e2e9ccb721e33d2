package dev.reranker.eval;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ModelLabelsTests {

	@Test
	void namesTheModelFromWhereItIsLoaded() {
		assertThat(ModelLabels.modelName("classpath:bge-small-en-v1.5.onnx")).isEqualTo("bge-small-en-v1.5");
		assertThat(ModelLabels.modelName("file:/models/e5-small/onnx/model.onnx")).isEqualTo("e5-small");
		assertThat(ModelLabels.modelName("file:/models/minilm/model_quantized.onnx")).isEqualTo("minilm");
		assertThat(ModelLabels.modelName("cross-encoder/ms-marco-MiniLM-L6-v2")).isEqualTo("ms-marco-MiniLM-L6-v2");
	}

	@Test
	void precisionAndPoolingAreInTheLabel() {
		assertThat(ModelLabels.transformersEmbedding("classpath:bge-small-en-v1.5.onnx", 512))
			.isEqualTo("bge-small-en-v1.5, fp32, mean pooling, 512 tokens");
		assertThat(ModelLabels.precision("onnx/model_quantized.onnx")).isEqualTo("int8");
		assertThat(ModelLabels.precision("onnx/model_fp16.onnx")).isEqualTo("fp16");
	}

	@Test
	void bgeRunMeanPooledGetsANote() {
		assertThat(ModelLabels.poolingNote("classpath:bge-small-en-v1.5.onnx")).contains("CLS pooling")
			.contains("mean-pools");
		assertThat(ModelLabels.poolingNote("classpath:all-minilm-l6-v2.onnx")).isNull();
	}

}
