package dev.reranker.eval.report;

import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class LatencyTests {

	@Test
	void percentilesAreNearestRankOnTheSamples() {
		// 1 ms .. 100 ms, shuffled order does not matter
		long[] nanos = LongStream.rangeClosed(1, 100).map(ms -> (101 - ms) * 1_000_000).toArray();
		Latency latency = Latency.ofNanos(nanos);
		assertThat(latency.p50()).isEqualTo(50.0);
		assertThat(latency.p95()).isEqualTo(95.0);
		assertThat(latency.p99()).isEqualTo(99.0);
		assertThat(latency.mean()).isCloseTo(50.5, within(1e-9));
		assertThat(latency.samples()).isEqualTo(100);
	}

	@Test
	void fewSamplesRoundTheRankUp() {
		// nearest rank of p50 over 3 samples is ceil(1.5) = 2; p95 and p99 are the
		// largest
		Latency latency = Latency.ofNanos(new long[] { 3_000_000, 1_000_000, 2_000_000 });
		assertThat(latency.p50()).isEqualTo(2.0);
		assertThat(latency.p95()).isEqualTo(3.0);
		assertThat(latency.p99()).isEqualTo(3.0);
		assertThat(Latency.ofNanos(new long[] { 7_000_000 }).p50()).isEqualTo(7.0);
	}

}
