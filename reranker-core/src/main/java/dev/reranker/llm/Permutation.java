package dev.reranker.llm;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A listwise answer read as an order of a window's passages.
 * <p>
 * Labels are {@code [k]} with {@code k} from 1 to the window's size, in the order the
 * answer gives them (an answer without brackets that is only numbers separated by
 * {@code >} or commas is read the same way). A label outside the window, or one seen
 * before, is ignored; passages the answer does not name follow the named ones in their
 * previous relative order. An answer that names none keeps the window's order. The result
 * is always a permutation of the window: nothing lost, nothing twice.
 *
 * @param order window positions from best to worst, {@code order.get(0)} the position
 * (0-based) of the passage ranked first
 * @param outcome how complete the answer was
 */
record Permutation(List<Integer> order, LlmAnswerOutcome outcome) {

	private static final Pattern LABEL = Pattern.compile("\\[\\s*(\\d{1,9})\\s*]");

	private static final Pattern BARE_LIST = Pattern.compile("\\d{1,9}(\\s*[>,]\\s*\\d{1,9})*\\.?");

	private static final Pattern NUMBER = Pattern.compile("\\d{1,9}");

	Permutation {
		order = List.copyOf(order);
	}

	/**
	 * Reads an answer for a window of {@code size} passages.
	 * @param answer the chat model's text
	 * @param size the number of passages in the window
	 * @return the order, a permutation of {@code 0 … size - 1}
	 */
	static Permutation parse(String answer, int size) {
		String text = AnswerText.withoutReasoning(answer);
		List<Integer> labels = labels(text);
		boolean[] seen = new boolean[size];
		List<Integer> order = new ArrayList<>(size);
		boolean irregular = false;
		for (int label : labels) {
			if (label < 1 || label > size || seen[label - 1]) {
				irregular = true;
				continue;
			}
			seen[label - 1] = true;
			order.add(label - 1);
		}
		LlmAnswerOutcome outcome = order.isEmpty() ? LlmAnswerOutcome.UNPARSEABLE : LlmAnswerOutcome.COMPLETE;
		for (int position = 0; position < size; position++) {
			if (!seen[position]) {
				order.add(position);
				irregular = true;
			}
		}
		if (outcome == LlmAnswerOutcome.COMPLETE && irregular) {
			outcome = LlmAnswerOutcome.PARTIAL;
		}
		return new Permutation(order, outcome);
	}

	private static List<Integer> labels(String text) {
		List<Integer> labels = new ArrayList<>();
		Matcher bracketed = LABEL.matcher(text);
		while (bracketed.find()) {
			labels.add(Integer.parseInt(bracketed.group(1)));
		}
		if (labels.isEmpty() && BARE_LIST.matcher(text).matches()) {
			Matcher number = NUMBER.matcher(text);
			while (number.find()) {
				labels.add(Integer.parseInt(number.group()));
			}
		}
		return labels;
	}

}
