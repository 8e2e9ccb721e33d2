package dev.reranker.eval;

import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import dev.reranker.testfixtures.TermOverlap;
import dev.reranker.testfixtures.http.LoopbackJudgeServer;

/**
 * The behaviour of the loopback chat model in the answers tests: it answers from the
 * context it is sent, deterministically, like a reader that copies the passage sentence
 * sharing most words with the question (the first such sentence on a tie). Better
 * passages therefore give measurably better answers. Asked to grade (a prompt starting
 * with {@link #JUDGE_MARK}), it replies with 10 × the share of the reference's words the
 * answer contains, rounded; to a prompt starting with {@link #WORDY_JUDGE_MARK} it
 * replies in words, without a grade.
 */
final class ContextReader {

	/** The start of the test's judge prompt. */
	static final String JUDGE_MARK = "GRADE THIS.";

	/** The test's judge prompt, with the placeholders the tool requires. */
	static final String JUDGE_PROMPT = JUDGE_MARK + "\nQ: {question}\nREF: {reference}\nANS: {answer}\n";

	/** The start of a judge prompt the reader answers in words, without a grade. */
	static final String WORDY_JUDGE_MARK = "GRADE IN WORDS.";

	private static final Pattern QUESTION = Pattern.compile("(?s).*\nQuestion: (.*?)\n");

	private static final Pattern PASSAGES = Pattern.compile("(?s)\nPassages:\n(.*)\n\nQuestion: ");

	private static final Pattern JUDGED = Pattern.compile("(?s)\nREF: (.*?)\nANS: (.*?)\n");

	private ContextReader() {
	}

	/**
	 * A loopback OpenAI-compatible server that answers as this reader.
	 * @return the running server
	 */
	static LoopbackJudgeServer server() {
		return LoopbackJudgeServer.start().faults((chat) -> LoopbackJudgeServer.Reply.answer(ContextReader::respond));
	}

	static String respond(LoopbackJudgeServer.Chat request) {
		String prompt = request.userText();
		if (prompt.startsWith(WORDY_JUDGE_MARK)) {
			return "A fine answer, well done.";
		}
		if (prompt.startsWith(JUDGE_MARK)) {
			Matcher judged = JUDGED.matcher(prompt);
			if (!judged.find()) {
				throw new IllegalArgumentException("not the test's judge prompt: " + prompt);
			}
			return String.valueOf(Math.round(10 * TermOverlap.score(judged.group(1), judged.group(2))));
		}
		Matcher question = QUESTION.matcher(prompt);
		Matcher passages = PASSAGES.matcher(prompt);
		if (!question.find() || !passages.find()) {
			throw new IllegalArgumentException("not the tool's answer prompt: " + prompt);
		}
		return bestSentence(question.group(1), passages.group(1));
	}

	private static String bestSentence(String question, String passages) {
		List<String> sentences = Stream.of(passages.split("\n+"))
			.map(passage -> passage.replaceFirst("^\\[\\d+\\] ", ""))
			.flatMap(passage -> Stream.of(passage.split("(?<=[.!?])\\s+")))
			.filter(sentence -> !sentence.isBlank())
			.toList();
		// max keeps the last of equal elements: compare on the negated index too
		return sentences.stream()
			.max(Comparator.comparingDouble((String sentence) -> TermOverlap.score(question, sentence))
				.thenComparing(sentence -> -sentences.indexOf(sentence)))
			.orElse("no answer");
	}

}
