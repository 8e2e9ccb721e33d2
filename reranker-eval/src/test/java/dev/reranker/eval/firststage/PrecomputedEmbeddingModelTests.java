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
	void aDamagedCacheIsNamedWithWhatToDo() throws Exception {
		Path cache = Files.writeString(this.folder.resolve("broken.bin"), "not a cache");
		assertThatExceptionOfType(java.io.UncheckedIOException.class).isThrownBy(() -> EmbeddingCacheFile.read(cache))
			.withMessageContaining("broken.bin")
			.withMessageContaining("delete it");
	}

	/** Embeds a text as (length, 1) and counts the texts it embedded. */
	static final class LengthModel implements EmbeddingModel {

		final AtomicInteger texts = new AtomicInteger();

		@Override
		public EmbeddingResponse call(EmbeddingRequest request) {
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
