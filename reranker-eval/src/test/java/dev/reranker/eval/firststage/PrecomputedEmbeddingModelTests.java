package dev.reranker.eval.firststage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.ai.document.Document;
import org.springframework.ai.embedding.Embedding;
import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.ai.embedding.EmbeddingRequest;
import org.springframework.ai.embedding.EmbeddingResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Corpus embeddings reused across stages (in memory) and across runs (the cache file).
 */
class PrecomputedEmbeddingModelTests {

	@TempDir
	Path folder;

	private final List<String> corpus = List.of("lift of a swept wing", "heat", "buckling of thin shells");

	@Test
	void aSecondRunReadsTheCacheAndEmbedsNothing() {
		Path cache = this.folder.resolve("cranfield-embeddings-abc.bin");
		LengthModel first = new LengthModel();
		PrecomputedEmbeddingModel.Precomputed done = new PrecomputedEmbeddingModel(first, cache).precompute(this.corpus,
				2, count -> {
				});
		assertThat(done).isEqualTo(new PrecomputedEmbeddingModel.Precomputed(3, 0));
		assertThat(first.texts.get()).isEqualTo(3);
		assertThat(cache).isRegularFile();

		LengthModel second = new LengthModel();
		PrecomputedEmbeddingModel again = new PrecomputedEmbeddingModel(second, cache);
		List<Integer> progress = new ArrayList<>();
		assertThat(again.precompute(this.corpus, 2, progress::add))
			.isEqualTo(new PrecomputedEmbeddingModel.Precomputed(0, 3));
		assertThat(second.texts.get()).as("nothing embedded on the second run").isZero();
		assertThat(progress).containsExactly(3);
		assertThat(again.embed(new Document("heat"))).containsExactly(4f, 1f);
		assertThat(EmbeddingCacheFile.read(cache)).containsOnlyKeys(this.corpus);
	}

	@Test
	void withATokenBudgetTheModelIsCalledWithBatchesOfTheRealTokenizersCounts() {
		// all-MiniLM-L6-v2's tokenizer: [CLS] + word pieces + [SEP]
		TokenBudgetBatches batches = new TokenBudgetBatches(
				TokenCounts.of("classpath:all-minilm-l6-v2-tokenizer.json", 256), 32, 12);
		LengthModel model = new LengthModel();
		new PrecomputedEmbeddingModel(model, null, batches).precompute(this.corpus, 32, count -> {
		});
		// heat: 3 tokens; lift of a swept wing: 7; buckling of thin shells: 7 or more;
		// 3 + 7 fit (2 x 7 = 14 > 12 does not): three calls, shortest first
		assertThat(model.calls).containsExactly(List.of("heat"), List.of("lift of a swept wing"),
				List.of("buckling of thin shells"));
		assertThat(TokenCounts.of("classpath:all-minilm-l6-v2-tokenizer.json", 256).applyAsInt("heat")).isEqualTo(3);
		assertThat(TokenCounts.of("classpath:all-minilm-l6-v2-tokenizer.json", 4).applyAsInt("lift of a swept wing"))
			.as("truncated at max length")
			.isEqualTo(4);
	}

	@Test
	void aDamagedCacheIsNamedWithWhatToDo() throws Exception {
		Path cache = Files.writeString(this.folder.resolve("broken.bin"), "not a cache");
		assertThatExceptionOfType(java.io.UncheckedIOException.class).isThrownBy(() -> EmbeddingCacheFile.read(cache))
			.withMessageContaining("broken.bin")
			.withMessageContaining("delete it");
	}

	/** Embeds a text as (length, 1) and counts the texts it embedded. */
	static final class LengthModel implements EmbeddingModel {

		final AtomicInteger texts = new AtomicInteger();

		final List<List<String>> calls = new ArrayList<>();

		@Override
		public EmbeddingResponse call(EmbeddingRequest request) {
			this.calls.add(List.copyOf(request.getInstructions()));
			List<Embedding> embeddings = new ArrayList<>();
			for (String text : request.getInstructions()) {
				this.texts.incrementAndGet();
				embeddings.add(new Embedding(new float[] { text.length(), 1f }, embeddings.size()));
			}
			return new EmbeddingResponse(embeddings);
		}

		@Override
		public float[] embed(Document document) {
			return call(new EmbeddingRequest(List.of(document.getText()), null)).getResult().getOutput();
		}

	}

}
