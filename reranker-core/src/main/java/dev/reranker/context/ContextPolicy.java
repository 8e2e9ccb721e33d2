package dev.reranker.context;

import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.reranker.passage.LongDocuments;
import dev.reranker.passage.PassagePlan;

import org.springframework.ai.document.Document;
import org.springframework.util.Assert;

/**
 * What the post-processor does around the ranking itself: the text the model reads for
 * each document ({@link DocumentTemplate}) and, for long documents, for each of its
 * windows ({@link LongDocuments}), and, after ranking (top-n, min-score, cutoff), in this
 * order: {@link NearDuplicates} (drops lower-ranked near-duplicates),
 * {@link MaximalMarginalRelevance} (reorders the kept documents for diversity), a
 * {@link TokenBudget} (keeps, in that order, those that fit), then a
 * {@link ContextOrdering}. Immutable and thread-safe; the default changes nothing.
 */
public final class ContextPolicy {

	/** The text alone, no budget, best first. */
	public static final ContextPolicy DEFAULT = builder().build();

	private final DocumentTemplate documentTemplate;

	private final LongDocuments longDocuments;

	private final @Nullable NearDuplicates nearDuplicates;

	private final @Nullable MaximalMarginalRelevance maximalMarginalRelevance;

	private final @Nullable TokenBudget tokenBudget;

	private final ContextOrdering ordering;

	private ContextPolicy(Builder builder) {
		Assert.notNull(builder.documentTemplate, "documentTemplate must not be null (ContextPolicy.Builder)");
		Assert.notNull(builder.ordering, "ordering must not be null (ContextPolicy.Builder)");
		Assert.notNull(builder.longDocuments, "longDocuments must not be null (ContextPolicy.Builder)");
		this.documentTemplate = builder.documentTemplate;
		this.longDocuments = builder.longDocuments;
		this.nearDuplicates = builder.nearDuplicates;
		this.maximalMarginalRelevance = builder.maximalMarginalRelevance;
		this.tokenBudget = builder.tokenBudget;
		this.ordering = builder.ordering;
	}

	public static Builder builder() {
		return new Builder();
	}

	/**
	 * @return a builder holding this policy's steps, to change some of them (e.g. per
	 * request)
	 */
	public Builder mutate() {
		return builder().documentTemplate(this.documentTemplate)
			.longDocuments(this.longDocuments)
			.nearDuplicates(this.nearDuplicates)
			.maximalMarginalRelevance(this.maximalMarginalRelevance)
			.tokenBudget(this.tokenBudget)
			.ordering(this.ordering);
	}

	/**
	 * @param document a candidate
	 * @return the text the model scores, or {@code null} when the document has no text
	 */
	public @Nullable String textToScore(Document document) {
		return this.documentTemplate.render(document);
	}

	/**
	 * The texts the model scores for candidates in one call: each document's text through
	 * the template, or, for documents too long with {@link LongDocuments#maxPassage},
	 * each of its windows through the template.
	 * @param query the query
	 * @param candidates the documents to score, each with text
	 * @return the plan of the call
	 */
	public PassagePlan plan(String query, List<Document> candidates) {
		return this.longDocuments.plan(query, candidates, this.documentTemplate);
	}

	/**
	 * @param ranked the kept documents, best first; not changed
	 * @return those that are no near-duplicate of a better one, reordered by maximal
	 * marginal relevance, within the token budget, in the configured order, as a new list
	 */
	public List<Document> arrange(List<Document> ranked) {
		List<Document> arranged = ranked;
		if (this.nearDuplicates != null) {
			arranged = this.nearDuplicates.remove(arranged, Document::getText);
		}
		if (this.maximalMarginalRelevance != null) {
			arranged = this.maximalMarginalRelevance.reorder(arranged);
		}
		if (this.tokenBudget != null) {
			arranged = this.tokenBudget.fit(arranged, Document::getText);
		}
		return this.ordering.arrange(arranged);
	}

	public @Nullable NearDuplicates getNearDuplicates() {
		return this.nearDuplicates;
	}

	public @Nullable MaximalMarginalRelevance getMaximalMarginalRelevance() {
		return this.maximalMarginalRelevance;
	}

	public DocumentTemplate getDocumentTemplate() {
		return this.documentTemplate;
	}

	public LongDocuments getLongDocuments() {
		return this.longDocuments;
	}

	public @Nullable TokenBudget getTokenBudget() {
		return this.tokenBudget;
	}

	public ContextOrdering getOrdering() {
		return this.ordering;
	}

	@Override
	public String toString() {
		return "ContextPolicy{documentTemplate=" + this.documentTemplate + ", longDocuments=" + this.longDocuments
				+ ", nearDuplicates=" + this.nearDuplicates + ", maximalMarginalRelevance="
				+ this.maximalMarginalRelevance + ", tokenBudget=" + this.tokenBudget + ", ordering=" + this.ordering
				+ "}";
	}

	/** Builder for {@link ContextPolicy}. */
	public static final class Builder {

		private DocumentTemplate documentTemplate = DocumentTemplate.TEXT;

		private LongDocuments longDocuments = LongDocuments.TRUNCATE;

		private @Nullable NearDuplicates nearDuplicates;

		private @Nullable MaximalMarginalRelevance maximalMarginalRelevance;

		private @Nullable TokenBudget tokenBudget;

		private ContextOrdering ordering = ContextOrdering.SCORE;

		private Builder() {
		}

		/**
		 * Drop documents that are near-duplicates of a better-ranked one; default none.
		 */
		public Builder nearDuplicates(@Nullable NearDuplicates nearDuplicates) {
			this.nearDuplicates = nearDuplicates;
			return this;
		}

		/**
		 * Reorder the kept documents by maximal marginal relevance, before the token
		 * budget; default none.
		 */
		public Builder maximalMarginalRelevance(@Nullable MaximalMarginalRelevance maximalMarginalRelevance) {
			this.maximalMarginalRelevance = maximalMarginalRelevance;
			return this;
		}

		/**
		 * What the model reads for each document, e.g. {@code "{title} {text}"}; default
		 * the text alone. Returned documents keep their own text.
		 */
		public Builder documentTemplate(DocumentTemplate documentTemplate) {
			this.documentTemplate = documentTemplate;
			return this;
		}

		/**
		 * What to do with documents longer than the model reads: send them whole, or
		 * score their windows; default {@link LongDocuments#TRUNCATE}.
		 */
		public Builder longDocuments(LongDocuments longDocuments) {
			this.longDocuments = longDocuments;
			return this;
		}

		/** Keep the best documents whose estimated tokens fit; default none. */
		public Builder tokenBudget(@Nullable TokenBudget tokenBudget) {
			this.tokenBudget = tokenBudget;
			return this;
		}

		/** The order of the returned documents; default {@link ContextOrdering#SCORE}. */
		public Builder ordering(ContextOrdering ordering) {
			this.ordering = ordering;
			return this;
		}

		public ContextPolicy build() {
			return new ContextPolicy(this);
		}

	}

}
