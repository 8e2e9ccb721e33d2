package dev.reranker.eval.dataset;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * The queries a run evaluates: all of them, the first N, or N drawn at random with a
 * recorded seed. The first N of a file are rarely representative (queries are often
 * grouped by topic or difficulty), so a random sample is the default whenever fewer than
 * all queries are evaluated.
 *
 * @param mode how the queries were chosen
 * @param seed the random seed, or {@code null} unless {@code mode} is {@link Mode#RANDOM}
 * @param size queries evaluated
 * @param population queries that could have been chosen (judged queries of the file)
 */
public record QuerySample(Mode mode, @Nullable Long seed, int size, int population) {

	/** How queries are chosen when fewer than all are evaluated. */
	public enum Mode {

		/** Every judged query (no maximum given, or a maximum above their number). */
		ALL,

		/** The first N judged queries in file order. */
		FIRST,

		/** N judged queries drawn uniformly at random without replacement. */
		RANDOM;

		/**
		 * @param value {@code first} or {@code random}, any case
		 * @return the mode
		 * @throws IllegalArgumentException naming the property when the value is neither
		 */
		public static Mode of(String value) {
			return switch (value.trim().toLowerCase(Locale.ROOT)) {
				case "first" -> FIRST;
				case "random" -> RANDOM;
				default -> throw new IllegalArgumentException(
						"eval.sample must be 'first' or 'random' but was '" + value + "'");
			};
		}

	}

	/**
	 * Chooses the queries to evaluate. A random sample keeps the chosen queries in file
	 * order, so warm-up queries and output files read the same way as a full run.
	 * @param queries the judged queries, in file order
	 * @param maxQueries how many to keep, or {@code null} for all
	 * @param mode {@link Mode#FIRST} or {@link Mode#RANDOM} (ignored when all are kept)
	 * @param seed the seed of a random sample
	 * @return the chosen queries and how they were chosen
	 */
	public static Selection select(List<EvalQuery> queries, @Nullable Integer maxQueries, Mode mode, long seed) {
		Assert.isTrue(maxQueries == null || maxQueries >= 1, "maxQueries must be >= 1");
		if (maxQueries == null || maxQueries >= queries.size()) {
			return new Selection(List.copyOf(queries), new QuerySample(Mode.ALL, null, queries.size(), queries.size()));
		}
		if (mode == Mode.FIRST) {
			return new Selection(List.copyOf(queries.subList(0, maxQueries)),
					new QuerySample(Mode.FIRST, null, maxQueries, queries.size()));
		}
		List<Integer> positions = new ArrayList<>();
		for (int i = 0; i < queries.size(); i++) {
			positions.add(i);
		}
		Collections.shuffle(positions, new Random(seed));
		List<Integer> chosen = new ArrayList<>(positions.subList(0, maxQueries));
		chosen.sort(Comparator.naturalOrder());
		return new Selection(chosen.stream().map(queries::get).toList(),
				new QuerySample(Mode.RANDOM, seed, maxQueries, queries.size()));
	}

	/**
	 * A short description for reports, e.g. {@code 50 of 225 queries (random sample, seed
	 * 42)}.
	 * @return the description
	 */
	public String describe() {
		return switch (this.mode) {
			case ALL -> "all " + this.size + " queries";
			case FIRST -> this.size + " of " + this.population + " queries (the first " + this.size + ")";
			case RANDOM -> this.size + " of " + this.population + " queries (random sample, seed " + this.seed + ")";
		};
	}

	/**
	 * The chosen queries with the description of the choice.
	 *
	 * @param queries the queries to evaluate, in file order
	 * @param sample how they were chosen
	 */
	public record Selection(List<EvalQuery> queries, QuerySample sample) {
	}

}
