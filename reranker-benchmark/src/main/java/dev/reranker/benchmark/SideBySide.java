package dev.reranker.benchmark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import ai.onnxruntime.OrtSession;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.scoring.onnx.OnnxScoringModel;

import dev.reranker.local.LocalEngine;
import dev.reranker.local.LocalModelFiles;
import dev.reranker.local.LocalRerankModel;
import dev.reranker.testfixtures.MiniLmCrossEncoder;
import dev.reranker.testfixtures.MiniLmCrossEncoder.Precision;

/**
 * An interleaved harness for a shared, noisy machine: all implementations are loaded in
 * one JVM and called in turn (A, B, C, A, B, C, …), so a burst of load from other
 * processes hits every implementation alike and their ratios stay meaningful. JMH's
 * {@link RerankBenchmark} runs them one after another instead.
 * <p>
 * Usage: {@code SideBySide <rounds> <precision>...}, with {@code -Dbatch-sizes=4,16} to
 * compare batch sizes of the local provider, or {@code -Dvariants=label:key=value;…,…} to
 * compare configurations ({@link LocalVariant}); the baselines are LangChain4j's
 * {@link OnnxScoringModel} and a one-pair-at-a-time loop on DJL's predictor
 * ({@link DjlPairLoop}). Prints a Markdown table per precision, with ratios to both
 * baselines and the share of the machine's peak ({@code -Dpeak-gflops=166,666}: fp32 and
 * int8 for all cores).
 */
public final class SideBySide {

	static final String PAIR_LOOP = "DJL predictor, one pair at a time";

	private SideBySide() {
	}

	public static void main(String[] args) throws Exception {
		int rounds = (args.length > 0) ? Integer.parseInt(args[0]) : 10;
		List<Precision> precisions = new ArrayList<>();
		for (int i = 1; i < args.length; i++) {
			precisions.add(Precision.valueOf(args[i]));
		}
		if (precisions.isEmpty()) {
			precisions = List.of(Precision.FP32, Precision.INT8);
		}
		System.out.printf("cores=%d, rounds=%d, java=%s%n", Runtime.getRuntime().availableProcessors(), rounds,
				System.getProperty("java.version"));
		for (Precision precision : precisions) {
			run(precision, rounds);
		}
		System.exit(0);
	}

