package dev.reranker.train.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.reranker.eval.dataset.BeirDataset;
import dev.reranker.eval.dataset.CorpusDocument;
import dev.reranker.eval.dataset.EvalQuery;
import dev.reranker.eval.firststage.FirstStage;
import dev.reranker.eval.pipeline.Evaluator;
import dev.reranker.train.TrainingExample;

import org.springframework.ai.document.Document;
import org.springframework.util.Assert;

/**
 * Training examples from a BEIR-layout dataset (read with a training qrels file, or with
 * any qrels and a subset of query ids for k-fold): one example per judged-relevant
 * document (grade 1 or more) of each query, its negatives the top-ranked documents of a
 * first stage that are not judged relevant (hard negatives), then documents drawn at
 * random. A query's judged positives and its excluded documents are never negatives.
 */
public final class BeirExamples {

	private static final Logger logger = LoggerFactory.getLogger(BeirExamples.class);

	private BeirExamples() {
	}

	/**
	 * How examples are drawn.
	 *
	 * @param hardNegatives first-stage negatives per query (0 without a first stage)
	 * @param miningDepth how many first-stage candidates are looked through for them
	 * @param randomNegatives random negatives per query, after the hard ones
	 * @param includeTitle whether a document's text starts with its title
	 * @param seed seeds the random negatives
	 * @param queryIds the queries to use, or {@code null} for all judged ones
	 */
	public record Options(int hardNegatives, int miningDepth, int randomNegatives, boolean includeTitle, long seed,
			@Nullable Set<String> queryIds) {

		public Options {
			Assert.isTrue(hardNegatives >= 0 && randomNegatives >= 0, "negatives per query must not be negative");
			Assert.isTrue(miningDepth >= hardNegatives, "miningDepth must be at least hardNegatives");
		}

	}

	/**
	 * Builds the examples.
	 * @param dataset the dataset
	 * @param options how to draw them
	 * @param firstStage mines hard negatives (already indexed over the dataset's corpus,
	 * returning documents with the {@value Evaluator#DOCUMENT_ID} metadata), or
	 * {@code null} for random negatives only
	 * @return the examples
	 * @throws TrainingDataException when no query yields an example
	 */
	public static List<TrainingExample> build(BeirDataset dataset, Options options, @Nullable FirstStage firstStage) {
		if (options.hardNegatives() > 0 && firstStage == null) {
			throw new IllegalArgumentException("hardNegatives=" + options.hardNegatives()
					+ " needs a first stage to mine them; pass one or set hardNegatives to 0");
		}
		List<String> corpusIds = new ArrayList<>(dataset.corpus().keySet());
		List<TrainingExample> examples = new ArrayList<>();
		int withoutPositive = 0;
		// Some collections judge empty documents relevant (Cranfield's 995): nothing to
		// learn from.
		int[] emptyPositives = { 0 };
		for (EvalQuery query : dataset.queries()) {
			Set<String> subset = options.queryIds();
			if (subset != null && !subset.contains(query.id())) {
				continue;
			}
			Map<String, Integer> judgments = dataset.qrels().judgments(query.id());
			List<CorpusDocument> positives = new ArrayList<>();
			Set<String> notNegative = new HashSet<>(dataset.excludedFor(query.id()));
			judgments.forEach((id, grade) -> {
				if (grade >= 1) {
					notNegative.add(id);
					CorpusDocument document = dataset.corpus().get(id);
					if (document != null && !document.content(options.includeTitle()).isBlank()) {
						positives.add(document);
					}
					else if (document != null) {
						emptyPositives[0]++;
					}
				}
			});
			if (positives.isEmpty()) {
				withoutPositive++;
				continue;
			}
			Set<String> negatives = new LinkedHashSet<>();
			if (firstStage != null && options.hardNegatives() > 0) {
				for (Document candidate : firstStage.retrieve(query.text(), options.miningDepth())) {
					Object id = candidate.getMetadata().get(Evaluator.DOCUMENT_ID);
					if (id != null && !notNegative.contains(id.toString())
							&& negatives.size() < options.hardNegatives()) {
						negatives.add(id.toString());
					}
				}
			}
			int wanted = negatives.size() + options.randomNegatives();
			Random random = new Random(options.seed() * 31 + query.id().hashCode());
			List<String> pool = new ArrayList<>(corpusIds);
			Collections.shuffle(pool, random);
			for (int i = 0; i < pool.size() && negatives.size() < wanted; i++) {
				CorpusDocument document = dataset.corpus().get(pool.get(i));
				boolean empty = document == null || document.content(options.includeTitle()).isBlank();
				if (!empty && !notNegative.contains(pool.get(i))) {
					negatives.add(pool.get(i));
				}
			}
			List<String> negativeTexts = new ArrayList<>();
			for (String id : negatives) {
				CorpusDocument document = dataset.corpus().get(id);
				if (document != null && !document.content(options.includeTitle()).isBlank()) {
					negativeTexts.add(document.content(options.includeTitle()));
				}
			}
			for (CorpusDocument positive : positives) {
				examples
					.add(new TrainingExample(query.text(), positive.content(options.includeTitle()), negativeTexts));
			}
		}
		if (emptyPositives[0] > 0) {
			logger.info("{} judged-relevant documents of {} are empty and give no example", emptyPositives[0],
					dataset.name());
		}
		if (withoutPositive > 0) {
			logger.info("{} queries of {} have no judged-relevant document in the corpus and give no example",
					withoutPositive, dataset.name());
		}
		if (examples.isEmpty()) {
			throw new TrainingDataException("No query of " + dataset.name()
					+ " has a judged-relevant document in the corpus" + ((options.queryIds() != null)
							? " among the " + options.queryIds().size() + " selected query ids" : "")
					+ "; check the qrels file (e.g. qrels/train.tsv) and the query ids");
		}
		return examples;
	}

}
