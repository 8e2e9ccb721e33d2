package dev.reranker.llm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import dev.reranker.RerankRequest;
import dev.reranker.RerankResponse;
import dev.reranker.RerankResult;

import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A property test of the whole listwise pass: whatever each window's answer (complete,
 * partial, duplicated, out of range, garbage) and whatever the list, window size and
 * step, every document gets exactly one score, the scores are {@code (n - rank) / n} and
 * so strictly decreasing with rank. The chat model here answers at random in memory: the
 * HTTP path is covered by {@link LlmRerankModelTests}, this covers the combinations.
 */
class LlmRerankPropertyTests {

	@Test
	void noListAndNoAnswersLoseOrDuplicateADocument() {
		Random random = new Random(4_12_2026L);
		// One thread runs the prompts in order, so that the seeded answers repeat.
		ExecutorService oneThread = Executors.newSingleThreadExecutor();
		for (int round = 0; round < 300; round++) {
			int size = 1 + random.nextInt(60);
			int windowSize = 2 + random.nextInt(24);
			int step = 1 + random.nextInt(windowSize);
			ChatModel randomJudge = prompt -> {
				String text = prompt.getUserMessage().getText();
				int passages = (int) text.lines().filter(line -> line.matches("\\[\\d+] .*")).count();
				return new ChatResponse(List.of(new Generation(new AssistantMessage(randomAnswer(random, passages)))));
			};
			LlmRerankModel model = LlmRerankModel.builder()
				.chatModel(randomJudge)
				.windowSize(windowSize)
				.step(step)
				.executor(oneThread)
				.build();
			List<String> documents = IntStream.range(0, size).mapToObj(i -> "document " + i).toList();

			RerankResponse response = model.call(new RerankRequest("query", documents));

			String description = size + " documents, window " + windowSize + ", step " + step;
			double[] scores = response.scoresByIndex(size);
			List<Double> sorted = Arrays.stream(scores).boxed().sorted(Comparator.reverseOrder()).toList();
			List<Double> expected = IntStream.range(0, size).mapToObj(rank -> (double) (size - rank) / size).toList();
			assertThat(sorted).as(description).containsExactlyElementsOf(expected);
			assertThat(response.getResults()).extracting(RerankResult::index)
				.as(description)
				.containsExactlyElementsOf(IntStream.range(0, size).boxed().toList());
		}
		oneThread.shutdownNow();
	}

	private static String randomAnswer(Random random, int passages) {
		return switch (random.nextInt(5)) {
			case 0 -> "I cannot rank these.";
			case 1 -> "";
			default -> {
				List<String> labels = new ArrayList<>();
				int count = random.nextInt(passages * 2 + 1);
				for (int i = 0; i < count; i++) {
					labels
						.add("[" + (random.nextInt(8) == 0 ? random.nextInt(99) : 1 + random.nextInt(passages)) + "]");
				}
				yield String.join(" > ", labels);
			}
		};
	}

}
