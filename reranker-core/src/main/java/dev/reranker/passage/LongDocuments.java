package dev.reranker.passage;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import org.springframework.ai.document.Document;
import org.springframework.util.Assert;

/**
 * What the post-processor does with a document longer than the model reads.
 * <ul>
 * <li>{@link #TRUNCATE} (the default): the document is sent whole and the model reads
 * what fits (the local provider truncates the document side; remote APIs truncate on
 * their side).</li>
 * <li>{@link #maxPassage(PassageWindowing)}: a document whose tokens exceed the window
 * (by default the room next to the query) is split into overlapping windows
 * ({@link SlidingWindows}); every window of every document goes to the model in the same
 * call, and a document's score is its best window's
 * ({@link PassagePlan#scores(double[])}). Returned documents keep their full text.</li>
 * </ul>
 * With max-passage, {@code window} defaults to the room next to the call's query (and is
 * capped by it), {@code stride} to half the window, and at most {@code maxWindows}
 * windows are read per document. Immutable and thread-safe.
 */
public final class LongDocuments {

	/** Default number of windows read per document at most. */
	public static final int DEFAULT_MAX_WINDOWS = 8;

	/** Documents go to the model whole; the model reads what fits. */
	public static final LongDocuments TRUNCATE = new LongDocuments(null, null, null, DEFAULT_MAX_WINDOWS);

	private final @Nullable PassageWindowing windowing;

	private final @Nullable Integer window;

	private final @Nullable Integer stride;

	private final int maxWindows;

	private LongDocuments(@Nullable PassageWindowing windowing, @Nullable Integer window, @Nullable Integer stride,
			int maxWindows) {
		this.windowing = windowing;
		this.window = window;
		this.stride = stride;
		this.maxWindows = maxWindows;
	}

	/**
	 * Splits documents that do not fit into windows and scores each by its best window.
	 * @param windowing how the model counts tokens and how many fit
	 * @return a builder for window, stride and the most windows per document
	 */
	public static Builder maxPassage(PassageWindowing windowing) {
		return new Builder(windowing);
	}

	/**
	 * @return whether documents that do not fit are split into windows
	 */
	public boolean isMaxPassage() {
		return this.windowing != null;
	}

	public @Nullable PassageWindowing getWindowing() {
		return this.windowing;
	}

	/**
	 * @return tokens per window, or {@code null} for the room next to each call's query
	 */
	public @Nullable Integer getWindow() {
		return this.window;
	}

	/**
	 * @return tokens between window starts, or {@code null} for half the window
	 */
	public @Nullable Integer getStride() {
		return this.stride;
	}

	public int getMaxWindows() {
		return this.maxWindows;
	}

	/**
	 * The texts to score for candidates, and how their scores fold back.
	 * @param query the query
	 * @param documents the candidates, each with text
	 * @param text what the model reads for a document or a window of it
	 * @return the plan of the one model call
	 */
	public PassagePlan plan(String query, List<Document> documents, PassageText text) {
		PassageWindowing windowing = this.windowing;
		if (windowing == null || !text.readsText()) {
			return PassagePlan
				.whole(documents.stream().map(document -> render(text, document, text(document))).toList());
		}
		int room = windowing.room(query);
		int[] frames = frameTokens(windowing, documents, text, room);
		int limit = 1;
		for (int d = 0; d < documents.size(); d++) {
			int documentRoom = room - frames[d];
			if (documentRoom >= 1) {
				int window = window(documentRoom);
				limit = Math.max(limit, Math.max(window + 1, (this.maxWindows - 1) * stride(window) + window));
			}
		}
		List<TokenSpans> tokens = windowing.tokenize(documents.stream().map(LongDocuments::text).toList(), limit);
		List<String> texts = new ArrayList<>();
		List<PassageWindow> windows = new ArrayList<>();
		List<Integer> owners = new ArrayList<>();
		for (int d = 0; d < documents.size(); d++) {
			Document document = documents.get(d);
			String full = text(document);
			int documentRoom = room - frames[d];
			int window = (documentRoom >= 1) ? window(documentRoom) : 0;
			if (documentRoom < 1 || tokens.get(d).count() <= window) {
				// It fits one window, or the query leaves no room to split into: the
				// model
				// decides.
				texts.add(render(text, document, full));
				windows.add(new PassageWindow(0, full.length()));
				owners.add(d);
				continue;
			}
			for (PassageWindow passage : SlidingWindows.of(tokens.get(d), window, stride(window), this.maxWindows)) {
				texts.add(render(text, document, passage.of(full)));
				windows.add(passage);
				owners.add(d);
			}
		}
		return PassagePlan.windowed(texts, owners.stream().mapToInt(Integer::intValue).toArray(), windows,
				documents.size());
	}

