package dev.reranker.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import ai.djl.huggingface.tokenizers.Encoding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.reranker.testfixtures.FamilyCrossEncoder;
import dev.reranker.testfixtures.FamilyCrossEncoder.Family;
import dev.reranker.testfixtures.FamilyCrossEncoder.Written;
import dev.reranker.testfixtures.MiniLmCrossEncoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * The encoder families in their hub layouts ({@link FamilyCrossEncoder}): tokenizer
 * model, special tokens, pad id, inputs with and without token_type_ids, position_ids,
 * several outputs, and RoBERTa's position offset.
 */
class EncoderFamilyTests {

	static final String QUERY = "what does a reranker do";

	/** Mixed lengths, so that a batch pads every row but the longest. */
	static final List<String> DOCUMENTS = List.of("a reranker reads the query and each candidate document together",
			"the cat sat on the mat", "a reranker", "paris is the capital of france and a city on a river");

	@TempDir
	Path temp;

	@ParameterizedTest
	@EnumSource(Family.class)
	void mixedLengthBatchScoresAsTheFixtureDefinesWithTheModelsPadId(Family family) {
		Written written = FamilyCrossEncoder.write(this.temp.resolve(family.name()), family);
		try (LocalRerankModel batched = load(written, 4, null); LocalRerankModel single = load(written, 1, null)) {
			List<Double> scores = batched.score(QUERY, DOCUMENTS);
			List<Double> oneByOne = single.score(QUERY, DOCUMENTS);
			for (int i = 0; i < DOCUMENTS.size(); i++) {
				long[] ids = batched.encode(QUERY, DOCUMENTS.get(i)).getIds();
				double expected = 1.0 / (1.0 + Math.exp(-written.referenceLogit(ids)));
				assertThat(scores.get(i)).as("%s document %d in a batch", family, i).isCloseTo(expected, within(1e-5));
				assertThat(oneByOne.get(i)).as("%s document %d alone", family, i).isCloseTo(expected, within(1e-5));
			}
		}
	}

	@ParameterizedTest
	@EnumSource(Family.class)
	void encodesPairsWithTheFamilysOwnSpecialTokens(Family family) {
		Written written = FamilyCrossEncoder.write(this.temp.resolve(family.name()), family);
		try (LocalRerankModel model = load(written, 2, null)) {
			long[] ids = model.encode("cat", "dog").getIds();
			long separators = java.util.Arrays.stream(ids).filter((id) -> id == written.sepId()).count();
			// <s> cat </s></s> dog </s> for XLM-RoBERTa, [CLS] cat [SEP] dog [SEP]
			// otherwise
			assertThat(separators).isEqualTo(family.robertaPairs() ? 3 : 2);
			assertThat(ids).doesNotContain(written.padId());
			assertThat(ids[ids.length - 1]).isEqualTo(written.sepId());
		}
	}

	@Test
	void xlmRobertaDefaultsToMaxPositionsLessThePadOffsetAndRunsAFullLengthPair() {
		Written written = FamilyCrossEncoder.write(this.temp.resolve("xlmr"), Family.XLM_ROBERTA);
		try (LocalRerankModel model = load(written, 2, null)) {
			assertThat(model.getMaxLength()).isEqualTo(512);
			String longDocument = "the cat sat on the mat ".repeat(200);
			assertThat(model.encode(QUERY, longDocument).getIds()).hasSize(512);
			assertThat(model.score(QUERY, List.of(longDocument, "a reranker"))).hasSize(2);
		}
	}

	@Test
	void xlmRobertaRejectsAMaxLengthItsPositionIdsWouldOverflow() {
		Written written = FamilyCrossEncoder.write(this.temp.resolve("xlmr"), Family.XLM_ROBERTA);
		assertThatThrownBy(() -> load(written, 2, 514)).isInstanceOf(LocalModelException.class)
			.hasMessageContaining(LocalSetting.MAX_LENGTH + "=514 exceeds the model's limit of 512 tokens")
			.hasMessageContaining("max_position_embeddings=514 less 2");
	}

	@Test
	void bgeRerankerV2M3sLongerLimitIsReadFromItsFilesWhileTheDefaultStaysAt512() throws IOException {
		Written written = FamilyCrossEncoder.write(this.temp.resolve("m3"), Family.XLM_ROBERTA);
		Path config = written.directory().resolve("config.json");
		Files.writeString(config, Files.readString(config)
			.replace("\"max_position_embeddings\": 514", "\"max_position_embeddings\": 8194"));
		Files.writeString(written.directory().resolve("tokenizer_config.json"),
				"{\"pad_token\": \"<pad>\", \"model_max_length\": 8192}");
		try (LocalRerankModel byDefault = load(written, 2, null); LocalRerankModel longest = load(written, 2, 8192)) {
			assertThat(byDefault.getMaxLength()).isEqualTo(512);
			assertThat(longest.getMaxLength()).isEqualTo(8192);
		}
		assertThatThrownBy(() -> load(written, 2, 8193)).isInstanceOf(LocalModelException.class)
			.hasMessageContaining("limit of 8192 tokens");
	}

