package dev.reranker.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;

/**
 * The benchmark's inputs: one query and 50 candidates whose lengths are spread evenly
 * over 64–384 word-piece tokens, in shuffled order, as first-stage retrieval returns
 * them. Built from a fixed word list and seed, so every run and every implementation sees
 * the same texts.
 */
final class Workload {

	static final String QUERY = "how does the efficiency of solar panels change in cold weather";

	static final int CANDIDATES = 50;

	static final int MIN_TOKENS = 64;

	static final int MAX_TOKENS = 384;

	private static final String[] WORDS = ("the solar panel energy cell light power system weather cold temperature "
			+ "efficiency output voltage current heat winter summer roof grid battery storage house panels silicon "
			+ "sun day night cloud snow rain wind farm field test result study report data model value rate loss "
			+ "gain high low small large new old first last time year month week hour minute water air ground "
			+ "material layer glass metal frame mount angle tilt shade dust clean install cost price market "
			+ "company country city home family people work use need make take give find show keep change")
		.split(" ");

	private Workload() {
	}

	/** A word of the benchmark's vocabulary. */
	static String word(Random random) {
		return WORDS[random.nextInt(WORDS.length)];
	}

	/**
	 * Builds the candidates with exact token lengths under the given tokenizer.
	 * @param tokenizerJson the tokenizer.json of the benchmarked model
	 * @return the candidates
	 */
	static List<String> candidates(Path tokenizerJson) {
		try (HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.builder()
			.optTokenizerPath(tokenizerJson)
			.optAddSpecialTokens(false)
			.optTruncation(false)
			.optPadding(false)
			.build()) {
			Random random = new Random(42);
			List<Integer> lengths = new ArrayList<>();
			for (int i = 0; i < CANDIDATES; i++) {
				lengths.add(MIN_TOKENS + (i * (MAX_TOKENS - MIN_TOKENS)) / (CANDIDATES - 1));
			}
			Collections.shuffle(lengths, random);
			List<String> candidates = new ArrayList<>();
			for (int length : lengths) {
				StringBuilder text = new StringBuilder();
				int tokens = 0;
				while (tokens < length) {
					String word = WORDS[random.nextInt(WORDS.length)];
					int wordTokens = tokenizer.encode(word).getIds().length;
					if (tokens + wordTokens > length) {
						word = "a";
						wordTokens = 1;
					}
					text.append(word).append(' ');
					tokens += wordTokens;
				}
				candidates.add(text.toString().trim());
			}
			return candidates;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Multiply-add work of one rerank call at the pairs' real lengths (no padding),
	 * counting 2 operations per multiply-add, for MiniLM-L6 (6 layers, hidden 384, FFN
	 * 1536) plus the pooler and classifier.
	 * @param pairLengths token count of each query-document pair, special tokens included
	 * @return operations per call
	 */
	static double operations(List<Integer> pairLengths) {
		int layers = 6;
		double d = 384;
		double ff = 1536;
		double total = 0;
		for (int length : pairLengths) {
			double projections = 2 * length * (4 * d * d + 2 * d * ff);
			double attention = 2 * 2 * (double) length * length * d;
			total += layers * (projections + attention) + 2 * (d * d + d);
		}
		return total;
	}

}
