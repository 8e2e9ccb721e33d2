package dev.reranker.local;

import java.util.ArrayList;
import java.util.List;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.jni.CharSpan;

import dev.reranker.RerankException;
import dev.reranker.passage.PassageWindowing;
import dev.reranker.passage.TokenSpans;

/**
 * Windows of long documents counted in the model's own tokens, with the room its pair
 * encoding leaves a document next to the query (so a window is never truncated by the
 * model). Hugging Face tokenizers report offsets in Unicode code points; they are turned
 * into {@link String} (UTF-16) indexes here.
 */
final class TokenizerPassageWindowing implements PassageWindowing {

	private final PairEncoder encoder;

	TokenizerPassageWindowing(PairEncoder encoder) {
		this.encoder = encoder;
	}

	@Override
	public int room(String query) {
		return this.encoder.documentRoom(query);
	}

	@Override
	public int maxRoom() {
		return this.encoder.maxLength() - this.encoder.minimumMaxLength() + 1;
	}

	@Override
	public List<TokenSpans> tokenize(List<String> texts, int limit) {
		// Same bound as pair encoding: tokenizer work stays proportional to what is read.
		long maxChars = (long) limit * PairEncoder.CHARS_PER_TOKEN_BOUND;
		List<String> bounded = texts.stream()
			.map(text -> (text.length() > maxChars) ? text.substring(0, boundary(text, (int) maxChars)) : text)
			.toList();
		Encoding[] encodings;
		try {
			encodings = this.encoder.tokenizeAlone(bounded);
		}
		catch (RuntimeException ex) {
			throw new RerankException(LocalRerankModel.PROVIDER, "tokenization failed: " + ex.getMessage(), ex);
		}
		List<TokenSpans> spans = new ArrayList<>(encodings.length);
		for (int i = 0; i < encodings.length; i++) {
			spans.add(spans(bounded.get(i), encodings[i].getCharTokenSpans(), limit));
		}
		return spans;
	}

	/** Never cuts a surrogate pair in two. */
	private static int boundary(String text, int index) {
		return (index > 0 && Character.isHighSurrogate(text.charAt(index - 1))) ? index - 1 : index;
	}

	static TokenSpans spans(String text, CharSpan[] charSpans, int limit) {
		int count = Math.min(limit, charSpans.length);
		int[] starts = new int[count];
		int[] ends = new int[count];
		int[] utf16 = codePointIndexes(text);
		int previous = 0;
		for (int i = 0; i < count; i++) {
			CharSpan span = charSpans[i];
			// A token without a span (none is expected without special tokens) sits at
			// the
			// previous token's end.
			int start = (span != null) ? utf16[Math.min(span.getStart(), utf16.length - 1)] : previous;
			int end = (span != null) ? utf16[Math.min(span.getEnd(), utf16.length - 1)] : previous;
			starts[i] = start;
			ends[i] = Math.max(start, end);
			previous = ends[i];
		}
		return new TokenSpans(starts, ends);
	}

	/**
	 * {@code indexes[c]}: the UTF-16 index of code point {@code c}; one past the end too.
	 */
	private static int[] codePointIndexes(String text) {
		int[] indexes = new int[text.codePointCount(0, text.length()) + 1];
		int c = 0;
		for (int i = 0; i < text.length(); i += Character.charCount(text.codePointAt(i))) {
			indexes[c++] = i;
		}
		indexes[c] = text.length();
		return indexes;
	}

	@Override
	public String unit() {
		return "tokens of the model's tokenizer";
	}

	@Override
	public String toString() {
		return "TokenizerPassageWindowing{maxLength=" + this.encoder.maxLength() + "}";
	}

}
