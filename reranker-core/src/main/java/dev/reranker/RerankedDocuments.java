package dev.reranker;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

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
		List<Document> result = new ArrayList<>(kept.size());
		for (RankingPolicy.Ranked ranked : kept) {
			result.add(copy(documents.get(ranked.position()), ranked.position(), ranked.score(), fallback));
		}
		return result;
	}

	private static Document copy(Document original, int position, @Nullable Double rerankScore, boolean fallback) {
		Map<String, Object> metadata = new HashMap<>(original.getMetadata());
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

}
