package dev.reranker.eval.dataset;

import org.springframework.util.Assert;

/**
 * One document of a BEIR corpus.
 *
 * @param id the document id ({@code _id})
 * @param title the title, empty when the corpus has none
 * @param text the body text, may be empty
 */
public record CorpusDocument(String id, String title, String text) {

	public CorpusDocument {
		Assert.hasText(id, "id must not be blank");
		Assert.notNull(title, "title must not be null");
		Assert.notNull(text, "text must not be null");
	}

	/**
	 * The text a first stage or a reranker sees. With {@code includeTitle}, the title is
	 * put before the text (BEIR's convention) unless the text already starts with it, as
	 * in Cranfield, where the abstract repeats the title.
	 * @param includeTitle whether to prepend the title
	 * @return the content, possibly empty
	 */
	public String content(boolean includeTitle) {
		if (!includeTitle || this.title.isBlank() || this.text.startsWith(this.title)) {
			return this.text;
		}
		return this.text.isEmpty() ? this.title : this.title + " " + this.text;
	}

}
