package dev.reranker.passage;

import org.jspecify.annotations.Nullable;

import org.springframework.ai.document.Document;

/**
 * The text a model reads for a document or for one of its windows, e.g. a document
 * template that adds the title to every window.
 */
public interface PassageText {

	/** The text itself, nothing around it. */
	PassageText TEXT_ALONE = new PassageText() {

		@Override
		public String render(Document document, String text) {
			return text;
		}

		@Override
		public String toString() {
			return "{text}";
		}

	};

	/**
	 * @param document the document
	 * @param text the document's text or a window of it
	 * @return what the model reads
	 */
	@Nullable String render(Document document, String text);

	/**
	 * Whether the rendered text contains the text; when it does not (a template of
	 * metadata only), windows would all read the same and the document is not split.
	 * @return whether the text is read
	 */
	default boolean readsText() {
		return true;
	}

}
