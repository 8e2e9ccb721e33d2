package dev.reranker.eval.dataset;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class QuerySampleTests {

	private final List<EvalQuery> queries = queries(225);

	@Test
	void aRandomSampleIsReproducibleWithItsSeedAndKeepsFileOrder() {
		QuerySample.Selection sample = QuerySample.select(this.queries, 20, QuerySample.Mode.RANDOM, 42);
		QuerySample.Selection again = QuerySample.select(this.queries, 20, QuerySample.Mode.RANDOM, 42);
		QuerySample.Selection other = QuerySample.select(this.queries, 20, QuerySample.Mode.RANDOM, 43);

		assertThat(sample.queries()).hasSize(20).doesNotHaveDuplicates().isEqualTo(again.queries());
		assertThat(sample.queries())
			.isSortedAccordingTo(Comparator.comparingInt(query -> Integer.parseInt(query.id())));
		assertThat(sample.queries()).isNotEqualTo(this.queries.subList(0, 20));
		assertThat(other.queries()).isNotEqualTo(sample.queries());
		assertThat(sample.sample()).isEqualTo(new QuerySample(QuerySample.Mode.RANDOM, 42L, 20, 225));
		assertThat(sample.sample().describe()).isEqualTo("20 of 225 queries (random sample, seed 42)");
	}

	@Test
	void theFirstNOnlyWhenAskedFor() {
		QuerySample.Selection first = QuerySample.select(this.queries, 20, QuerySample.Mode.FIRST, 42);

		assertThat(first.queries()).isEqualTo(this.queries.subList(0, 20));
		assertThat(first.sample()).isEqualTo(new QuerySample(QuerySample.Mode.FIRST, null, 20, 225));
		assertThat(first.sample().describe()).isEqualTo("20 of 225 queries (the first 20)");
	}

	@Test
	void allQueriesWithoutAMaximumOrAMaximumAboveTheirNumber() {
		assertThat(QuerySample.select(this.queries, null, QuerySample.Mode.RANDOM, 42).queries())
			.isEqualTo(this.queries);
		QuerySample.Selection all = QuerySample.select(this.queries, 500, QuerySample.Mode.RANDOM, 42);
		assertThat(all.queries()).isEqualTo(this.queries);
		assertThat(all.sample()).isEqualTo(new QuerySample(QuerySample.Mode.ALL, null, 225, 225));
		assertThat(all.sample().describe()).isEqualTo("all 225 queries");
	}

	@Test
	void modesAreReadFromThePropertyValue() {
		assertThat(QuerySample.Mode.of("First")).isEqualTo(QuerySample.Mode.FIRST);
		assertThat(QuerySample.Mode.of(" random ")).isEqualTo(QuerySample.Mode.RANDOM);
		assertThatIllegalArgumentException().isThrownBy(() -> QuerySample.Mode.of("top"))
			.withMessageContaining("eval.sample must be 'first' or 'random'");
	}

	private static List<EvalQuery> queries(int count) {
		List<EvalQuery> queries = new ArrayList<>();
		for (int i = 1; i <= count; i++) {
			queries.add(new EvalQuery(String.valueOf(i), "query " + i));
		}
		return queries;
	}

}
