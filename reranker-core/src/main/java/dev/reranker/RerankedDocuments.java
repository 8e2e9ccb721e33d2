package dev.reranker;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.reranker.passage.PassageMatch;

import org.springframework.ai.document.Document;

/**
 * Turns the positions a {@link RankingPolicy} kept into new documents: the inputs are
 * never changed, each copy keeps the input's id, text or media, metadata and content
 * formatter and adds the rerank metadata.
 */
final class RerankedDocuments {

	private RerankedDocuments() {
	}

	static List<Document> of(List<Document> documents, List<RankingPolicy.Ranked> kept, boolean fallback) {
		return of(documents, kept, fallback, Map.of());
	}

	/**
	 * @param passages how documents were windowed, by first-stage position (empty when
	 * they were read whole)
	 */
	static List<Document> of(List<Document> documents, List<RankingPolicy.Ranked> kept, boolean fallback,
			Map<Integer, PassageMatch> passages) {
		List<Document> result = new ArrayList<>(kept.size());
		for (RankingPolicy.Ranked ranked : kept) {
			result.add(copy(documents.get(ranked.position()), ranked.position(), ranked.score(), fallback,
					passages.get(ranked.position())));
		}
		return result;
	}

	private static Document copy(Document original, int position, @Nullable Double rerankScore, boolean fallback,
			@Nullable PassageMatch passage) {
		Map<String, Object> metadata = deepCopy(original.getMetadata());
		// The post-processor owns its keys: values from an earlier pass never carry over.
		metadata.remove(RerankDocumentMetadata.RERANK_SCORE);
		metadata.remove(RerankDocumentMetadata.RERANK_FALLBACK);
		metadata.remove(RerankDocumentMetadata.RETRIEVAL_SCORE);
		metadata.remove(RerankDocumentMetadata.RERANK_WINDOWS);
		metadata.remove(RerankDocumentMetadata.RERANK_BEST_WINDOW_START);
		metadata.remove(RerankDocumentMetadata.RERANK_BEST_WINDOW_END);
		if (passage != null) {
			metadata.put(RerankDocumentMetadata.RERANK_WINDOWS, passage.windows());
			metadata.put(RerankDocumentMetadata.RERANK_BEST_WINDOW_START, passage.best().start());
			metadata.put(RerankDocumentMetadata.RERANK_BEST_WINDOW_END, passage.best().end());
		}
		metadata.put(RerankDocumentMetadata.RETRIEVAL_RANK, position + 1);
		if (original.getScore() != null) {
			metadata.put(RerankDocumentMetadata.RETRIEVAL_SCORE, original.getScore());
		}
		if (rerankScore != null) {
			metadata.put(RerankDocumentMetadata.RERANK_SCORE, rerankScore);
		}
		if (fallback) {
			metadata.put(RerankDocumentMetadata.RERANK_FALLBACK, true);
		}
		Document copy = Document.builder()
			.id(original.getId())
			.text(original.getText())
			.media(original.getMedia())
			.metadata(metadata)
			.score((rerankScore != null) ? rerankScore : original.getScore())
			.build();
		copy.setContentFormatter(original.getContentFormatter());
		return copy;
	}

	/**
	 * Copies maps and lists nested in metadata, so that changing an output document's
	 * metadata never changes its input's. Other values (strings, numbers) are immutable
	 * or the caller's own.
	 */
	private static Map<String, Object> deepCopy(Map<String, Object> metadata) {
		Map<String, Object> copy = new HashMap<>(Math.max(16, metadata.size() * 2));
		metadata.forEach((key, value) -> copy.put(key, deepCopyValue(value)));
		return copy;
	}

	private static Object deepCopyValue(Object value) {
		if (value instanceof Map<?, ?> map) {
			Map<Object, @Nullable Object> copy = new LinkedHashMap<>();
			map.forEach((key, element) -> copy.put(key, (element != null) ? deepCopyValue(element) : null));
			return copy;
		}
		if (value instanceof List<?> list) {
			List<@Nullable Object> copy = new ArrayList<>(list.size());
			list.forEach(element -> copy.add((element != null) ? deepCopyValue(element) : null));
			return copy;
		}
		return value;
	}

}
