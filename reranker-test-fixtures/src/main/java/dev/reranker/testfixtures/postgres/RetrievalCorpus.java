package dev.reranker.testfixtures.postgres;

import java.util.List;
import java.util.Map;

import org.springframework.ai.document.Document;
import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.ai.vectorstore.pgvector.PgVectorStore;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.reranker.testfixtures.embedding.MiniLmEmbeddingModel;

/**
 * A small support-desk corpus for hybrid retrieval tests. Two documents carry exact terms
 * (a part code, a person's name) in short texts with little meaning around them, among
 * distractors that paraphrase the questions asked about them: the case where vector
 * search ranks the paraphrases first and keyword search finds the exact term.
 */
public final class RetrievalCorpus {

	public static final String CODE_DOCUMENT = "QX-7731: brass fitting, 12 mm thread, nickel plated.";

	public static final String NAME_DOCUMENT = "Parking permits for the Lisbon site are issued at "
			+ "reception; during the spring car-park resurfacing the contact is Anneliese Vogelsang, extension 4471.";

	/** A long natural-language question that mentions the code once. */
	public static final String CODE_QUESTION = "I ordered a replacement valve for one of our older pumps last week and "
			+ "the invoice lists the code QX-7731; could you tell me what that part actually is and whether it will "
			+ "fit the older pump models we still run in the basement?";

	/** A question that mentions the name once. */
	public static final String NAME_QUESTION = "We are closing the books on last year's office renovation and the "
			+ "auditors want to know which manager approved the extra spending on furniture and lighting; the "
			+ "paperwork mentions Anneliese Vogelsang, but could it have been somebody from finance instead?";

	private RetrievalCorpus() {
	}

	public static List<Document> documents() {
		return List.of(doc(CODE_DOCUMENT, "parts", 2024), doc(NAME_DOCUMENT, "facilities", 2023),
				// Paraphrases of the questions, in other words: close in meaning, few
				// shared terms.
				doc("Spare valves for legacy pumping equipment are in the maintenance catalogue.", "parts", 2022),
				doc("Billing statements for spare components arrive by email within seven days.", "billing", 2024),
				doc("Confirm compatibility with your machine's age before buying a spare valve.", "parts", 2023),
				doc("Legacy pumping units in the cellar need new valves every five years.", "parts", 2021),
				doc("Item numbers on billing statements identify each component you bought.", "billing", 2024),
				doc("Pumping units made before 2010 use a different valve thread than recent ones.", "parts", 2024),
				doc("The finance team signs off on refurbishment budgets above ten thousand euros.", "facilities",
						2024),
				doc("Workplace upgrade costs are authorised by the regional director.", "facilities", 2022),
				doc("Directors authorise refurbishment plans after a site visit.", "facilities", 2023),
				doc("Who authorises workplace upgrade costs? Usually a finance controller or the site director.",
						"facilities", 2024),
				doc("Auditors check who authorised extra purchases of desks and lamps for refurbished workplaces.",
						"facilities", 2024),
				doc("Our help desk answers questions about purchases and deliveries.", "billing", 2021));
	}

	private static Document doc(String text, String department, int year) {
		return new Document(text, Map.of("department", department, "year", year));
	}

	/** Creates a PgVectorStore table in the schema and adds the corpus through it. */
	public static PgVectorStore ingest(JdbcTemplate jdbc, String schema, String table, EmbeddingModel embeddingModel) {
		PgVectorStore store = PgVectorStore.builder(jdbc, embeddingModel)
			.schemaName(schema)
			.vectorTableName(table)
			.dimensions(MiniLmEmbeddingModel.DIMENSIONS)
			.initializeSchema(true)
			.removeExistingVectorStoreTable(true)
			.build();
		store.afterPropertiesSet();
		store.add(documents());
		return store;
	}

}
