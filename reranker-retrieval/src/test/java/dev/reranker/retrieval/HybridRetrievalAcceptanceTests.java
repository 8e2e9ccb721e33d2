package dev.reranker.retrieval;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.reranker.retrieval.fusion.FusionDocumentRetriever;
import dev.reranker.retrieval.fusion.ReciprocalRankFusionDocumentJoiner;
import dev.reranker.retrieval.keyword.PgKeywordDocumentRetriever;

import org.springframework.ai.document.Document;
import org.springframework.ai.rag.Query;
import org.springframework.ai.rag.retrieval.search.VectorStoreDocumentRetriever;
import org.springframework.ai.vectorstore.pgvector.PgVectorStore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import dev.reranker.testfixtures.postgres.PostgresExtension;
import dev.reranker.testfixtures.postgres.RetrievalCorpus;
import dev.reranker.testfixtures.embedding.MiniLmEmbeddingModel;

/**
 * Hybrid retrieval end to end: the corpus goes into PostgreSQL through Spring AI's
 * PgVectorStore with a real embedding model (all-MiniLM-L6-v2, ONNX), and the keyword
 * retriever reads the very same table.
 */
class HybridRetrievalAcceptanceTests {

	@RegisterExtension
	static final PostgresExtension postgres = new PostgresExtension();

	private static PgVectorStore store;

	private static PgKeywordDocumentRetriever keyword;

	@BeforeAll
	static void ingest() {
		store = RetrievalCorpus.ingest(postgres.jdbcTemplate(), postgres.schema(), "support_docs",
				MiniLmEmbeddingModel.get());
		keyword = keywordRetriever(3);
	}

	private static PgKeywordDocumentRetriever keywordRetriever(int topK) {
		PgKeywordDocumentRetriever retriever = PgKeywordDocumentRetriever.builder(postgres.jdbcTemplate())
			.schemaName(postgres.schema())
			.tableName("support_docs")
			.topK(topK)
			.initializeSchema(true)
			.build();
		retriever.afterPropertiesSet();
		return retriever;
	}

	private static VectorStoreDocumentRetriever vector(int topK) {
		return VectorStoreDocumentRetriever.builder().vectorStore(store).topK(topK).build();
	}

	private static List<String> texts(List<Document> documents) {
		return documents.stream().map(Document::getText).toList();
	}

	@Test
	void keywordFindsACodeInALongQuestionThatVectorSearchMisses() {
		Query question = new Query(RetrievalCorpus.CODE_QUESTION);

		assertThat(texts(vector(3).retrieve(question))).doesNotContain(RetrievalCorpus.CODE_DOCUMENT);
		assertThat(texts(keyword.retrieve(question))).contains(RetrievalCorpus.CODE_DOCUMENT);
	}

	@Test
	void keywordFindsANameThatVectorSearchMisses() {
		Query question = new Query(RetrievalCorpus.NAME_QUESTION);

		assertThat(texts(vector(3).retrieve(question))).doesNotContain(RetrievalCorpus.NAME_DOCUMENT);
		assertThat(texts(keyword.retrieve(question))).contains(RetrievalCorpus.NAME_DOCUMENT);
	}

	@Test
	void fusionOfBothArmsMatchesAHandComputedReciprocalRankFusion() {
		Query question = new Query(RetrievalCorpus.CODE_QUESTION);
		List<Document> vectorList = vector(5).retrieve(question);
		List<Document> keywordList = keyword.retrieve(question);

		List<Document> fused = FusionDocumentRetriever.builder()
			.retriever(vector(5))
			.retriever(keyword)
			.build()
			.retrieve(question);

		Map<String, Double> expected = new HashMap<>();
		for (int i = 0; i < vectorList.size(); i++) {
			expected.merge(vectorList.get(i).getId(), 1.0 / (60 + i + 1), Double::sum);
		}
		for (int i = 0; i < keywordList.size(); i++) {
			expected.merge(keywordList.get(i).getId(), 1.0 / (60 + i + 1), Double::sum);
		}
		assertThat(fused).hasSize(expected.size());
		for (int i = 0; i < fused.size(); i++) {
			Document document = fused.get(i);
			assertThat(document.getScore()).isCloseTo(expected.get(document.getId()), within(1e-12));
			if (i > 0) {
				assertThat(document.getScore()).isLessThanOrEqualTo(fused.get(i - 1).getScore());
			}
		}
		assertThat(texts(fused)).contains(RetrievalCorpus.CODE_DOCUMENT);
		Document both = fused.stream()
			.filter(d -> vectorList.stream().anyMatch(v -> v.getId().equals(d.getId()))
					&& keywordList.stream().anyMatch(k -> k.getId().equals(d.getId())))
			.findFirst()
			.orElseThrow();
		assertThat(both.getMetadata()).containsKeys("distance", RetrievalDocumentMetadata.KEYWORD_SCORE,
				RetrievalDocumentMetadata.FUSED_SCORE);
	}

	private static void isPartsUpTo2023(Document document) {
		assertThat(document.getMetadata()).containsEntry("department", "parts");
		assertThat(((Number) document.getMetadata().get("year")).intValue()).isLessThanOrEqualTo(2023);
	}

	@Test
	void aFilterInTheQueryContextAppliesToBothArms() {
		Query question = Query.builder()
			.text(RetrievalCorpus.CODE_QUESTION)
			.context(Map.of(VectorStoreDocumentRetriever.FILTER_EXPRESSION, "department == 'parts' && year <= 2023"))
			.build();
		PgKeywordDocumentRetriever wideKeyword = keywordRetriever(20);

		List<Document> vectorList = vector(20).retrieve(question);
		List<Document> keywordList = wideKeyword.retrieve(question);
		List<Document> fused = FusionDocumentRetriever.builder()
			.retriever(vector(20))
			.retriever(wideKeyword)
			.joiner(new ReciprocalRankFusionDocumentJoiner())
			.build()
			.retrieve(question);

		assertThat(vectorList).isNotEmpty().allSatisfy(HybridRetrievalAcceptanceTests::isPartsUpTo2023);
		assertThat(keywordList).isNotEmpty().allSatisfy(HybridRetrievalAcceptanceTests::isPartsUpTo2023);
		assertThat(fused).hasSize(3).allSatisfy(HybridRetrievalAcceptanceTests::isPartsUpTo2023);
		assertThat(texts(keywordList)).doesNotContain(RetrievalCorpus.CODE_DOCUMENT);

		Query numeric = Query.builder()
			.text(RetrievalCorpus.CODE_QUESTION)
			.context(Map.of(VectorStoreDocumentRetriever.FILTER_EXPRESSION, "year >= 2024 && department == 'parts'"))
			.build();
		assertThat(wideKeyword.retrieve(numeric)).isNotEmpty()
			.allSatisfy(
					d -> assertThat(((Number) d.getMetadata().get("year")).intValue()).isGreaterThanOrEqualTo(2024));
		assertThat(vector(20).retrieve(numeric)).isNotEmpty()
			.allSatisfy(
					d -> assertThat(((Number) d.getMetadata().get("year")).intValue()).isGreaterThanOrEqualTo(2024));
	}

}
