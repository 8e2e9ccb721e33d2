package dev.reranker.local;

import java.util.Arrays;
import java.util.List;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.huggingface.tokenizers.jni.CharSpan;

import dev.reranker.RerankException;

/**
 * Encodes query-document pairs for a decoder reranker: the {@link PromptTemplate}'s text
 * up to and including the document is tokenized as one text, the text after the document
 * on its own (no special tokens added: the template writes them), and the first part is
 * cut to what {@code maxLength} leaves, so only the document's end is ever truncated and
 * the question the model answers at the end never is. Thread-safe.
 */
final class PromptPairs implements PairEncoder {

	private final HuggingFaceTokenizer tokenizer;

	private final PromptTemplate template;

	private final int maxLength;

	private PromptPairs(HuggingFaceTokenizer tokenizer, PromptTemplate template, int maxLength) {
		this.tokenizer = tokenizer;
		this.template = template;
		this.maxLength = maxLength;
	}

	static PromptPairs load(LocalModelFiles files, PromptTemplate template, int maxLength) {
		return new PromptPairs(CrossEncoderPairs.loadTokenizer(files, maxLength, false, false), template, maxLength);
	}

	@Override
	public Encoding[] encode(String query, List<String> documents) {
		String prefix = this.template.prefix(query);
		long[] suffix = ids(this.template.suffix(query));
		int room = this.maxLength - suffix.length;
		int prefixTokens = ids(prefix).length;
		if (prefixTokens >= room) {
			throw new RerankException(LocalRerankModel.PROVIDER,
					"the prompt around the document takes " + (prefixTokens + suffix.length)
							+ " tokens with this query, which leaves no room for a document within "
							+ LocalSetting.MAX_LENGTH + "=" + this.maxLength
							+ " (the query is never truncated); shorten the query or raise " + LocalSetting.MAX_LENGTH);
		}
		int maxChars = this.maxLength * CHARS_PER_TOKEN_BOUND;
		Encoding[] encodings = new Encoding[documents.size()];
		for (int i = 0; i < encodings.length; i++) {
			String document = documents.get(i);
			// Prompt and document as one text, as the models' own code tokenizes them;
			// the
			// text after the document starts at a special token, so it tokenizes alone.
			long[] head = ids(prefix + ((document.length() > maxChars) ? document.substring(0, maxChars) : document));
			int kept = Math.min(room, head.length);
			long[] ids = new long[kept + suffix.length];
			System.arraycopy(head, 0, ids, 0, kept);
			System.arraycopy(suffix, 0, ids, kept, suffix.length);
			encodings[i] = new PromptEncoding(ids, head.length > kept);
		}
		return encodings;
	}

	private long[] ids(String text) {
		if (text.isEmpty()) {
			return new long[0];
		}
		try {
			return this.tokenizer.encode(text, false, false).getIds();
		}
		catch (RuntimeException ex) {
			throw new RerankException(LocalRerankModel.PROVIDER, "tokenization failed: " + ex.getMessage(), ex);
		}
	}

	@Override
	public int maxLength() {
		return this.maxLength;
	}

	@Override
	public int minimumMaxLength() {
		return ids(this.template.prefix("")).length + ids(this.template.suffix("")).length + 2;
	}

	@Override
	public String overheadName() {
		return "prompt template tokens (" + LocalSetting.PROMPT_TEMPLATE + ")";
	}

	@Override
	public boolean fits(String query) {
		return ids(this.template.prefix(query)).length + ids(this.template.suffix(query)).length < this.maxLength;
	}

	/**
	 * What the prompt around the document leaves of {@code maxLength} with this query.
	 */
	@Override
	public int documentRoom(String query) {
		return this.maxLength - ids(this.template.prefix(query)).length - ids(this.template.suffix(query)).length;
	}

	/** The tokenizer adds no special tokens here (the template writes them). */
	@Override
	public Encoding[] tokenizeAlone(List<String> texts) {
		return this.tokenizer.batchEncode(texts, false, false);
	}

	PromptTemplate template() {
		return this.template;
	}

	@Override
	public void close() {
		this.tokenizer.close();
	}

	/**
	 * A prompt's tokens: one segment (type ids 0), every token attended. DJL's
	 * {@link Encoding} has no public constructor; its protected one is meant for this.
	 */
	private static final class PromptEncoding extends Encoding {

		PromptEncoding(long[] ids, boolean truncated) {
			super(ids, new long[ids.length], new String[0], new long[0], new long[0], ones(ids.length),
					new long[ids.length], new CharSpan[0], truncated, new Encoding[0]);
		}

		private static long[] ones(int length) {
			long[] ones = new long[length];
			Arrays.fill(ones, 1L);
			return ones;
		}

	}

}