	@Test
	void modernBertAcceptsPairsUpTo8192TokensWhileTheDefaultStaysAt512() {
		Written written = FamilyCrossEncoder.write(this.temp.resolve("modernbert"), Family.MODERNBERT);
		try (LocalRerankModel byDefault = load(written, 2, null); LocalRerankModel longest = load(written, 2, 8192)) {
			assertThat(byDefault.getMaxLength()).isEqualTo(512);
			String longDocument = "the cat sat on the mat ".repeat(1500);
			long[] ids = longest.encode(QUERY, longDocument).getIds();
			assertThat(ids).hasSize(8192);
			assertThat(longest.score(QUERY, List.of(longDocument)).get(0))
				.isCloseTo(sigmoid(written.referenceLogit(ids)), within(1e-5));
		}
		assertThatThrownBy(() -> load(written, 2, 8193)).isInstanceOf(LocalModelException.class)
			.hasMessageContaining("8192");
	}

	@Test
	void positionIdsAreFedFromThePadIdPlusOneAsRobertasOwnInEveryRowOfAMixedBatch() {
		Written written = FamilyCrossEncoder.write(this.temp.resolve("xlmr-positions"),
				Family.XLM_ROBERTA_POSITION_IDS);
		try (LocalRerankModel batched = load(written, 4, null); LocalRerankModel single = load(written, 1, null)) {
			List<Double> scores = batched.score(QUERY, DOCUMENTS);
			List<Double> oneByOne = single.score(QUERY, DOCUMENTS);
			for (int i = 0; i < DOCUMENTS.size(); i++) {
				long[] ids = batched.encode(QUERY, DOCUMENTS.get(i)).getIds();
				double fromTwo = sigmoid(written.referenceLogit(ids, 2));
				assertThat(scores.get(i)).as("document %d in a batch", i).isCloseTo(fromTwo, within(1e-5));
				assertThat(oneByOne.get(i)).as("document %d alone", i).isCloseTo(fromTwo, within(1e-5));
				// BERT's positions (from 0) would score measurably differently
				assertThat(Math.abs(scores.get(i) - sigmoid(written.referenceLogit(ids, 0)))).isGreaterThan(1e-3);
			}
			// the last of 512 tokens has position id 513, the table's last row
			String longDocument = "the cat sat on the mat ".repeat(200);
			long[] ids = batched.encode(QUERY, longDocument).getIds();
			assertThat(ids).hasSize(512);
			assertThat(batched.score(QUERY, List.of(longDocument, "a reranker")).get(0))
				.isCloseTo(sigmoid(written.referenceLogit(ids)), within(1e-5));
		}
	}

	@Test
	void aBertGraphWithTokenTypeIdsAndARealWordPieceVocabularyScoresAMixedBatchAsOneAtATime() {
		Path directory = this.temp.resolve("minilm");
		MiniLmCrossEncoder.write(directory, MiniLmCrossEncoder.Precision.FP32);
		try (LocalRerankModel batched = load(directory, 4); LocalRerankModel single = load(directory, 1)) {
			Encoding pair = batched.encode("cat", "dog");
			assertThat(pair.getIds()).containsExactly(101, 4937, 102, 3899, 102);
			assertThat(pair.getTypeIds()).containsExactly(0, 0, 0, 1, 1);
			List<Double> scores = batched.score(QUERY, DOCUMENTS);
			List<Double> oneByOne = single.score(QUERY, DOCUMENTS);
			for (int i = 0; i < DOCUMENTS.size(); i++) {
				assertThat(scores.get(i)).as("document %d", i).isCloseTo(oneByOne.get(i), within(1e-5));
			}
			assertThat(scores).doesNotHaveDuplicates();
		}
	}

	@Test
	void jinaV2TakesTheLimitFromTokenizerConfigAndReadsTheLogitsOutputByName() {
		Written written = FamilyCrossEncoder.write(this.temp.resolve("jina"), Family.JINA_V2);
		assertThatThrownBy(() -> load(written, 2, 1025)).isInstanceOf(LocalModelException.class)
			.hasMessageContaining("limit of 1024 tokens");
		try (LocalRerankModel model = load(written, 2, 1024)) {
			assertThat(model.score(QUERY, DOCUMENTS)).allSatisfy((score) -> assertThat(score).isBetween(0.0, 1.0));
			assertThat(model.encode(QUERY, "the cat sat on the mat ".repeat(300)).getIds()).hasSize(1024);
		}
	}

	private static LocalRerankModel load(Path directory, int batchSize) {
		return LocalRerankModel.builder()
			.files(LocalModelFiles.inDirectory(directory, null, LocalEngine.ONNX_RUNTIME))
			.batchSize(batchSize)
			.build();
	}

	private static double sigmoid(double logit) {
		return 1.0 / (1.0 + Math.exp(-logit));
	}

	private static LocalRerankModel load(Written written, int batchSize, Integer maxLength) {
		return LocalRerankModel.builder()
			.files(LocalModelFiles.inDirectory(written.directory(), null, LocalEngine.ONNX_RUNTIME))
			.batchSize(batchSize)
			.maxLength(maxLength)
			.build();
	}

}
