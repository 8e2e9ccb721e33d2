package dev.reranker.local;

import java.nio.file.Path;
import java.util.List;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.reranker.testfixtures.TinyDecoderReranker;
import dev.reranker.testfixtures.TinyDecoderReranker.Shape;
import dev.reranker.testfixtures.TinyDecoderReranker.Written;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * Decoder LLM rerankers ({@link TinyDecoderReranker}, the layout of Qwen3-Reranker and
 * mxbai-rerank-v2): prompt template, left padding with the model's pad id, the score from
 * the last position, both export shapes.
 */
class DecoderRerankerTests {

	static final String QUERY = "what does a reranker do";

	/** Mixed lengths: in a batch every row but the longest is padded. */
	static final List<String> DOCUMENTS = List.of("paris is the capital of france",
			"a reranker reads the query and each candidate document together and scores their relevance",
			"the cat sat on the mat", "what a reranker does");

	@TempDir
	Path temp;

	@ParameterizedTest
	@EnumSource(Shape.class)
	void mixedLengthBatchScoresAsOneAtATimeAndAsTheFixtureDefines(Shape shape) {
		Written written = TinyDecoderReranker.write(this.temp.resolve(shape.name()), shape);
		try (LocalRerankModel batched = load(written, 4, PromptTemplate.QWEN3_RERANKER);
				LocalRerankModel single = load(written, 1, PromptTemplate.QWEN3_RERANKER)) {
			List<Double> scores = batched.score(QUERY, DOCUMENTS);
			List<Double> oneByOne = single.score(QUERY, DOCUMENTS);
			for (int i = 0; i < DOCUMENTS.size(); i++) {
				double expected = sigmoid(written.referenceLogit(batched.encode(QUERY, DOCUMENTS.get(i)).getIds()));
				assertThat(scores.get(i)).as("%s document %d in a batch", shape, i).isCloseTo(expected, within(1e-5));
				assertThat(oneByOne.get(i)).as("%s document %d alone", shape, i).isCloseTo(expected, within(1e-5));
			}
			assertThat(scores.get(3)).isGreaterThan(scores.get(0));
			assertThat(scores.get(1)).isGreaterThan(scores.get(2));
		}
	}

	@Test
	void detectsTheDecoderFromConfigJsonAndWrapsThePairInTheQwen3Prompt() throws Exception {
		Written written = TinyDecoderReranker.write(this.temp.resolve("qwen"), Shape.CAUSAL_LM);
		try (LocalRerankModel model = LocalRerankModel.builder()
			.files(LocalModelFiles.inDirectory(written.directory(), null, LocalEngine.ONNX_RUNTIME))
			.build(); HuggingFaceTokenizer tokenizer = plainTokenizer(written)) {
			String prompt = PromptTemplate.QWEN3_RERANKER.render(QUERY, "the cat sat on the mat");
			assertThat(prompt).contains("<Instruct>: Given a web search query, retrieve relevant passages")
				.contains("<Query>: " + QUERY + "\n<Document>: the cat sat on the mat<|im_end|>")
				.endsWith("<|im_start|>assistant\n<think>\n\n</think>\n\n");
			assertThat(model.encode(QUERY, "the cat sat on the mat").getIds())
				.containsExactly(tokenizer.encode(prompt, false, false).getIds());
		}
	}

	@Test
	void truncatesTheDocumentButNeverTheQuestionAfterIt() throws Exception {
		Written written = TinyDecoderReranker.write(this.temp.resolve("qwen"), Shape.CAUSAL_LM);
		try (LocalRerankModel model = LocalRerankModel.builder()
			.files(LocalModelFiles.inDirectory(written.directory(), null, LocalEngine.ONNX_RUNTIME))
			.maxLength(260)
			.build(); HuggingFaceTokenizer tokenizer = plainTokenizer(written)) {
			long[] ids = model.encode(QUERY, "the cat sat on the mat ".repeat(100)).getIds();
			long[] suffix = tokenizer.encode(PromptTemplate.QWEN3_RERANKER.suffix(QUERY), false, false).getIds();
			assertThat(ids).hasSize(260);
			assertThat(java.util.Arrays.copyOfRange(ids, ids.length - suffix.length, ids.length))
				.containsExactly(suffix);
			assertThat(model.score(QUERY, List.of("the cat sat on the mat ".repeat(100)))).hasSize(1);
		}
	}

