package dev.reranker.eval.answers;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.reranker.eval.dataset.BeirDataset;
import dev.reranker.eval.dataset.CorpusDocument;
import dev.reranker.eval.dataset.EvalQuery;
import dev.reranker.eval.pipeline.Progress;
import dev.reranker.eval.report.ConfigurationRun;
import dev.reranker.eval.report.QueryRun;

import org.springframework.ai.chat.model.ChatModel;
import org.springframework.util.Assert;

/**
 * Measures answer quality downstream of each configuration: for every evaluated query
 * with a reference answer, the configuration's top {@code k} documents become numbered
 * passages of a prompt, the chat model answers, and the answer is scored against the
 * reference by token exact match and F1 ({@link AnswerScoring}) and, optionally, by an
 * LLM judge (the same chat model, {@link AnswerPrompts#judge}).
 * <p>
 * A prompt already asked in this run (two configurations with the same top {@code k})
 * gets the answer it got before, so identical contexts are scored identically and cost
 * one call.
 */
public final class AnswerEvaluator {

	private static final Logger logger = LoggerFactory.getLogger(AnswerEvaluator.class);

	private final ChatModel chatModel;

	private final Settings settings;

	private final ReferenceAnswers references;

	private final BeirDataset dataset;

	private final Map<String, String> answered = new HashMap<>();

	private final Map<String, String> judged = new HashMap<>();

	private int calls;

	/**
	 * How answers are made and scored.
	 *
	 * @param topK documents of each configuration's ranking put in the prompt
	 * @param judge whether an LLM judge grades every answer too
	 * @param prompts the answer and judge prompts
	 * @param includeTitle whether passages start with the document's title
	 */
	public record Settings(int topK, boolean judge, AnswerPrompts prompts, boolean includeTitle) {

		public Settings {
			Assert.isTrue(topK >= 1, "eval.answer.top-k must be at least 1");
		}

	}

	/**
	 * @param chatModel the model that answers (and judges)
	 * @param settings how to answer and score
	 * @param references the reference answers
	 * @param dataset the dataset (its documents are the passages, its queries the
	 * questions)
	 */
	public AnswerEvaluator(ChatModel chatModel, Settings settings, ReferenceAnswers references, BeirDataset dataset) {
		this.chatModel = chatModel;
		this.settings = settings;
		this.references = references;
		this.dataset = dataset;
	}

	/**
	 * @return the queries answered per configuration: evaluated queries with a reference
	 * answer, in evaluation order
	 */
	public List<EvalQuery> answerable() {
		return this.dataset.queries().stream().filter(query -> !this.references.of(query.id()).isEmpty()).toList();
	}

	/**
	 * Answers every answerable query under every configuration.
	 * @param runs the evaluated configurations
	 * @return the same configurations with per-query answers and their means
	 * @throws IllegalStateException naming the configuration and query when the chat
	 * model fails
	 */
	public List<ConfigurationRun> evaluate(List<ConfigurationRun> runs) {
		List<EvalQuery> answerable = answerable();
		Assert.state(!answerable.isEmpty(), () -> "No evaluated query has a reference answer in "
				+ this.references.source() + "; evaluate the queries it answers (eval.max-queries, eval.sample)");
		Map<String, EvalQuery> queries = new HashMap<>();
		answerable.forEach(query -> queries.put(query.id(), query));
		List<ConfigurationRun> answeredRuns = new ArrayList<>();
		for (ConfigurationRun run : runs) {
			List<QueryRun> scoredQueries = new ArrayList<>();
			List<AnswerScore> scores = new ArrayList<>();
			List<Double> ndcg = new ArrayList<>();
			try (Progress progress = Progress.start("Answering with " + run.result().tag(), answerable.size())) {
				for (QueryRun query : run.queries()) {
					EvalQuery question = queries.get(query.queryId());
					if (question == null) {
						scoredQueries.add(query);
						continue;
					}
					AnswerScore score = answer(run.result().tag(), question, query.ranking());
					scores.add(score);
					ndcg.add(query.quality().ndcg10());
					scoredQueries.add(query.withAnswer(score));
					progress.step(1);
				}
			}
			answeredRuns.add(new ConfigurationRun(
					run.result().withAnswers(AnswerQuality.mean(scores, ndcg, this.settings.topK())), scoredQueries));
		}
		logger.info("Answered {} queries under {} configurations with {} chat model calls", answerable.size(),
				runs.size(), this.calls);
		return List.copyOf(answeredRuns);
	}

	/**
	 * @return chat model calls made so far (answers and grades; repeated prompts are not
	 * asked again)
	 */
	public int calls() {
		return this.calls;
	}

	private AnswerScore answer(String tag, EvalQuery question, List<String> ranking) {
		List<String> passages = new ArrayList<>();
		for (String id : ranking.subList(0, Math.min(this.settings.topK(), ranking.size()))) {
			CorpusDocument document = this.dataset.corpus().get(id);
			Assert.state(document != null, () -> "Document '" + id + "' of configuration '" + tag
					+ "' is not in the corpus; the first stage must return documents as indexed");
			passages.add(document.content(this.settings.includeTitle()));
		}
		String prompt = this.settings.prompts().answer(question.text(), passages);
		String answer = this.answered.computeIfAbsent(prompt, key -> ask(key, tag, question, "answer"));
		List<String> references = this.references.of(question.id());
		Double judge = null;
		boolean unparsed = false;
		if (this.settings.judge()) {
			String judgePrompt = this.settings.prompts().judge(question.text(), references, answer);
			String reply = this.judged.computeIfAbsent(judgePrompt, key -> ask(key, tag, question, "grade"));
			OptionalInt grade = AnswerPrompts.grade(reply);
			unparsed = grade.isEmpty();
			if (unparsed) {
				logger.warn("The judge's reply for query '{}' under '{}' holds no grade from 0 to 10 (scored 0): {}",
						question.id(), tag, abbreviate(reply));
			}
			judge = grade.orElse(0) / 10.0;
		}
		return new AnswerScore(answer, AnswerScoring.exactMatch(answer, references),
				AnswerScoring.f1(answer, references), judge, unparsed);
	}

	private String ask(String prompt, String tag, EvalQuery question, String what) {
		this.calls++;
		@Nullable String reply;
		try {
			reply = this.chatModel.call(prompt);
		}
		catch (RuntimeException ex) {
			throw new IllegalStateException("The chat model failed to " + what + " query '" + question.id()
					+ "' under configuration '" + tag + "': " + ex.getMessage()
					+ "; check the spring.ai.openai.* (or other chat model) properties", ex);
		}
		return (reply != null) ? reply.strip() : "";
	}

	private static String abbreviate(String text) {
		return (text.length() <= 200) ? text : text.substring(0, 200) + "…";
	}

}
