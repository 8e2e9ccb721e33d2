package dev.reranker.train.cli;

import java.nio.file.Path;

import org.jspecify.annotations.Nullable;

import dev.reranker.train.generate.QueryGenerator;

/**
 * Training without judgments ({@code --train.generate.*}): the chat model configured with
 * Spring AI's {@code spring.ai.*} properties writes queries for passages of
 * {@code --train.dataset}'s corpus, and {@code --train.mining-stage} keeps those whose
 * passage it ranks in its top {@code keep-top}.
 */
public class GenerateProperties {

	/**
	 * Passages drawn at random from the corpus to write queries for; 0 (the default)
	 * trains on the dataset's judgments instead.
	 */
	private int passages;

	/** Queries the chat model writes per passage. */
	private int queriesPerPassage = 1;

	/**
	 * The prompt, with {passage} and {count} replaced literally; the default asks for
	 * queries the passage answers, one per line.
	 */
	private String prompt = QueryGenerator.DEFAULT_PROMPT;

	/** A query is kept when its passage ranks within this many first-stage results. */
	private int keepTop = 10;

	/** Chat calls in flight at once. */
	private int concurrency = 4;

	/** JSONL file the kept examples are written to, to inspect or train on again. */
	private @Nullable Path output;

	public int getPassages() {
		return this.passages;
	}

	public void setPassages(int passages) {
		this.passages = passages;
	}

	public int getQueriesPerPassage() {
		return this.queriesPerPassage;
	}

	public void setQueriesPerPassage(int queriesPerPassage) {
		this.queriesPerPassage = queriesPerPassage;
	}

	public String getPrompt() {
		return this.prompt;
	}

	public void setPrompt(String prompt) {
		this.prompt = prompt;
	}

	public int getKeepTop() {
		return this.keepTop;
	}

	public void setKeepTop(int keepTop) {
		this.keepTop = keepTop;
	}

	public int getConcurrency() {
		return this.concurrency;
	}

	public void setConcurrency(int concurrency) {
		this.concurrency = concurrency;
	}

	public @Nullable Path getOutput() {
		return this.output;
	}

	public void setOutput(@Nullable Path output) {
		this.output = output;
	}

}
