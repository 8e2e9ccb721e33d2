package dev.reranker.eval.firststage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToIntFunction;

import dev.reranker.eval.dataset.BeirDataset;
import dev.reranker.eval.dataset.BeirDatasetReader;
import dev.reranker.eval.dataset.CorpusDocument;

import org.springframework.ai.document.MetadataMode;
import org.springframework.ai.transformers.TransformersEmbeddingModel;

/**
 * Where corpus embedding time goes, measured on a real corpus with the tool's own
 * classes: the same {@link PrecomputedEmbeddingModel} over Spring AI's
 * {@link TransformersEmbeddingModel}, fed three ways, interleaved run by run so that load
 * changes hit all of them alike:
 * <ul>
 * <li>{@code file-order/32}: the corpus in file order, 32 texts per call (the tool before
 * issue 18);</li>
 * <li>{@code chars/32}: sorted by characters, 32 per call
 * ({@code --eval.embedding.batch-tokens=0});</li>
 * <li>{@code tokens/4096}: sorted by token count, calls of at most 4096 padded tokens and
 * 32 texts (the default).</li>
 * </ul>
 * Prints the padded tokens each way needs on the whole corpus (what the model computes,
 * independent of load), then the timings of the sample, their medians and ratios, and the
 * load average. Not a test: run it with {@code main} (see docs/benchmarks.md).
 * <p>
 * Arguments: dataset folder, sample size (every n-th document), runs, and optionally the
 * ONNX model, tokenizer and max length (default bge-small-en-v1.5, 512).
 */
public final class CorpusEmbeddingTimes {

	private CorpusEmbeddingTimes() {
	}

	public static void main(String[] args) throws Exception {
		System.setProperty("ai.djl.offline", "true");
		Path folder = Path.of(args[0]);
		int sampleSize = Integer.parseInt(args[1]);
		int runs = Integer.parseInt(args[2]);
		String model = (args.length > 3) ? args[3] : "classpath:bge-small-en-v1.5.onnx";
		String tokenizer = (args.length > 4) ? args[4] : "classpath:bge-small-en-v1.5-tokenizer.json";
		int maxLength = (args.length > 5) ? Integer.parseInt(args[5]) : 512;

		BeirDataset dataset = BeirDatasetReader.read(folder, new BeirDatasetReader.Options("qrels/test.tsv", null));
		List<String> corpus = new ArrayList<>();
		for (CorpusDocument document : dataset.corpus().values()) {
			corpus.add(document.content(true));
		}
		List<String> sample = new ArrayList<>();
		int step = Math.max(1, corpus.size() / sampleSize);
		for (int i = 0; i < corpus.size() && sample.size() < sampleSize; i += step) {
			sample.add(corpus.get(i));
		}
		TransformersEmbeddingModel embedding = new TransformersEmbeddingModel(MetadataMode.NONE);
		embedding.setModelResource(model);
		embedding.setTokenizerResource(tokenizer);
		embedding.setTokenizerOptions(
				Map.of("truncation", "true", "padding", "true", "maxLength", String.valueOf(maxLength)));
		embedding.setDisableCaching(true);
		embedding.afterPropertiesSet();
		ToIntFunction<String> tokens = TokenCounts.of(tokenizer, maxLength);
		TokenBudgetBatches budget = new TokenBudgetBatches(tokens, 32, 4096);

		System.out.printf(Locale.ROOT, "%s: %d documents, %s (max %d tokens); %d processors%n", folder, corpus.size(),
				model, maxLength, Runtime.getRuntime().availableProcessors());
		for (String way : List.of("file-order/32", "chars/32", "tokens/4096")) {
			long[] padded = padded(batches(way, corpus, budget), tokens);
			System.out.printf(Locale.ROOT,
					"whole corpus, %-13s %4d calls, %,9d padded tokens for %,d real (%.1f%% padding)%n", way, padded[2],
					padded[0], padded[1], 100.0 * (padded[0] - padded[1]) / padded[0]);
		}
		embedding.embed(sample.subList(0, Math.min(4, sample.size())));
		Map<String, List<Double>> seconds = new LinkedHashMap<>();
		for (int run = 0; run < runs; run++) {
			for (String way : List.of("file-order/32", "chars/32", "tokens/4096")) {
				PrecomputedEmbeddingModel precomputed = way.startsWith("tokens")
						? new PrecomputedEmbeddingModel(embedding, null, budget)
						: new PrecomputedEmbeddingModel(embedding, null);
				List<String> input = sample;
				long began = System.nanoTime();
				if (way.startsWith("file")) {
					// precompute sorts by characters; file order is the loop it replaced
					for (List<String> batch : batches(way, input, budget)) {
						embedding.embed(batch);
					}
				}
				else {
					precomputed.precompute(input, 32, count -> {
					});
				}
				double elapsed = (System.nanoTime() - began) / 1e9;
				seconds.computeIfAbsent(way, key -> new ArrayList<>()).add(elapsed);
				System.out.printf(Locale.ROOT, "run %d %-13s %7.1f s (load %s)%n", run + 1, way, elapsed, load());
			}
		}
		double baseline = median(seconds.get("file-order/32"));
		for (Map.Entry<String, List<Double>> way : seconds.entrySet()) {
			double median = median(way.getValue());
			System.out.printf(Locale.ROOT, "%d documents, %-13s median %7.1f s of %s; %.2f x file order%n",
					sample.size(), way.getKey(), median, way.getValue(), median / baseline);
		}
		System.out.println("load average at the end: " + load());
	}

	private static List<List<String>> batches(String way, List<String> texts, TokenBudgetBatches budget) {
		if (way.startsWith("tokens")) {
			return budget.of(texts);
		}
		List<String> ordered = new ArrayList<>(texts);
		if (way.startsWith("chars")) {
			ordered.sort(Comparator.comparingInt(String::length));
		}
		List<List<String>> batches = new ArrayList<>();
		for (int from = 0; from < ordered.size(); from += 32) {
			batches.add(ordered.subList(from, Math.min(from + 32, ordered.size())));
		}
		return batches;
	}

	/** Padded tokens, real tokens, calls. */
	private static long[] padded(List<List<String>> batches, ToIntFunction<String> tokens) {
		long padded = 0;
		long real = 0;
		for (List<String> batch : batches) {
			int longest = batch.stream().mapToInt(tokens).max().orElse(0);
			padded += (long) longest * batch.size();
			real += batch.stream().mapToInt(tokens).sum();
		}
		return new long[] { padded, real, batches.size() };
	}

	private static double median(List<Double> values) {
		List<Double> sorted = new ArrayList<>(values);
		Collections.sort(sorted);
		return sorted.get(sorted.size() / 2);
	}

	private static String load() throws java.io.IOException {
		return Files.readString(Path.of("/proc/loadavg")).trim();
	}

}
