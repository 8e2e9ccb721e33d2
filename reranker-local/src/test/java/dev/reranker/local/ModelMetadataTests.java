package dev.reranker.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.reranker.testfixtures.FamilyCrossEncoder;
import dev.reranker.testfixtures.FamilyCrossEncoder.Family;
import dev.reranker.testfixtures.TinyDecoderReranker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Where pad id, length limit and architecture come from, in the order the model's files
 * are read.
 */
class ModelMetadataTests {

	@TempDir
	Path temp;

	Path dir;

	@BeforeEach
	void writeXlmRoberta() {
		this.dir = FamilyCrossEncoder.write(this.temp.resolve("m"), Family.XLM_ROBERTA).directory();
	}

	ModelMetadata read() {
		return ModelMetadata.read(LocalModelFiles.inDirectory(this.dir, null, LocalEngine.ONNX_RUNTIME));
	}

	@Test
	void thePadTokenOfTokenizerConfigWins() {
		ModelMetadata metadata = read();

		assertThat(metadata.padId()).isEqualTo(1);
		assertThat(metadata.padSource()).isEqualTo("tokenizer_config.json pad_token '<pad>'");
	}

	@Test
	void withoutTokenizerConfigThePadTokenIdOfConfigJsonIsUsed() throws IOException {
		Files.delete(this.dir.resolve("tokenizer_config.json"));
		Files.writeString(this.dir.resolve("config.json"),
				"{\"model_type\": \"xlm-roberta\", \"max_position_embeddings\": 514, \"pad_token_id\": 3}");

		assertThat(read().padId()).isEqualTo(3);
		assertThat(read().padSource()).isEqualTo("config.json pad_token_id");
	}

	@Test
	void withNeitherFileSayingAConventionalPadTokenOfTheVocabularyIsUsed() throws IOException {
		Files.delete(this.dir.resolve("tokenizer_config.json"));
		Files.delete(this.dir.resolve("config.json"));

		assertThat(read().padId()).isEqualTo(1);
		assertThat(read().padSource()).isEqualTo("tokenizer.json token <pad>");
		assertThat(read().usableLength()).isNull();
	}

	@Test
	void aPadTokenThatIsNotInTheVocabularyFailsNamingTheFile() throws IOException {
		Files.writeString(this.dir.resolve("tokenizer_config.json"), "{\"pad_token\": {\"content\": \"[PAD]\"}}");

		assertThatThrownBy(this::read).isInstanceOf(LocalModelException.class)
			.hasMessageContaining("pad_token '[PAD]' is not a token of tokenizer.json")
			.hasMessageContaining("tokenizer_config.json");
	}

	@Test
	void robertaPositionsStartAfterThePadIdAndTheModelMaxLengthSentinelIsNoLimit() {
		ModelMetadata metadata = read();

		assertThat(metadata.maxPositions()).isEqualTo(514);
		assertThat(metadata.modelMaxLength()).isNull();
		assertThat(metadata.usableLength()).isEqualTo(512);
		assertThat(metadata.decoder()).isFalse();
	}

	@Test
	void aRealModelMaxLengthBelowThePositionsIsTheLimit() throws IOException {
		Files.writeString(this.dir.resolve("tokenizer_config.json"),
				"{\"pad_token\": \"<pad>\", \"model_max_length\": 256}");

		assertThat(read().usableLength()).isEqualTo(256);
		assertThat(read().usableLengthReason()).contains("model_max_length=256");
	}

	@Test
	void aCausalLmIsADecoderWithItsPadTokenAndAnswerTokens() {
		this.dir = TinyDecoderReranker.write(this.temp.resolve("d"), TinyDecoderReranker.Shape.CAUSAL_LM).directory();
		ModelMetadata metadata = read();

		assertThat(metadata.decoder()).isTrue();
		assertThat(metadata.padId()).isEqualTo(metadata.tokenId("<|endoftext|>"));
		assertThat(metadata.tokenId("yes")).isNotNull();
		assertThat(metadata.tokenId("no")).isNotNull();
		assertThat(metadata.usableLength()).isEqualTo(40960);
	}

}
