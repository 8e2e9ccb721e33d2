package dev.reranker.passage;

/**
 * How a document was read under {@link LongDocuments#maxPassage}: into how many windows
 * it was split and which of them scored best (its score is the document's).
 *
 * @param windows the number of windows scored, 1 for a document that fit
 * @param best the best window, as character offsets into the document's text
 */
public record PassageMatch(int windows, PassageWindow best) {
}
