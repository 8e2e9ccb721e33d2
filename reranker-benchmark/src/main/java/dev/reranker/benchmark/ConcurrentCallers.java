package dev.reranker.benchmark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.reranker.local.LocalEngine;
import dev.reranker.local.LocalModelFiles;
import dev.reranker.local.LocalRerankModel;
import dev.reranker.testfixtures.MiniLmCrossEncoder;
import dev.reranker.testfixtures.MiniLmCrossEncoder.Precision;

/**
 * Many callers at once: each configuration of the local provider ({@link LocalVariant},
 * {@code -Dvariants=…}) takes, in turn, one call alone and then a burst of
 * {@code -Dcallers=8} concurrent calls (same workload as {@link SideBySide}), round after
 * round, so load from other processes hits every configuration alike. Prints per
 * configuration the p50/p95 latency of a lone call and of a call in a burst, and the
 * aggregate throughput of the burst against the lone caller's.
 * <p>
 * Usage: {@code ConcurrentCallers <rounds> <precision>}.
 */
public final class ConcurrentCallers {

	private ConcurrentCallers() {
	}

	public static void main(String[] args) throws Exception {
		int rounds = (args.length > 0) ? Integer.parseInt(args[0]) : 5;
		Precision precision = (args.length > 1) ? Precision.valueOf(args[1]) : Precision.INT8;
		int callers = Integer.getInteger("callers", 8);
		Path directory = Files.createTempDirectory("rerank-concurrent");
		Path onnx = MiniLmCrossEncoder.write(directory, precision);
		List<String> candidates = Workload.candidates(directory.resolve("tokenizer.json"));
		LocalModelFiles files = LocalModelFiles.inDirectory(directory, "onnx/" + onnx.getFileName(),
				LocalEngine.ONNX_RUNTIME);
		String variants = System.getProperty("variants", "");
		Map<String, LocalRerankModel> models = new LinkedHashMap<>();
		for (LocalVariant variant : LocalVariant.parseAll(variants.isBlank() ? "defaults" : variants)) {
			models.put(variant.label(), variant.build(files));
		}
		Map<String, List<Double>> alone = new LinkedHashMap<>();
		Map<String, List<Double>> inBurst = new LinkedHashMap<>();
		Map<String, List<Double>> burstWall = new LinkedHashMap<>();
		models.keySet().forEach((name) -> {
			alone.put(name, new ArrayList<>());
			inBurst.put(name, new ArrayList<>());
			burstWall.put(name, new ArrayList<>());
		});
		ExecutorService pool = Executors.newFixedThreadPool(callers);
		models.values().forEach((model) -> model.score(Workload.QUERY, candidates));
		String loadBefore = SideBySide.loadAverage();
		for (int round = 0; round < rounds; round++) {
			for (Map.Entry<String, LocalRerankModel> entry : models.entrySet()) {
				long start = System.nanoTime();
				entry.getValue().score(Workload.QUERY, candidates);
				SideBySide.required(alone, entry.getKey()).add((System.nanoTime() - start) / 1e6);
			}
			for (Map.Entry<String, LocalRerankModel> entry : models.entrySet()) {
				List<Callable<Double>> calls = new ArrayList<>();
				for (int c = 0; c < callers; c++) {
					calls.add(() -> {
						long start = System.nanoTime();
						entry.getValue().score(Workload.QUERY, candidates);
						return (System.nanoTime() - start) / 1e6;
					});
				}
				long start = System.nanoTime();
				for (Future<Double> result : pool.invokeAll(calls)) {
					SideBySide.required(inBurst, entry.getKey()).add(result.get());
				}
				SideBySide.required(burstWall, entry.getKey()).add((System.nanoTime() - start) / 1e6);
			}
		}
		System.out.printf("%n%s, %d callers, %d rounds, %d cores; load average (1, 5, 15 min) before: %s, after: %s%n",
				precision, callers, rounds, Runtime.getRuntime().availableProcessors(), loadBefore,
				SideBySide.loadAverage());
		System.out.println("| configuration | alone p50 ms | alone p95 ms | in a burst of " + callers
				+ ": p50 ms | p95 ms | calls/s alone (p50) | calls/s in bursts (p50 burst) | aggregate vs alone |");
		System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|");
		for (String name : models.keySet()) {
			double aloneP50 = SideBySide.median(array(SideBySide.required(alone, name)));
			double burstP50 = SideBySide.median(array(SideBySide.required(burstWall, name)));
			double single = 1000.0 / aloneP50;
			double aggregate = callers * 1000.0 / burstP50;
			System.out.printf("| %s | %.0f | %.0f | %.0f | %.0f | %.2f | %.2f | %.2fx |%n", name, aloneP50,
					SideBySide.percentile(array(SideBySide.required(alone, name)), 0.95),
					SideBySide.median(array(SideBySide.required(inBurst, name))),
					SideBySide.percentile(array(SideBySide.required(inBurst, name)), 0.95), single, aggregate,
					aggregate / single);
		}
		pool.shutdownNow();
		for (LocalRerankModel model : models.values()) {
			model.close();
		}
		System.exit(0);
	}

	private static double[] array(List<Double> values) {
		return values.stream().mapToDouble(Double::doubleValue).toArray();
	}

}
