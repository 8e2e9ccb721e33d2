package dev.reranker.example;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import dev.reranker.local.LocalModelException;
import dev.reranker.local.LocalSetting;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

class LocalModelUnavailableFailureAnalyzerTests {

	@Test
	void unreachableHubExplainsTheModelDirectoryPropertyAndTheOfflineProfile() {
		MockEnvironment environment = new MockEnvironment().withProperty("reranker.local.model", "org/model");
		LocalModelException failure = new LocalModelException(Path.of("cache", "model.onnx"),
				"Download of https://hub.invalid/org/model/resolve/main/model.onnx failed (ConnectException)",
				"a reachable hub at " + LocalSetting.HUB_URL + ", or " + LocalSetting.OFFLINE
						+ "=true with a filled cache");

		FailureAnalysis analysis = new LocalModelUnavailableFailureAnalyzer(environment)
			.analyze(new IllegalStateException("start-up failed", failure));

		assertThat(analysis.getDescription()).contains("'org/model'").contains("ConnectException");
		assertThat(analysis.getAction()).contains("--reranker.local.model=file:")
			.contains("-Dspring-boot.run.profiles=offline")
			.contains("a reachable hub at reranker.local.hub-url, or reranker.local.offline=true")
			.doesNotContain("HuggingFaceHub(");
	}

}
