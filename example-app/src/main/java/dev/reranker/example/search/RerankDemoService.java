package dev.reranker.example.search;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import dev.reranker.RankingPolicy;
import dev.reranker.RerankDocumentMetadata;
import dev.reranker.RerankingDocumentPostProcessor;
import dev.reranker.autoconfigure.context.RerankerLongDocumentsProperties;
import dev.reranker.context.ContextPolicy;
import dev.reranker.context.TokenBudget;

import org.springframework.ai.document.Document;
import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.ai.rag.Query;
import org.springframework.ai.tokenizer.JTokkitTokenCountEstimator;
import org.springframework.ai.tokenizer.TokenCountEstimator;
import org.springframework.ai.vectorstore.SimpleVectorStore;
import org.springframework.stereotype.Service;

/**
 * Runs the first stage and the reranker and reports both orders. To show the whole
 * reordering, every candidate is reranked (top-n and min-score are overridden for the
 * call through the post-processor's query context keys); the post-processor's own
 * {@link RankingPolicy}, with the requested top-n and min-score, then marks which
 * passages make the cut, and the context steps (ordering, token budget; long documents
 * already in the reranking) turn those into the LLM's context. A request may choose the
 * ordering, the token budget and the long-document strategy ({@link ContextChoices}).
 */
@Service
public class RerankDemoService {

	private final FirstStage firstStage;

	private final EmbeddingModel embeddingModel;

	private final RerankingDocumentPostProcessor postProcessor;

	private final TokenCountEstimator tokens = new JTokkitTokenCountEstimator();

	private final int maxWindows;

	public RerankDemoService(FirstStage firstStage, EmbeddingModel embeddingModel,
			RerankingDocumentPostProcessor postProcessor, RerankerLongDocumentsProperties longDocuments) {
		this.firstStage = firstStage;
		this.embeddingModel = embeddingModel;
		this.postProcessor = postProcessor;
		this.maxWindows = longDocuments.getMaxWindows();
	}

	/** The post-processor's maximum number of candidates scored per call. */
	public int maxCandidates() {
		return this.postProcessor.getMaxCandidates();
	}

	/** The configured top-n. */
	public int defaultTopN() {
		return this.postProcessor.getTopN();
	}

	/** The configured min-score, if any. */
	public @Nullable Double defaultMinScore() {
		return this.postProcessor.getMinScore();
	}

	/** The rerank provider's name. */
	public String provider() {
		return this.postProcessor.getRerankModel().getProviderName();
	}

	/** The rerank model's name, as its provider reports it. */
	public String model() {
		String model = this.postProcessor.getRerankModel().getDefaultOptions().getModel();
		return (model != null) ? model : "unnamed model";
	}

	/** How the first stage finds candidates. */
	public String firstStageDescription() {
		return this.firstStage.description();
	}

	/**
	 * Retrieves candidates from the store and reranks them.
	 * @param query the query
	 * @param candidates how many first-stage candidates to rerank
	 * @param topN how many make the cut, or {@code null} for the configured value
	 * @param minScore the cut-off score, or {@code null} for the configured value
	 * @param choices the request's context steps
	 * @return both orders
	 */
	public RerankComparison search(String query, int candidates, @Nullable Integer topN, @Nullable Double minScore,
			ContextChoices choices) {
		ContextSteps steps = ContextSteps.of(this.postProcessor, this.maxWindows, choices);
		long start = System.nanoTime();
		List<Document> documents = this.firstStage.retrieve(query, candidates);
		long retrieved = System.nanoTime();
		return compare(query, this.firstStage.description(), this.firstStage.scoreKind(), documents, start, retrieved,
				topN, minScore, steps);
	}

