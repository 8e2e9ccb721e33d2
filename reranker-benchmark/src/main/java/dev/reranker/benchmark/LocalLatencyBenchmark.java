package dev.reranker.benchmark;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import dev.reranker.eval.RerankerEvalApplication;
import dev.reranker.testfixtures.MiniLmCrossEncoder;

import org.springframework.boot.SpringApplication;

/**
 * End-to-end latency of the local provider, fp32 and int8 side by side in one run: writes
 * the architecture-faithful MiniLM-L6 cross-encoder fixture (the shape and cost of
 * {@code cross-encoder/ms-marco-MiniLM-L6-v2}; its scores mean nothing, so its quality
 * figures must not be read) in both precisions, then runs the evaluation tool with
 * {@code --eval.providers=local:fp32,local:int8} at depths 20, 50 and 100. Further
 * arguments (dataset, first stages, number of queries, output) are passed on.
 * <p>
 * Run: see docs/benchmarks.md.
 */
public final class LocalLatencyBenchmark {

	private LocalLatencyBenchmark() {
	}

	public static void main(String[] args) {
		Path model = Path.of("target", "fixtures", "minilm-l6-cross-encoder");
		MiniLmCrossEncoder.write(model, MiniLmCrossEncoder.Precision.FP32);
		MiniLmCrossEncoder.write(model, MiniLmCrossEncoder.Precision.INT8);
		List<String> arguments = new ArrayList<>(List.of("--eval.providers=local:fp32,local:int8",
				"--reranker.local.model=file:" + model, "--reranker.local.offline=true",
				"--eval.variants.fp32.reranker.local.model-file=onnx/"
						+ MiniLmCrossEncoder.fileName(MiniLmCrossEncoder.Precision.FP32),
				"--eval.variants.int8.reranker.local.model-file=onnx/"
						+ MiniLmCrossEncoder.fileName(MiniLmCrossEncoder.Precision.INT8),
				"--eval.depths=20,50,100"));
		arguments.addAll(Arrays.asList(args));
		SpringApplication.run(RerankerEvalApplication.class, arguments.toArray(String[]::new)).close();
	}

}
