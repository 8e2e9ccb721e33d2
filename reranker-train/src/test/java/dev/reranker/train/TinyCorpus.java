package dev.reranker.train;

import java.util.ArrayList;
import java.util.List;

/**
 * Six queries, each with the one passage that answers it; every other passage is a
 * negative.
 */
public final class TinyCorpus {

	public static final List<String[]> QUERIES_AND_ANSWERS = List.of(new String[] { "how do plants make food",
			"Plants make their food by photosynthesis, turning sunlight, water and carbon dioxide into sugar." },
			new String[] { "why is the sky blue",
					"The sky looks blue because air scatters the short blue wavelengths of sunlight more than red." },
			new String[] { "what causes tides",
					"Tides are caused by the gravitational pull of the moon and the sun on the oceans." },
			new String[] { "how does a vaccine work",
					"A vaccine trains the immune system to recognise a pathogen without causing the disease." },
			new String[] { "what is inflation",
					"Inflation is the rate at which prices rise, so that the same money buys less." },
			new String[] { "how do bees tell each other where flowers are",
					"Honeybees dance inside the hive: the waggle dance points the others to the food." });

	private TinyCorpus() {
	}

	/** One example per query, the other answers as its negatives. */
	public static List<TrainingExample> examples() {
		List<TrainingExample> examples = new ArrayList<>();
		for (String[] pair : QUERIES_AND_ANSWERS) {
			List<String> negatives = QUERIES_AND_ANSWERS.stream()
				.filter((other) -> other != pair)
				.map((other) -> other[1])
				.toList();
			examples.add(new TrainingExample(pair[0], pair[1], negatives));
		}
		return examples;
	}

}