	@Test
	void anOverriddenTemplateAndAnswerTokensAreUsed() {
		Written written = TinyDecoderReranker.write(this.temp.resolve("mxbai"), Shape.CAUSAL_LM);
		PromptTemplate custom = new PromptTemplate(
				"<|im_start|>user\n{instruction}\nquery: {query}\ndocument: {document}\nRelevance:<|im_end|>\n",
				"judge relevance", "1", "0");
		try (LocalRerankModel model = load(written, 2, custom);
				LocalRerankModel mxbai = load(written, 2, PromptTemplate.MXBAI_RERANK_V2)) {
			for (LocalRerankModel each : List.of(model, mxbai)) {
				List<Double> scores = each.score(QUERY, DOCUMENTS);
				for (int i = 0; i < DOCUMENTS.size(); i++) {
					double expected = sigmoid(written.referenceLogit(each.encode(QUERY, DOCUMENTS.get(i)).getIds()));
					assertThat(scores.get(i)).isCloseTo(expected, within(1e-5));
				}
			}
			assertThat(model.encode(QUERY, "cat").getIds()).isNotEqualTo(mxbai.encode(QUERY, "cat").getIds());
		}
	}

	@Test
	void anAnswerTokenMissingFromTheVocabularyFailsNamingTheSetting() {
		Written written = TinyDecoderReranker.write(this.temp.resolve("qwen"), Shape.CAUSAL_LM);
		PromptTemplate wrong = new PromptTemplate(PromptTemplate.QWEN3_RERANKER.template(), "x", "Yes!", "no");
		assertThatThrownBy(() -> load(written, 2, wrong)).isInstanceOf(LocalModelException.class)
			.hasMessageContaining(LocalSetting.POSITIVE_ANSWER + "='Yes!' is not a token of this tokenizer");
	}

	@Test
	void aTemplateWithoutTheDocumentPlaceholderIsRejected() {
		assertThatThrownBy(() -> new PromptTemplate("query: {query}", "", "yes", "no"))
			.isInstanceOf(LocalModelException.class)
			.hasMessageContaining(LocalSetting.PROMPT_TEMPLATE + " must contain {query} and {document} once each");
	}

	@Test
	void theArchitectureOverrideTreatsTheDecoderAsAnEncoder() {
		Written written = TinyDecoderReranker.write(this.temp.resolve("qwen"), Shape.SEQUENCE_CLASSIFICATION);
		try (LocalRerankModel model = LocalRerankModel.builder()
			.files(LocalModelFiles.inDirectory(written.directory(), null, LocalEngine.ONNX_RUNTIME))
			.architecture(ModelArchitecture.ENCODER)
			.build()) {
			// no prompt: the tokenizer's own (empty) pair template, no <|im_start|>
			assertThat(model.encode(QUERY, "cat").getIds()).doesNotContain(written.vocabulary().get("<|im_start|>"));
		}
	}

	private static HuggingFaceTokenizer plainTokenizer(Written written) throws java.io.IOException {
		return HuggingFaceTokenizer.builder()
			.optTokenizerPath(written.directory().resolve("tokenizer.json"))
			.optAddSpecialTokens(false)
			.optPadding(false)
			.optTruncation(false)
			.build();
	}

	private static LocalRerankModel load(Written written, int batchSize, PromptTemplate template) {
		return LocalRerankModel.builder()
			.files(LocalModelFiles.inDirectory(written.directory(), null, LocalEngine.ONNX_RUNTIME))
			.batchSize(batchSize)
			.promptTemplate(template)
			.build();
	}

	private static double sigmoid(double logit) {
		return 1.0 / (1.0 + Math.exp(-logit));
	}

}
