package dev.reranker.local;

import java.nio.file.Path;
import java.util.List;

import ai.djl.huggingface.tokenizers.Encoding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.reranker.testfixtures.FamilyCrossEncoder;
import dev.reranker.testfixtures.FamilyCrossEncoder.Family;
import dev.reranker.testfixtures.TinyDecoderReranker;
import dev.reranker.testfixtures.TinyDecoderReranker.Shape;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How a model's pairs become one padded batch: the pad id and side and the position ids
 * read from its files ({@link ModelMetadata}, as {@link LocalModelLoader} builds the
 * layout), on real encodings of the decoder and XLM-RoBERTa fixtures.
 */
class BatchLayoutTests {

	private static final GraphSignature POSITIONS = new GraphSignature(
			List.of("input_ids", "attention_mask", "position_ids"), null, null);

	@TempDir
	Path temp;

	private static BatchLayout layoutOf(Path directory) {
		ModelMetadata metadata = ModelMetadata
			.read(LocalModelFiles.inDirectory(directory, null, LocalEngine.ONNX_RUNTIME));
		return new BatchLayout(metadata.padId(), metadata.decoder(), metadata.firstPosition(), POSITIONS);
	}

	@Test
	void aDecoderIsPaddedOnTheLeftWithItsPadIdAndPositionsCountFromEachRowsFirstToken() {
		TinyDecoderReranker.Written written = TinyDecoderReranker.write(this.temp.resolve("qwen"), Shape.CAUSAL_LM);
		try (LocalRerankModel model = LocalRerankModel.builder()
			.files(LocalModelFiles.inDirectory(written.directory(), null, LocalEngine.ONNX_RUNTIME))
			.build()) {
			assertThat(written.padId()).isNotZero();
			Encoding shorter = model.encode("cat", "dog");
			Encoding longer = model.encode("cat", "the cat sat on the mat");
			int pad = longer.getIds().length - shorter.getIds().length;
			BatchLayout layout = layoutOf(written.directory());
			assertThat(layout.padId()).isEqualTo(written.padId());
			assertThat(layout.leftPadding()).isTrue();
			assertThat(layout.firstPosition()).isZero();
			EncodedBatch batch = layout.pad(List.of(shorter, longer));

			int columns = batch.columns();
			assertThat(columns).isEqualTo(longer.getIds().length);
			for (int i = 0; i < pad; i++) {
				assertThat(batch.ids()[i]).isEqualTo(written.padId());
				assertThat(batch.attentionMask()[i]).isZero();
				assertThat(batch.positionIds()[i]).isZero();
			}
			for (int i = 0; i < shorter.getIds().length; i++) {
				assertThat(batch.ids()[pad + i]).isEqualTo(shorter.getIds()[i]);
				assertThat(batch.attentionMask()[pad + i]).isOne();
				assertThat(batch.positionIds()[pad + i]).isEqualTo(i);
				assertThat(batch.positionIds()[columns + pad + i]).isEqualTo(pad + i);
			}
		}
	}

	@Test
	void aRobertaEncoderIsPaddedOnTheRightWithItsPadIdAndPositionsStartAfterIt() {
		FamilyCrossEncoder.Written written = FamilyCrossEncoder.write(this.temp.resolve("xlmr"),
				Family.XLM_ROBERTA_POSITION_IDS);
		try (LocalRerankModel model = LocalRerankModel.builder()
			.files(LocalModelFiles.inDirectory(written.directory(), null, LocalEngine.ONNX_RUNTIME))
			.build()) {
			Encoding shorter = model.encode("cat", "dog");
			Encoding longer = model.encode("cat", "the cat sat on the mat");
			BatchLayout layout = layoutOf(written.directory());
			assertThat(layout.padId()).isEqualTo(1);
			assertThat(layout.leftPadding()).isFalse();
			assertThat(layout.firstPosition()).isEqualTo(2);
			EncodedBatch batch = layout.pad(List.of(shorter, longer));

			int length = shorter.getIds().length;
			for (int i = 0; i < batch.columns(); i++) {
				boolean real = i < length;
				assertThat(batch.ids()[i]).isEqualTo(real ? shorter.getIds()[i] : 1);
				assertThat(batch.attentionMask()[i]).isEqualTo(real ? 1 : 0);
				assertThat(batch.positionIds()[i]).isEqualTo(real ? 2 + i : 0);
				assertThat(batch.positionIds()[batch.columns() + i]).isEqualTo(2 + i);
			}
		}
	}

}
