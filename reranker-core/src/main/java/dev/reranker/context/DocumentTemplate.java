package dev.reranker.context;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import dev.reranker.passage.PassageText;

import org.springframework.ai.document.Document;
import org.springframework.util.Assert;

/**
 * The text a rerank model scores for a document, built from its text and metadata, e.g.
 * {@code "{title} {text}"}: {@code {text}} is the document's text, {@code {any-key}} the
 * metadata value under that key (empty when missing). Only what the model reads changes;
 * returned documents keep their own text. Runs of whitespace left by missing values are
 * collapsed and the result trimmed.
 */
public final class DocumentTemplate implements PassageText {

	// Before TEXT, which needs it to be built.
	private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]+)}");

	/** The template that sends the document's text alone. */
	public static final DocumentTemplate TEXT = new DocumentTemplate("{text}");

	private final String template;

	private final List<String> literals = new ArrayList<>();

	private final List<String> keys = new ArrayList<>();

	private DocumentTemplate(String template) {
		Assert.hasText(template, "template must not be empty (DocumentTemplate#of)");
		Matcher matcher = PLACEHOLDER.matcher(template);
		int end = 0;
		while (matcher.find()) {
			this.literals.add(template.substring(end, matcher.start()));
			this.keys.add(matcher.group(1).trim());
			end = matcher.end();
		}
		Assert.isTrue(!this.keys.isEmpty(),
				() -> "template '" + template
						+ "' has no placeholder: use {text} for the document's text and {key} for a metadata value"
						+ " (DocumentTemplate#of)");
		this.literals.add(template.substring(end));
		this.template = template;
	}

	/**
	 * @param template placeholders in braces: {@code {text}} and metadata keys
	 * @return the template
	 */
	public static DocumentTemplate of(String template) {
		return "{text}".equals(template) ? TEXT : new DocumentTemplate(template);
	}

	/**
	 * @param document the document
	 * @return the text to score, or {@code null} when the document has no text (it is
	 * then not scored, whatever its metadata)
	 */
	public @Nullable String render(Document document) {
		String text = document.getText();
		return (text != null) ? render(document, text) : null;
	}

	/**
	 * Renders the template with {@code text} in place of the document's text: what the
	 * model reads for one window of a long document.
	 * @param document the document, for its metadata
	 * @param text the document's text or a window of it
	 * @return the text to score
	 */
	@Override
	public String render(Document document, String text) {
		if (this == TEXT) {
			return text;
		}
		StringBuilder rendered = new StringBuilder();
		for (int i = 0; i < this.keys.size(); i++) {
			rendered.append(this.literals.get(i));
			String key = this.keys.get(i);
			Object value = "text".equals(key) ? text : document.getMetadata().get(key);
			if (value != null) {
				rendered.append(value);
			}
		}
		rendered.append(this.literals.get(this.keys.size()));
		return rendered.toString().replaceAll("\\s+", " ").trim();
	}

	@Override
	public boolean readsText() {
		return this.keys.contains("text");
	}

	@Override
	public String toString() {
		return this.template;
	}

}