	/**
	 * Ranks given passages by embedding similarity (the first stage a vector store would
	 * apply) and reranks them.
	 * @param query the query
	 * @param passages the passages
	 * @param topN how many make the cut, or {@code null} for the configured value
	 * @param minScore the cut-off score, or {@code null} for the configured value
	 * @param choices the request's context steps
	 * @return both orders
	 * @throws IllegalArgumentException when a chosen window does not fit the model
	 */
	public RerankComparison rerank(String query, List<String> passages, @Nullable Integer topN,
			@Nullable Double minScore, ContextChoices choices) {
		ContextSteps steps = ContextSteps.of(this.postProcessor, this.maxWindows, choices);
		long start = System.nanoTime();
		List<String> texts = new ArrayList<>(passages.size() + 1);
		texts.add(query);
		texts.addAll(passages);
		List<float[]> embeddings = this.embeddingModel.embed(texts);
		float[] queryEmbedding = embeddings.get(0);
		List<Document> documents = new ArrayList<>(passages.size());
		for (int i = 0; i < passages.size(); i++) {
			double similarity = SimpleVectorStore.EmbeddingMath.cosineSimilarity(queryEmbedding, embeddings.get(i + 1));
			documents.add(Document.builder()
				.id(Integer.toString(i + 1))
				.text(passages.get(i))
				.metadata("passage", i + 1)
				.score(similarity)
				.build());
		}
		// Stable sort: equal similarities keep the given order.
		documents.sort((a, b) -> Double.compare(scoreOf(b), scoreOf(a)));
		long embedded = System.nanoTime();
		return compare(query, "embedding similarity (" + this.embeddingModel.getClass().getSimpleName() + ")",
				"similarity", documents, start, embedded, topN, minScore, steps);
	}

	/**
	 * The documents the reranker hands on for a question, as the RAG advisor would
	 * receive them: first stage, then the post-processor with its configured policy.
	 * @param question the question
	 * @param candidates how many first-stage candidates
	 * @return the reranked context, best first
	 */
	public List<Document> context(String question, int candidates) {
		List<Document> documents = this.firstStage.retrieve(question, candidates);
		return this.postProcessor.process(new Query(question), documents);
	}

	private RerankComparison compare(String query, String firstStageDescription, String scoreKind,
			List<Document> documents, long start, long firstStageEnd, @Nullable Integer requestedTopN,
			@Nullable Double requestedMinScore, ContextSteps steps) {
		RankingPolicy policy = this.postProcessor.getRankingPolicy().withOverrides(requestedTopN, requestedMinScore);
		List<Document> reranked = documents.isEmpty() ? List.of()
				: steps.processor(this.postProcessor)
					.process(Query.builder()
						.text(query)
						.context(Map.of(RankingPolicy.TOP_N_CONTEXT_KEY, documents.size(),
								RankingPolicy.MIN_SCORE_CONTEXT_KEY, 0.0))
						.build(), documents);
		long end = System.nanoTime();

		List<RankedPassage> firstStageResults = new ArrayList<>(documents.size());
		for (int i = 0; i < documents.size(); i++) {
			Document document = documents.get(i);
			firstStageResults.add(new RankedPassage(document.getId(), text(document), i + 1, document.getScore(), i + 1,
					document.getScore(), null, true, document.getMetadata()));
		}
		boolean fallback = reranked.stream()
			.anyMatch(document -> Boolean.TRUE
				.equals(document.getMetadata().get(RerankDocumentMetadata.RERANK_FALLBACK)));
		Set<Integer> kept = kept(policy, documents.size(), reranked, fallback);
		List<RankedPassage> rerankedResults = new ArrayList<>(reranked.size());
		for (int i = 0; i < reranked.size(); i++) {
			Document document = reranked.get(i);
			Map<String, Object> metadata = new HashMap<>(document.getMetadata());
			// the post-processor sets the first-stage rank on every document it returns
			int firstStageRank = Objects
				.requireNonNull((Integer) metadata.remove(RerankDocumentMetadata.RETRIEVAL_RANK));
			Double retrievalScore = (Double) metadata.remove(RerankDocumentMetadata.RETRIEVAL_SCORE);
			Double rerankScore = (Double) metadata.remove(RerankDocumentMetadata.RERANK_SCORE);
			metadata.remove(RerankDocumentMetadata.RERANK_FALLBACK);
			int rank = i + 1;
			rerankedResults.add(new RankedPassage(document.getId(), text(document), rank, rerankScore, firstStageRank,
					retrievalScore, firstStageRank - rank, kept.contains(firstStageRank - 1), metadata));
		}
		return new RerankComparison(query, firstStageDescription, scoreKind, provider(), model(), policy.getTopN(),
				policy.getMinScore(), fallback, firstStageResults, rerankedResults,
				new RerankComparison.Timings(millis(start, firstStageEnd), millis(firstStageEnd, end),
						millis(start, end)),
				context(steps.prompt(), reranked, kept));
	}

