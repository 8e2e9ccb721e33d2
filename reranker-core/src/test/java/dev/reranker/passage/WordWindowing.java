package dev.reranker.passage;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Windowing whose tokens are whitespace-separated words, for tests that count tokens by
 * eye: a model input holds {@code maxTokens} words, query included.
 */
public final class WordWindowing implements PassageWindowing {

	private static final Pattern WORD = Pattern.compile("\\S+");

	private final int maxTokens;

	public WordWindowing(int maxTokens) {
		this.maxTokens = maxTokens;
	}

	@Override
	public int room(String query) {
		return this.maxTokens - tokenize(List.of(query), Integer.MAX_VALUE).get(0).count();
	}

	@Override
	public int maxRoom() {
		return this.maxTokens - 1;
	}

	@Override
	public List<TokenSpans> tokenize(List<String> texts, int limit) {
		List<TokenSpans> result = new ArrayList<>();
		for (String text : texts) {
			List<int[]> spans = new ArrayList<>();
			Matcher matcher = WORD.matcher(text);
			while (matcher.find() && spans.size() < limit) {
				spans.add(new int[] { matcher.start(), matcher.end() });
			}
			result.add(new TokenSpans(spans.stream().mapToInt(s -> s[0]).toArray(),
					spans.stream().mapToInt(s -> s[1]).toArray()));
		}
		return result;
	}

	@Override
	public String unit() {
		return "words";
	}

}
