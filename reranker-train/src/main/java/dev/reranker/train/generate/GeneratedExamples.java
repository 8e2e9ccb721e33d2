package dev.reranker.train.generate;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.reranker.eval.dataset.BeirDataset;
import dev.reranker.eval.dataset.CorpusDocument;
import dev.reranker.eval.firststage.FirstStage;
import dev.reranker.eval.pipeline.Evaluator;
import dev.reranker.train.TrainingExample;
import dev.reranker.train.data.TrainingDataException;

import org.springframework.ai.document.Document;
import org.springframework.util.Assert;

/**
 * Training examples without judgments: a chat model writes queries for passages drawn at
 * random from a corpus ({@link QueryGenerator}), and a first stage filters them: a query
 * is kept only when its source passage ranks in the stage's top {@code keepTop} (a query
 * the first stage cannot connect to its passage is more often vague or wrong than hard).
 * The source passage is the positive; the negatives are the stage's other top-ranked
 * documents, then random ones.
 */
public final class GeneratedExamples {

	private static final Logger logger = LoggerFactory.getLogger(GeneratedExamples.class);

	private GeneratedExamples() {
	}

	/**
	 * How examples are generated.
	 *
	 * @param passages passages to write queries for, drawn at random (all, when the
	 * corpus has fewer)
	 * @param keepTop a query is kept when its passage ranks within this many first-stage
	 * results
	 * @param hardNegatives first-stage negatives per query
	 * @param miningDepth first-stage results looked through (at least {@code keepTop}
	 * are)
	 * @param randomNegatives random negatives per query, after the hard ones
	 * @param includeTitle whether a document's text starts with its title
	 * @param seed seeds the passages drawn and the random negatives
	 * @param concurrency chat calls in flight at once
	 */
	public record Options(int passages, int keepTop, int hardNegatives, int miningDepth, int randomNegatives,
			boolean includeTitle, long seed, int concurrency) {

		public Options {
			Assert.isTrue(passages >= 1,
					() -> "passages must be at least 1 but was " + passages + " (--train.generate.passages)");
			Assert.isTrue(keepTop >= 1,
					() -> "keepTop must be at least 1 but was " + keepTop + " (--train.generate.keep-top)");
			Assert.isTrue(hardNegatives >= 0 && randomNegatives >= 0, "negatives per query must not be negative");
			Assert.isTrue(miningDepth >= hardNegatives, "miningDepth must be at least hardNegatives");
			Assert.isTrue(concurrency >= 1,
					() -> "concurrency must be at least 1 but was " + concurrency + " (--train.generate.concurrency)");
		}

	}

	/**
	 * What generation produced.
	 *
	 * @param examples the kept queries as examples, in passage order
	 * @param passages passages queries were asked for
	 * @param generated queries the chat model wrote
	 */
	public record Result(List<TrainingExample> examples, int passages, int generated) {

		public Result {
			examples = List.copyOf(examples);
		}

	}

	/** Hears how generation goes. */
	public interface Listener {

		/** Does nothing. */
		Listener NONE = (done, total, kept) -> {
		};

		/**
		 * A passage's queries were generated and filtered.
		 * @param done passages done
		 * @param total passages in all
		 * @param kept queries kept so far
		 */
		void onPassage(int done, int total, int kept);

	}

