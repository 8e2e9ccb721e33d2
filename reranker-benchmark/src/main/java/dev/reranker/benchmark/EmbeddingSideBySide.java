package dev.reranker.benchmark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.springframework.ai.embedding.EmbeddingModel;

import dev.reranker.embedding.CaffeineDocumentVectors;
import dev.reranker.embedding.DocumentVectors;
import dev.reranker.embedding.EmbeddingRerankModel;
import dev.reranker.local.LocalEngine;
import dev.reranker.local.LocalModelFiles;
import dev.reranker.local.LocalRerankModel;
import dev.reranker.testfixtures.MiniLmCrossEncoder;
import dev.reranker.testfixtures.MiniLmCrossEncoder.Precision;
import dev.reranker.testfixtures.embedding.MiniLmEmbeddingModel;

/**
 * The embedding rescoring provider next to the local cross-encoder, interleaved as in
 * {@link SideBySide}, on the same 50 candidates: all-MiniLM-L6-v2 through Spring AI's
 * {@code TransformersEmbeddingModel} embedding everything in one call (as before), in
 * length-sorted batches, and with a warm document-vector cache (the candidates seen
 * before, only the query embedded); the cross-encoder with its defaults, fp32 and int8.
 * <p>
 * Usage: {@code EmbeddingSideBySide <rounds>}.
 */
public final class EmbeddingSideBySide {

	private EmbeddingSideBySide() {
	}

	public static void main(String[] args) throws Exception {
		int rounds = (args.length > 0) ? Integer.parseInt(args[0]) : 10;
		Map<String, Supplier<List<Double>>> implementations = new LinkedHashMap<>();
		List<String> candidates = null;
		for (Precision precision : Precision.values()) {
			Path directory = Files.createTempDirectory("rerank-embedding-side-by-side");
			Path onnx = MiniLmCrossEncoder.write(directory, precision);
			List<String> texts = Workload.candidates(directory.resolve("tokenizer.json"));
			candidates = texts;
			LocalRerankModel local = LocalRerankModel.builder()
				.files(LocalModelFiles.inDirectory(directory, "onnx/" + onnx.getFileName(), LocalEngine.ONNX_RUNTIME))
				.build();
			implementations.put("cross-encoder (local, defaults) " + precision,
					() -> local.score(Workload.QUERY, texts));
		}
		List<String> texts = java.util.Objects.requireNonNull(candidates);
		EmbeddingModel embeddings = MiniLmEmbeddingModel.get();
		EmbeddingRerankModel oneCall = EmbeddingRerankModel.builder()
			.embeddingModel(embeddings)
			.batchSize(Integer.MAX_VALUE)
			.documentVectors(DocumentVectors.NONE)
			.build();
		EmbeddingRerankModel sorted = EmbeddingRerankModel.builder()
			.embeddingModel(embeddings)
			.documentVectors(DocumentVectors.NONE)
			.build();
		EmbeddingRerankModel cached = EmbeddingRerankModel.builder()
			.embeddingModel(embeddings)
			.documentVectors(new CaffeineDocumentVectors(CaffeineDocumentVectors.DEFAULT_MAXIMUM_SIZE))
			.build();
		implementations.put("embedding, one call of 51 texts (before)", () -> oneCall.score(Workload.QUERY, texts));
		implementations.put("embedding, length-sorted batches of " + EmbeddingRerankModel.DEFAULT_BATCH_SIZE,
				() -> sorted.score(Workload.QUERY, texts));
		implementations.put("embedding, warm document-vector cache", () -> cached.score(Workload.QUERY, texts));
		implementations.values().forEach(Supplier::get);

		Map<String, double[]> millis = new LinkedHashMap<>();
		implementations.keySet().forEach((name) -> millis.put(name, new double[rounds]));
		List<String> names = List.copyOf(implementations.keySet());
		String loadBefore = SideBySide.loadAverage();
		for (int round = 0; round < rounds; round++) {
			for (int k = 0; k < names.size(); k++) {
				String name = names.get((round + k) % names.size());
				long start = System.nanoTime();
				SideBySide.required(implementations, name).get();
				SideBySide.required(millis, name)[round] = (System.nanoTime() - start) / 1e6;
			}
		}
		System.out.printf("%n%d candidates, %d rounds, %d cores; load average (1, 5, 15 min) before: %s, after: %s%n",
				texts.size(), rounds, Runtime.getRuntime().availableProcessors(), loadBefore, SideBySide.loadAverage());
		double reference = SideBySide.median(SideBySide.required(millis, "embedding, one call of 51 texts (before)"));
		System.out.println("| implementation | p50 ms | p95 ms | vs embedding in one call (p50) |");
		System.out.println("|---|---:|---:|---:|");
		millis.forEach((name, values) -> System.out.printf("| %s | %.1f | %.1f | %.2fx |%n", name,
				SideBySide.median(values), SideBySide.percentile(values, 0.95), reference / SideBySide.median(values)));
		System.exit(0);
	}

}
