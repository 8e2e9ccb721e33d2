package dev.reranker.passage;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.reranker.context.DocumentTemplate;

import org.springframework.ai.document.Document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@link LongDocuments}' plan of one model call, with words as tokens
 * ({@link WordWindowing}: 10 words per input, query included).
 */
class LongDocumentsTests {

	private static final String QUERY = "solar panels";

	private static final LongDocuments MAX_PASSAGE = LongDocuments.maxPassage(new WordWindowing(10)).stride(4).build();

	@Test
	void documentsThatFitAreSentWholeAsOneWindow() {
		Document shortOne = document("one two three");

		PassagePlan plan = MAX_PASSAGE.plan(QUERY, List.of(shortOne), PassageText.TEXT_ALONE);

		assertThat(plan.texts()).containsExactly("one two three");
		PassagePlan.PassageScores scores = plan.scores(new double[] { 0.4 });
		assertThat(scores.scores()).containsExactly(0.4);
		assertThat(scores.matches()).containsExactly(new PassageMatch(1, new PassageWindow(0, 13)));
	}

	@Test
	void longDocumentsAreSplitIntoOverlappingWindowsOfTheRoomNextToTheQuery() {
		// Room: 10 - 2 query words = 8 words per window, starts 4 words apart.
		Document longOne = document("w0 w1 w2 w3 w4 w5 w6 w7 w8 w9 w10 w11");

		PassagePlan plan = MAX_PASSAGE.plan(QUERY, List.of(longOne), PassageText.TEXT_ALONE);

		assertThat(plan.texts()).containsExactly("w0 w1 w2 w3 w4 w5 w6 w7", "w4 w5 w6 w7 w8 w9 w10 w11");
	}

	@Test
	void everyWindowOfEveryDocumentIsInTheOnePlanAndTheBestWindowScoresTheDocument() {
		Document first = document("a b c d e f g h i j k l");
		Document second = document("short");

		PassagePlan plan = MAX_PASSAGE.plan(QUERY, List.of(first, second), PassageText.TEXT_ALONE);
		PassagePlan.PassageScores scores = plan.scores(new double[] { 0.2, 0.7, 0.5 });

		assertThat(plan.texts()).containsExactly("a b c d e f g h", "e f g h i j k l", "short");
		assertThat(scores.scores()).containsExactly(0.7, 0.5);
		PassageWindow best = scores.matches().get(0).best();
		assertThat(best.of(first.getText())).isEqualTo("e f g h i j k l");
		assertThat(scores.matches().get(0).windows()).isEqualTo(2);
	}

	@Test
	void equalWindowScoresKeepTheEarlierWindow() {
		Document longOne = document("a b c d e f g h i j k l");

		PassagePlan.PassageScores scores = MAX_PASSAGE.plan(QUERY, List.of(longOne), PassageText.TEXT_ALONE)
			.scores(new double[] { 0.6, 0.6 });

		assertThat(scores.matches().get(0).best().start()).isZero();
	}

	@Test
	void aTemplateFramesEveryWindowAndItsTokensTakeRoomFromIt() {
		Document titled = Document.builder().text("a b c d e f g h i j k l").metadata("title", "Solar guide").build();

		PassagePlan plan = MAX_PASSAGE.plan(QUERY, List.of(titled), DocumentTemplate.of("{title}: {text}"));

		// Room: 10 - 2 query words - 2 title words = 6; stride 4.
		assertThat(plan.texts()).containsExactly("Solar guide: a b c d e f", "Solar guide: e f g h i j",
				"Solar guide: g h i j k l");
	}

	@Test
	void aTemplateWithoutTheTextNeverSplits() {
		Document titled = Document.builder().text("a b c d e f g h i j k l").metadata("title", "Solar guide").build();

		PassagePlan plan = MAX_PASSAGE.plan(QUERY, List.of(titled), DocumentTemplate.of("{title}"));

		assertThat(plan.texts()).containsExactly("Solar guide");
	}

	@Test
	void aConfiguredWindowIsCappedByTheRoomOfALongQuery() {
		LongDocuments wide = LongDocuments.maxPassage(new WordWindowing(10)).window(8).stride(2).build();

		PassagePlan plan = wide.plan("a query of six words here", List.of(document("a b c d e f g h")),
				PassageText.TEXT_ALONE);

		// Room 4 < window 8: windows of 4, stride 2.
		assertThat(plan.texts()).containsExactly("a b c d", "c d e f", "e f g h");
	}

	@Test
	void truncateSendsDocumentsWholeAndRecordsNoWindows() {
		Document longOne = document("a b c d e f g h i j k l");

		PassagePlan plan = LongDocuments.TRUNCATE.plan(QUERY, List.of(longOne), PassageText.TEXT_ALONE);

		assertThat(plan.texts()).containsExactly(longOne.getText());
		assertThat(plan.scores(new double[] { 0.3 }).matches()).isNull();
	}

	@Test
	void windowBeyondTheModelsRoomIsRejectedNamingTheUnit() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> LongDocuments.maxPassage(new WordWindowing(10)).window(10).build())
			.withMessage("window (10) must not exceed the model's room for a document, 9 words"
					+ " (LongDocuments.Builder#window)");
	}

	@Test
	void strideNotBelowTheWindowIsRejected() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> LongDocuments.maxPassage(new WordWindowing(10)).window(4).stride(4).build())
			.withMessage("stride (4) must be less than the window (4) so that windows overlap"
					+ " (LongDocuments.Builder#stride)");
	}

	private static Document document(String text) {
		return Document.builder().text(text).build();
	}

}
