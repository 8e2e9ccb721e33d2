package dev.reranker.local;

import java.nio.file.Path;
import java.util.List;

import ai.djl.huggingface.tokenizers.Encoding;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.reranker.passage.PassageWindow;
import dev.reranker.passage.PassageWindowing;
import dev.reranker.passage.SlidingWindows;
import dev.reranker.passage.TokenSpans;
import dev.reranker.testfixtures.TinyCrossEncoder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The local model's windowing: its own WordPiece tokens with offsets into the original
 * text (accents, CJK and emoji included), and the room its pair encoding leaves next to a
 * query.
 */
class TokenizerPassageWindowingTests {

	@TempDir
	static Path temp;

	static LocalRerankModel model;

	static PassageWindowing windowing;

	@BeforeAll
	static void load() {
		model = LocalRerankModel.builder()
			.files(LocalModelFiles.inDirectory(TinyCrossEncoder.write(temp.resolve("tiny")), null,
					LocalEngine.ONNX_RUNTIME))
			.maxLength(32)
			.build();
		windowing = model.passageWindowing();
	}

	@AfterAll
	static void close() {
		model.close();
	}

	@Test
	void roomIsWhatThePairEncodingKeepsOfADocument() {
		String query = "solar panel efficiency";
		String longDocument = "solar ".repeat(100);

		int kept = model.encode(query, longDocument).getIds().length - 3 - 3;

		assertThat(windowing.room(query)).isEqualTo(kept).isEqualTo(32 - 3 - 3);
		assertThat(windowing.maxRoom()).isEqualTo(32 - 3 - 1);
	}

	@Test
	void tokenOffsetsPointAtTheTokensInTheOriginalText() {
		String text = "Café naïve: 東京 weather 😀 is sunny, heat-pumps!";

		TokenSpans spans = windowing.tokenize(List.of(text), 1000).get(0);

		Encoding encoding = model.encode("q", text);
		// [CLS] q [SEP] … [SEP]: the document's tokens are the fourth to the second last.
		assertThat(spans.count()).isEqualTo(encoding.getIds().length - 4);
		assertThat(text.substring(spans.starts()[0], spans.ends()[0])).isEqualTo("Café");
		assertThat(spans.ends()[spans.count() - 1]).isEqualTo(text.length());
		for (int i = 0; i < spans.count(); i++) {
			String piece = text.substring(spans.starts()[i], spans.ends()[i]);
			assertThat(piece).as("token %d", i).isNotBlank();
		}
		assertThat(text.substring(spans.starts()[spans.count() - 2], spans.ends()[spans.count() - 2]))
			.isEqualTo("pumps");
	}

	@Test
	void windowsOfWordPieceTokensNeverSplitACharacter() {
		String text = "😀 東京 ".repeat(30) + "end";

		TokenSpans spans = windowing.tokenize(List.of(text), 1000).get(0);

		for (PassageWindow window : SlidingWindows.of(spans, 5, 3, 100)) {
			assertThat(Character.isLowSurrogate(text.charAt(window.start()))).isFalse();
			assertThat(window.end() == text.length() || !Character.isLowSurrogate(text.charAt(window.end()))).isTrue();
		}
	}

	@Test
	void tokenizationStopsAtTheLimit() {
		TokenSpans spans = windowing.tokenize(List.of("word ".repeat(10_000)), 50).get(0);

		assertThat(spans.count()).isEqualTo(50);
	}

}
