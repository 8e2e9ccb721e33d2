package dev.reranker.benchmark;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import dev.reranker.RerankModel;
import dev.reranker.RerankRequest;
import dev.reranker.RerankResponse;
import dev.reranker.RerankResult;
import dev.reranker.RerankingDocumentPostProcessor;

import org.springframework.ai.document.Document;
import org.springframework.ai.rag.Query;

/**
 * What a rerank call costs beyond the model: the {@link RerankingDocumentPostProcessor}
 * (candidate selection, the model call through its interface, validation of the scores,
 * sorting, copying every document with its metadata, the observation) around a zero-cost
 * {@link RerankModel} that returns a prepared response.
 * <p>
 * {@code modelAlone} is the zero-cost model called directly with a prepared request (the
 * floor); everything {@code postProcessor} (no observation registry, the default) or
 * {@code postProcessorObserved} (Micrometer timers, as with Actuator) costs above it is
 * overhead. Candidates look like first-stage output: about 1,000 characters of text and a
 * few metadata entries each.
 * <p>
 * Run: see docs/benchmarks.md.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx512m")
public class PostProcessorOverheadBenchmark {

	@Param({ "20", "50", "100" })
	int candidates;

	private Query query;

	private List<Document> documents;

	private List<String> texts;

	private RerankRequest request;

	private RerankModel zeroCost;

	private RerankingDocumentPostProcessor postProcessor;

	private RerankingDocumentPostProcessor observedPostProcessor;

	@Setup
	public void setUp() {
		this.query = new Query("what similarity laws must be obeyed when constructing aeroelastic models");
		this.documents = new ArrayList<>();
		this.texts = new ArrayList<>();
		StringBuilder text = new StringBuilder();
		while (text.length() < 1000) {
			text.append("the boundary layer in simple shear flow past a flat plate . ");
		}
		for (int i = 0; i < this.candidates; i++) {
			String body = i + " " + text;
			Map<String, Object> metadata = new HashMap<>();
			metadata.put("beir_id", String.valueOf(i));
			metadata.put("distance", 0.5 - i / 1000.0);
			metadata.put("source", "corpus.jsonl");
			this.documents
				.add(Document.builder().id("doc-" + i).text(body).metadata(metadata).score(1.0 - i / 1000.0).build());
			this.texts.add(body);
		}
		List<RerankResult> results = new ArrayList<>();
		for (int i = 0; i < this.candidates; i++) {
			// reverses the first-stage order, so the sort has work to do
			results.add(new RerankResult(i, (i + 1.0) / (this.candidates + 1)));
		}
		RerankResponse prepared = new RerankResponse(results);
		this.request = new RerankRequest(this.query.text(), this.texts);
		this.zeroCost = request -> prepared;
		this.postProcessor = RerankingDocumentPostProcessor.builder()
			.rerankModel(this.zeroCost)
			.topN(5)
			.maxCandidates(this.candidates)
			.build();
		ObservationRegistry registry = ObservationRegistry.create();
		registry.observationConfig().observationHandler(new DefaultMeterObservationHandler(new SimpleMeterRegistry()));
		this.observedPostProcessor = RerankingDocumentPostProcessor.builder()
			.rerankModel(this.zeroCost)
			.topN(5)
			.maxCandidates(this.candidates)
			.observationRegistry(registry)
			.build();
	}

	@Benchmark
	public RerankResponse modelAlone() {
		return this.zeroCost.call(this.request);
	}

	@Benchmark
	public List<Document> postProcessor() {
		return this.postProcessor.process(this.query, this.documents);
	}

	@Benchmark
	public List<Document> postProcessorObserved() {
		return this.observedPostProcessor.process(this.query, this.documents);
	}

}