	/** The kept passages through the prompt's context steps, in prompt order. */
	private RerankComparison.Context context(ContextPolicy prompt, List<Document> reranked, Set<Integer> kept) {
		List<Document> cut = new ArrayList<>();
		// The context steps return the same instances, in their order.
		Map<Document, Integer> ranks = new IdentityHashMap<>();
		for (int i = 0; i < reranked.size(); i++) {
			Document document = reranked.get(i);
			ranks.put(document, i + 1);
			if (document.getMetadata().get(RerankDocumentMetadata.RETRIEVAL_RANK) instanceof Integer rank
					&& kept.contains(rank - 1)) {
				cut.add(document);
			}
		}
		List<RerankComparison.ContextPassage> passages = new ArrayList<>();
		int total = 0;
		for (Document document : prompt.arrange(cut)) {
			int count = this.tokens.estimate(text(document));
			total += count;
			passages.add(new RerankComparison.ContextPassage(document.getId(),
					Objects.requireNonNull(ranks.get(document)), count));
		}
		TokenBudget budget = prompt.getTokenBudget();
		return new RerankComparison.Context(prompt.getOrdering().name().toLowerCase(Locale.ROOT).replace('_', '-'),
				(budget != null) ? budget.getMaxTokens() : null,
				prompt.getLongDocuments().isMaxPassage() ? "max-passage" : "truncate",
				prompt.getLongDocuments().getWindow(), passages, total);
	}

	/** The configured context steps, for the page's defaults. */
	public RerankComparison.Context configuredContext() {
		return context(ContextSteps.of(this.postProcessor, this.maxWindows, ContextChoices.CONFIGURED).prompt(),
				List.of(), Set.of());
	}

	/**
	 * The first-stage positions the post-processor would return with {@code policy}, from
	 * the full reranked list.
	 */
	private static Set<Integer> kept(RankingPolicy policy, int size, List<Document> reranked, boolean fallback) {
		List<RankingPolicy.Ranked> cut;
		if (fallback) {
			cut = policy.fallback(size);
		}
		else {
			List<Integer> positions = new ArrayList<>(reranked.size());
			double[] scores = new double[reranked.size()];
			for (Document document : reranked) {
				Object score = document.getMetadata().get(RerankDocumentMetadata.RERANK_SCORE);
				if (score instanceof Double value
						&& document.getMetadata().get(RerankDocumentMetadata.RETRIEVAL_RANK) instanceof Integer rank) {
					scores[positions.size()] = value;
					positions.add(rank - 1);
				}
			}
			cut = policy.rank(size, positions, Arrays.copyOf(scores, positions.size()));
		}
		Set<Integer> kept = new HashSet<>();
		cut.forEach(ranked -> kept.add(ranked.position()));
		return kept;
	}

	private static double scoreOf(Document document) {
		return (document.getScore() != null) ? document.getScore() : Double.NEGATIVE_INFINITY;
	}

	private static String text(Document document) {
		return (document.getText() != null) ? document.getText() : "";
	}

	private static double millis(long from, long to) {
		return Math.round((to - from) / 10_000.0) / 100.0;
	}

}