	private static void run(Precision precision, int rounds) throws Exception {
		Path directory = Files.createTempDirectory("rerank-side-by-side");
		Path onnx = MiniLmCrossEncoder.write(directory, precision);
		Path tokenizer = directory.resolve("tokenizer.json");
		List<String> candidates = Workload.candidates(tokenizer);
		List<TextSegment> segments = candidates.stream().map(TextSegment::from).toList();
		LocalModelFiles files = LocalModelFiles.inDirectory(directory, "onnx/" + onnx.getFileName(),
				LocalEngine.ONNX_RUNTIME);
		Map<String, Supplier<List<Double>>> implementations = new LinkedHashMap<>();
		List<AutoCloseable> closeables = new ArrayList<>();
		LocalRerankModel reference = null;
		String variants = System.getProperty("variants", "");
		if (!variants.isBlank()) {
			for (LocalVariant variant : LocalVariant.parseAll(variants)) {
				LocalRerankModel local = variant.build(files);
				closeables.add(local);
				reference = (reference != null) ? reference : local;
				System.out.println(variant.label() + ": " + local);
				implementations.put(variant.label(), () -> local.score(Workload.QUERY, candidates));
			}
		}
		else {
			for (int batchSize : batchSizes()) {
				LocalRerankModel local = LocalRerankModel.builder().files(files).batchSize(batchSize).build();
				closeables.add(local);
				reference = (reference != null) ? reference : local;
				implementations.put("reranker (batch " + batchSize + ")",
						() -> local.score(Workload.QUERY, candidates));
			}
		}
		DjlPairLoop pairLoop = new DjlPairLoop(onnx, tokenizer);
		closeables.add(pairLoop);
		implementations.put(PAIR_LOOP, () -> pairLoop.score(Workload.QUERY, candidates));
		OnnxScoringModel langchain4j = new OnnxScoringModel(onnx.toString(), new OrtSession.SessionOptions(),
				tokenizer.toString(), 512, true);
		closeables.add(langchain4j);
		implementations.put("LangChain4j OnnxScoringModel",
				() -> langchain4j.scoreAll(segments, Workload.QUERY).content());

		if (reference == null) {
			throw new IllegalStateException("SideBySide needs at least one batch size");
		}
		List<Integer> lengths = new ArrayList<>();
		for (String candidate : candidates) {
			lengths.add(reference.encode(Workload.QUERY, candidate).getIds().length);
		}
		double operations = Workload.operations(lengths);

		Map<String, List<Double>> firstScores = new LinkedHashMap<>();
		implementations.forEach((name, call) -> firstScores.put(name, call.get()));
		double maxDifference = 0;
		List<Double> expected = firstScores.values().iterator().next();
		for (List<Double> scores : firstScores.values()) {
			for (int i = 0; i < scores.size(); i++) {
				maxDifference = Math.max(maxDifference, Math.abs(scores.get(i) - expected.get(i)));
			}
		}

		Map<String, double[]> millis = new LinkedHashMap<>();
		implementations.keySet().forEach((name) -> millis.put(name, new double[rounds]));
		List<String> names = new ArrayList<>(implementations.keySet());
		String loadBefore = loadAverage();
		for (int round = 0; round < rounds; round++) {
			for (int k = 0; k < names.size(); k++) {
				String name = names.get((round + k) % names.size());
				long start = System.nanoTime();
				required(implementations, name).get();
				required(millis, name)[round] = (System.nanoTime() - start) / 1e6;
			}
		}

		double peak = peakGflops(precision);
		int cores = Runtime.getRuntime().availableProcessors();
		int tokens = lengths.stream().mapToInt(Integer::intValue).sum();
		System.out.printf(
				"%s: %d pairs, %d..%d tokens per pair (%d in all), %.1f GFLOP per call at real lengths, "
						+ "max score difference between implementations %.1e%n",
				precision, lengths.size(), lengths.stream().mapToInt(Integer::intValue).min().orElseThrow(),
				lengths.stream().mapToInt(Integer::intValue).max().orElseThrow(),
				lengths.stream().mapToInt(Integer::intValue).sum(), operations / 1e9, maxDifference);
		System.out.printf("load average (1, 5, 15 min) before the %s rounds: %s, after: %s%n", precision, loadBefore,
				loadAverage());
		double baseline = median(required(millis, "LangChain4j OnnxScoringModel"));
		double loop = median(required(millis, PAIR_LOOP));
		System.out.println("| implementation | precision | p50 ms | p95 ms | tokens/s per core (p50) | GFLOP/s (p50) "
				+ "| % of peak | vs LangChain4j (p50) | vs one-pair loop (p50) |");
		System.out.println("|---|---|---:|---:|---:|---:|---:|---:|---:|");
		millis.forEach((name, values) -> {
			double p50 = median(values);
			double gflops = operations / 1e6 / p50;
			System.out.printf("| %s | %s | %.0f | %.0f | %.0f | %.1f | %.0f %% of %.0f | %.2fx | %.2fx |%n", name,
					precision, p50, percentile(values, 0.95), tokens * 1000.0 / p50 / cores, gflops,
					100 * gflops / peak, peak, baseline / p50, loop / p50);
		});
		for (AutoCloseable closeable : closeables) {
			closeable.close();
		}
	}

	/** The machine's peak for all cores, from {@code -Dpeak-gflops=fp32,int8}. */
	static double peakGflops(Precision precision) {
		String[] values = System.getProperty("peak-gflops", "166,666").split(",");
		return Double.parseDouble(values[(precision == Precision.INT8) ? 1 : 0].trim());
	}

	/** The 1, 5 and 15 minute load averages, where the OS reports them. */
	static String loadAverage() {
		try {
			return Files.readString(Path.of("/proc/loadavg")).trim();
		}
		catch (java.io.IOException ex) {
			return String.format("%.2f",
					java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
		}
	}

	/**
	 * Batch sizes of the local provider to compare, from {@code -Dbatch-sizes=1,4,16};
	 * default: the default.
	 */
	static int[] batchSizes() {
		String value = System.getProperty("batch-sizes", String.valueOf(LocalRerankModel.DEFAULT_BATCH_SIZE));
		return Arrays.stream(value.split(",")).map(String::trim).mapToInt(Integer::parseInt).toArray();
	}

	static double median(double[] values) {
		return percentile(values, 0.5);
	}

	static double percentile(double[] values, double fraction) {
		double[] sorted = values.clone();
		Arrays.sort(sorted);
		int index = (int) Math.ceil(fraction * sorted.length) - 1;
		return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
	}

	static <V> V required(Map<String, V> map, String name) {
		V value = map.get(name);
		if (value == null) {
			throw new IllegalStateException("No implementation named '" + name + "'");
		}
		return value;
	}

}
