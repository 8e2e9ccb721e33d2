package dev.reranker.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import ai.onnxruntime.OrtSession;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.scoring.onnx.OnnxScoringModel;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import dev.reranker.local.LocalEngine;
import dev.reranker.local.LocalModelFiles;
import dev.reranker.local.LocalRerankModel;
import dev.reranker.testfixtures.MiniLmCrossEncoder;
import dev.reranker.testfixtures.MiniLmCrossEncoder.Precision;

/**
 * One rerank call of 50 mixed-length candidates on the MiniLM-L6 cross-encoder, fp32 and
 * int8: the local provider ({@code reranker}) against LangChain4j's
 * {@link OnnxScoringModel} ({@code langchain4j}) on the same files and inputs. Sample
 * time mode gives p50/p95 per call; pairs per second is 50 divided by the mean.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = { "-Xmx2g", "-Dai.djl.offline=true" })
@Warmup(iterations = 2, time = 10)
@Measurement(iterations = 3, time = 20)
public class RerankBenchmark {

	@Param({ "FP32", "INT8" })
	public Precision precision;

	@Param({ "reranker", "langchain4j" })
	public String implementation;

	private Path directory;

	private List<String> candidates;

	private List<TextSegment> segments;

	private @Nullable LocalRerankModel local;

	private @Nullable OnnxScoringModel langchain4j;

	@Setup(Level.Trial)
	public void setUp() throws IOException {
		this.directory = Files.createTempDirectory("rerank-benchmark");
		Path onnx = MiniLmCrossEncoder.write(this.directory, this.precision);
		Path tokenizer = this.directory.resolve("tokenizer.json");
		this.candidates = Workload.candidates(tokenizer);
		this.segments = this.candidates.stream().map(TextSegment::from).toList();
		if ("reranker".equals(this.implementation)) {
			LocalRerankModel reranker = LocalRerankModel.builder()
				.files(LocalModelFiles.inDirectory(this.directory, "onnx/" + onnx.getFileName(),
						LocalEngine.ONNX_RUNTIME))
				.build();
			this.local = reranker;
			List<Integer> lengths = new ArrayList<>();
			for (String candidate : this.candidates) {
				lengths.add(reranker.encode(Workload.QUERY, candidate).getIds().length);
			}
			System.out.printf(
					"%nworkload: %d pairs, %d..%d tokens per pair, %d tokens in all, %.1f GFLOP per call "
							+ "(unpadded)%n",
					lengths.size(), lengths.stream().min(Comparator.naturalOrder()).orElseThrow(),
					lengths.stream().max(Comparator.naturalOrder()).orElseThrow(),
					lengths.stream().mapToInt(Integer::intValue).sum(), Workload.operations(lengths) / 1e9);
		}
		else {
			// normalize=true applies the sigmoid, so both return the same scores
			this.langchain4j = new OnnxScoringModel(onnx.toString(), new OrtSession.SessionOptions(),
					tokenizer.toString(), 512, true);
		}
	}

	@Benchmark
	public Object rerank() {
		LocalRerankModel reranker = this.local;
		if (reranker != null) {
			return reranker.score(Workload.QUERY, this.candidates);
		}
		return Objects.requireNonNull(this.langchain4j).scoreAll(this.segments, Workload.QUERY).content();
	}

	@TearDown(Level.Trial)
	public void tearDown() throws IOException {
		if (this.local != null) {
			this.local.close();
		}
		if (this.langchain4j != null) {
			this.langchain4j.close();
		}
		try (Stream<Path> files = Files.walk(this.directory)) {
			files.sorted(Comparator.reverseOrder()).forEach((file) -> file.toFile().delete());
		}
	}

}
