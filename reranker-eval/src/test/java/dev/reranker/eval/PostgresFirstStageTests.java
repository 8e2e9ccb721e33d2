package dev.reranker.eval;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import dev.reranker.eval.report.ConfigurationResult;
import dev.reranker.eval.report.EvaluationReport;
import dev.reranker.eval.report.ReportWriter;
import dev.reranker.testfixtures.postgres.PostgresExtension;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The PostgreSQL first stages against a real PostgreSQL with pgvector, through the
 * project's one PostgreSQL bootstrap ({@link PostgresExtension}: a schema of the class's
 * own, dropped afterwards; skipped with a message when no database is reachable, except
 * on CI).
 */
class PostgresFirstStageTests {

	@RegisterExtension
	static final PostgresExtension postgres = new PostgresExtension();

	@TempDir
	Path folder;

	@BeforeEach
	void setUp() throws IOException {
		Files.writeString(this.folder.resolve("corpus.jsonl"),
				"""
						{"_id": "wing", "title": "Wings", "text": "Lift and drag of a swept wing at transonic speed."}
						{"_id": "slab", "title": "Heat", "text": "Heat conduction in composite slabs with a linear heat input."}
						{"_id": "shell", "title": "Shells", "text": "Buckling of thin cylindrical shells under axial compression."}
						{"_id": "plate", "title": "Plates", "text": "Boundary layer on a flat plate in simple shear flow."}
						{"_id": "jet", "title": "Jets", "text": "Noise of a supersonic jet and its shock cells."}
						""");
		Files.writeString(this.folder.resolve("queries.jsonl"), """
				{"_id": "1", "text": "heat conduction in composite slabs"}
				{"_id": "2", "text": "buckling of cylindrical shells"}
				{"_id": "3", "text": "flow over a plate"}
				""");
		Files.createDirectories(this.folder.resolve("qrels"));
		Files.writeString(this.folder.resolve("qrels/test.tsv"), "1\tslab\t2\n2\tshell\t1\n3\tplate\t1\n3\twing\t1\n");
	}

	@Test
	void pgvectorRanksLikeTheInMemoryStoreWithTheSameEmbeddingsAndReusesItsTable() {
		int tablesBefore = evalTables();
		Path first = this.folder.resolve("first");
		run(first);
		int tablesAfterFirstRun = evalTables();
		EvaluationReport report = ReportWriter.read(first.resolve(ReportWriter.JSON));
		ConfigurationResult dense = report.results().get(0);
		ConfigurationResult pgvector = report.results().get(1);
		assertThat(dense.firstStage()).isEqualTo("dense");
		assertThat(pgvector.firstStage()).isEqualTo("pgvector");
		assertThat(pgvector.quality()).isEqualTo(dense.quality());
		assertThat(pgvector.retrieval().samples()).isEqualTo(3);

		Path second = this.folder.resolve("second");
		run(second);
		EvaluationReport again = ReportWriter.read(second.resolve(ReportWriter.JSON));
		assertThat(again.results().get(1).quality()).isEqualTo(pgvector.quality());
		assertThat(tablesAfterFirstRun).as("the first run creates one table").isEqualTo(tablesBefore + 1);
		assertThat(evalTables()).as("the second run reuses it").isEqualTo(tablesAfterFirstRun);
	}

	@Test
	void keywordFindsExactTermsAndHybridAddsWhatOnlyTheVectorArmFinds() {
		Path output = this.folder.resolve("report");
		run(output);
		EvaluationReport report = ReportWriter.read(output.resolve(ReportWriter.JSON));
		ConfigurationResult keyword = report.results().get(2);
		ConfigurationResult hybrid = report.results().get(3);
		assertThat(keyword.firstStage()).isEqualTo("keyword");
		assertThat(hybrid.firstStage()).isEqualTo("hybrid");
		// every query's words occur only in its relevant document(s)
		assertThat(keyword.quality().mrr10()).isEqualTo(1.0);
		// query 3's second relevant document ("wing") shares no word with it: keyword
		// misses it
		assertThat(keyword.quality().recall100()).isCloseTo((1 + 1 + 0.5) / 3,
				org.assertj.core.data.Offset.offset(1e-12));
		// the vector arm returns every document of this tiny corpus, so the fusion has
		// them all
		assertThat(hybrid.quality().recall100()).isEqualTo(1.0);
		assertThat(report.firstStages()).extracting(EvaluationReport.FirstStageIndexing::firstStage)
			.containsExactly("dense", "pgvector", "keyword", "hybrid");
	}

	private int evalTables() {
		Integer tables = postgres.jdbcTemplate()
			.queryForObject("SELECT count(*) FROM information_schema.tables WHERE table_schema = ?"
					+ " AND table_name ~ '^eval_.*_[0-9a-f]{16}$'", Integer.class, postgres.schema());
		return (tables != null) ? tables : 0;
	}

	private void run(Path output) {
		try (ConfigurableApplicationContext context = SpringApplication.run(RerankerEvalApplication.class,
				"--eval.dataset=" + this.folder, "--eval.output=" + output,
				"--eval.first-stages=dense,pgvector,keyword,hybrid", "--eval.embedding.cache=false",
				"--eval.postgres.schema=" + postgres.schema(), "--spring.datasource.url=" + postgres.url(),
				"--spring.datasource.username=" + postgres.user(),
				"--spring.datasource.password=" + postgres.password())) {
			assertThat(context.isActive()).isTrue();
		}
	}

}