	/**
	 * Generates and filters the examples.
	 * @param corpus the corpus (queries and judgments, if any, are not used)
	 * @param generator writes the queries
	 * @param firstStage filters them and mines hard negatives (indexed over the corpus,
	 * returning documents with the {@value Evaluator#DOCUMENT_ID} metadata)
	 * @param options how
	 * @param listener hears progress
	 * @return the examples
	 * @throws TrainingDataException when a chat call fails (naming the passage) or no
	 * query is kept
	 */
	public static Result build(BeirDataset corpus, QueryGenerator generator, FirstStage firstStage, Options options,
			Listener listener) {
		List<CorpusDocument> documents = corpus.corpus()
			.values()
			.stream()
			.filter((document) -> !document.content(options.includeTitle()).isBlank())
			.toList();
		if (documents.isEmpty()) {
			throw new TrainingDataException("The corpus of " + corpus.name() + " has no passage with text");
		}
		List<CorpusDocument> drawn = new ArrayList<>(documents);
		Collections.shuffle(drawn, new Random(options.seed()));
		drawn = drawn.subList(0, Math.min(options.passages(), drawn.size()));
		List<String> corpusIds = documents.stream().map(CorpusDocument::id).toList();

		ExecutorService executor = Executors.newFixedThreadPool(options.concurrency(), (runnable) -> {
			Thread thread = new Thread(runnable, "query-generation");
			thread.setDaemon(true);
			return thread;
		});
		try {
			List<Future<List<String>>> queries = new ArrayList<>();
			for (CorpusDocument passage : drawn) {
				queries.add(executor.submit(() -> generator.generate(passage.content(options.includeTitle()))));
			}
			List<TrainingExample> examples = new ArrayList<>();
			int generated = 0;
			for (int i = 0; i < drawn.size(); i++) {
				CorpusDocument passage = drawn.get(i);
				List<String> written = await(queries.get(i), passage);
				generated += written.size();
				for (int q = 0; q < written.size(); q++) {
					TrainingExample example = filter(corpus, firstStage, options, corpusIds, passage, written.get(q),
							q);
					if (example != null) {
						examples.add(example);
					}
				}
				listener.onPassage(i + 1, drawn.size(), examples.size());
			}
			logger.info("The chat model wrote {} queries for {} passages; {} kept (their passage in the first stage's"
					+ " top {})", generated, drawn.size(), examples.size(), options.keepTop());
			if (examples.isEmpty()) {
				throw new TrainingDataException("None of the " + generated + " generated queries ranked its passage in"
						+ " the first stage's top " + options.keepTop() + "; raise --train.generate.keep-top, or check"
						+ " the prompt (--train.generate.prompt) and the chat model's answers");
			}
			return new Result(examples, drawn.size(), generated);
		}
		finally {
			executor.shutdownNow();
		}
	}

	private static List<String> await(Future<List<String>> future, CorpusDocument passage) {
		try {
			return future.get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new TrainingDataException("Interrupted while generating queries", ex);
		}
		catch (ExecutionException ex) {
			Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
			throw new TrainingDataException("Generating queries for passage '" + passage.id() + "' failed: "
					+ cause.getMessage() + "; check the chat model's spring.ai.* settings", cause);
		}
	}

	private static TrainingExample filter(BeirDataset corpus, FirstStage firstStage, Options options,
			List<String> corpusIds, CorpusDocument passage, String query, int index) {
		List<Document> ranked = firstStage.retrieve(query, Math.max(options.keepTop(), options.miningDepth()));
		List<String> ids = ranked.stream()
			.map((document) -> String.valueOf(document.getMetadata().get(Evaluator.DOCUMENT_ID)))
			.toList();
		int rank = ids.indexOf(passage.id());
		if (rank < 0 || rank >= options.keepTop()) {
			return null;
		}
		Set<String> negatives = new LinkedHashSet<>();
		for (String id : ids) {
			if (negatives.size() < options.hardNegatives() && !id.equals(passage.id())
					&& hasText(corpus, id, options)) {
				negatives.add(id);
			}
		}
		int wanted = negatives.size() + options.randomNegatives();
		List<String> pool = new ArrayList<>(corpusIds);
		Collections.shuffle(pool, new Random(options.seed() * 31 + passage.id().hashCode() * 17L + index));
		for (int i = 0; i < pool.size() && negatives.size() < wanted; i++) {
			if (!pool.get(i).equals(passage.id())) {
				negatives.add(pool.get(i));
			}
		}
		List<String> texts = negatives.stream()
			.map((id) -> corpus.corpus().get(id).content(options.includeTitle()))
			.toList();
		return new TrainingExample(query, passage.content(options.includeTitle()), texts);
	}

	private static boolean hasText(BeirDataset corpus, String id, Options options) {
		CorpusDocument document = corpus.corpus().get(id);
		return document != null && !document.content(options.includeTitle()).isBlank();
	}

}