	private int window(int room) {
		return (this.window != null) ? Math.min(this.window, room) : room;
	}

	private int stride(int window) {
		return (this.stride != null) ? Math.min(this.stride, window) : Math.max(1, window / 2);
	}

	/**
	 * Tokens of what a template adds around the text (a title, say): they take room from
	 * every window.
	 */
	private static int[] frameTokens(PassageWindowing windowing, List<Document> documents, PassageText text, int room) {
		int[] counts = new int[documents.size()];
		List<String> frames = new ArrayList<>();
		List<Integer> framed = new ArrayList<>();
		for (int d = 0; d < documents.size(); d++) {
			String frame = text.render(documents.get(d), "");
			if (frame != null && !frame.isBlank()) {
				frames.add(frame);
				framed.add(d);
			}
		}
		if (!frames.isEmpty()) {
			List<TokenSpans> spans = windowing.tokenize(frames, Math.max(1, room));
			for (int i = 0; i < framed.size(); i++) {
				counts[framed.get(i)] = spans.get(i).count();
			}
		}
		return counts;
	}

	private static String text(Document document) {
		return Objects.requireNonNull(document.getText(), "a candidate without text cannot be scored");
	}

	private static String render(PassageText text, Document document, String passage) {
		return Objects.requireNonNull(text.render(document, passage), "no text to score");
	}

	@Override
	public String toString() {
		return (this.windowing == null) ? "truncate" : "max-passage{windowing=" + this.windowing + ", window="
				+ this.window + ", stride=" + this.stride + ", maxWindows=" + this.maxWindows + "}";
	}

	/** Builder of the max-passage strategy. */
	public static final class Builder {

		private final PassageWindowing windowing;

		private @Nullable Integer window;

		private @Nullable Integer stride;

		private int maxWindows = DEFAULT_MAX_WINDOWS;

		private Builder(PassageWindowing windowing) {
			Assert.notNull(windowing, "windowing must not be null (LongDocuments#maxPassage)");
			this.windowing = windowing;
		}

		/**
		 * Tokens per window, at most the model's room; default (and cap, per call) the
		 * room next to the call's query.
		 */
		public Builder window(@Nullable Integer window) {
			this.window = window;
			return this;
		}

		/**
		 * Tokens between window starts, less than the window; default half the window.
		 */
		public Builder stride(@Nullable Integer stride) {
			this.stride = stride;
			return this;
		}

		/** Windows read per document at most; default {@value #DEFAULT_MAX_WINDOWS}. */
		public Builder maxWindows(int maxWindows) {
			this.maxWindows = maxWindows;
			return this;
		}

		public LongDocuments build() {
			Integer window = this.window;
			Integer stride = this.stride;
			int maxRoom = this.windowing.maxRoom();
			Assert.isTrue(window == null || window >= 1,
					() -> "window must be at least 1 token but was " + window + " (LongDocuments.Builder#window)");
			Assert.isTrue(window == null || window <= maxRoom,
					() -> "window (" + window + ") must not exceed the model's room for a document, " + maxRoom + " "
							+ this.windowing.unit() + " (LongDocuments.Builder#window)");
			Assert.isTrue(stride == null || stride >= 1,
					() -> "stride must be at least 1 token but was " + stride + " (LongDocuments.Builder#stride)");
			int effectiveWindow = (window != null) ? window : maxRoom;
			Assert.isTrue(stride == null || stride < effectiveWindow,
					() -> "stride (" + stride + ") must be less than the window (" + effectiveWindow
							+ ") so that windows overlap (LongDocuments.Builder#stride)");
			Assert.isTrue(this.maxWindows >= 1, () -> "maxWindows must be at least 1 but was " + this.maxWindows
					+ " (LongDocuments.Builder#maxWindows)");
			return new LongDocuments(this.windowing, window, stride, this.maxWindows);
		}

	}

}
