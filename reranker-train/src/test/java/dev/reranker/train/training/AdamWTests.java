package dev.reranker.train.training;

import java.util.LinkedHashMap;
import java.util.Map;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

/** {@link AdamW} on DJL's PyTorch engine. */
class AdamWTests {

	@Test
	void theHeadMovesByItsOwnRate() {
		Engine engine = Engine.getEngine("PyTorch");
		try (NDManager manager = engine.newBaseManager()) {
			Map<String, Parameter> parameters = new LinkedHashMap<>();
			parameters.put("encoder.layer.0.output.dense.bias", GradientClippingTests.parameter(manager, "bias", 1f));
			parameters.put("classifier.bias", GradientClippingTests.parameter(manager, "head", 1f));
			try (GradientCollector collector = engine.newGradientCollector()) {
				NDArray sum = parameters.values()
					.stream()
					.map(Parameter::getArray)
					.reduce(NDArray::add)
					.orElseThrow()
					.sum();
				collector.backward(sum);
			}
			new AdamW(manager, parameters, 0f, 10f).step(0.01f);

			// AdamW's first update is the rate times the gradient's sign
			assertThat(parameters.get("encoder.layer.0.output.dense.bias").getArray().getFloat(0)).isCloseTo(0.99f,
					offset(1e-5f));
			assertThat(parameters.get("classifier.bias").getArray().getFloat(0)).isCloseTo(0.9f, offset(1e-5f));
		}
	}

}
