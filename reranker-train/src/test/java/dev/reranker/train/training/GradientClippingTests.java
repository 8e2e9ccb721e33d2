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

/**
 * Gradients on DJL's PyTorch engine: clipped to a norm, non-finite ones reported and
 * zeroed.
 */
class GradientClippingTests {

	@Test
	void gradientsAboveTheNormAreScaledDownToIt() {
		try (NDManager manager = engine().newBaseManager()) {
			Map<String, Parameter> parameters = parameters(manager, 3f, 4f);
			try (NDManager scratch = manager.newSubManager()) {
				assertThat(new GradientClipping(1f).clip(parameters, scratch)).isEmpty();
				// d(x²)/dx = 2x: gradients 6 and 8, norm 10, scaled to norm 1.
				assertThat(gradient(parameters, "a", scratch)).isCloseTo(0.6f, offset(1e-5f));
				assertThat(gradient(parameters, "b", scratch)).isCloseTo(0.8f, offset(1e-5f));
			}
		}
	}

	@Test
	void aNonFiniteGradientIsNamedAndZeroingLeavesEveryGradientZero() {
		try (NDManager manager = engine().newBaseManager()) {
			// d(√x)/dx at 0 is infinite.
			Map<String, Parameter> parameters = new LinkedHashMap<>();
			parameters.put("finite", parameter(manager, "finite", 2f));
			parameters.put("infinite", parameter(manager, "infinite", 0f));
			try (GradientCollector collector = engine().newGradientCollector()) {
				NDArray finite = parameters.get("finite").getArray();
				NDArray infinite = parameters.get("infinite").getArray();
				collector.backward(finite.square().add(infinite.sqrt()).sum());
			}
			try (NDManager scratch = manager.newSubManager()) {
				assertThat(new GradientClipping(1f).clip(parameters, scratch)).containsExactly("infinite");
				assertThat(gradient(parameters, "finite", scratch)).isEqualTo(4f);
				GradientClipping.zero(parameters, scratch);
				assertThat(gradient(parameters, "finite", scratch)).isZero();
				assertThat(gradient(parameters, "infinite", scratch)).isZero();
			}
		}
	}

	private static Engine engine() {
		return Engine.getEngine("PyTorch");
	}

	private static Map<String, Parameter> parameters(NDManager manager, float a, float b) {
		Map<String, Parameter> parameters = new LinkedHashMap<>();
		parameters.put("a", parameter(manager, "a", a));
		parameters.put("b", parameter(manager, "b", b));
		try (GradientCollector collector = engine().newGradientCollector()) {
			NDArray sum = parameters.get("a").getArray().square().add(parameters.get("b").getArray().square()).sum();
			collector.backward(sum);
		}
		return parameters;
	}

	static Parameter parameter(NDManager manager, String name, float value) {
		Parameter parameter = Parameter.builder().setName(name).setType(Parameter.Type.WEIGHT).build();
		NDArray array = manager.create(new float[] { value }).duplicate();
		array.setRequiresGradient(true);
		parameter.setArray(array);
		return parameter;
	}

	private static float gradient(Map<String, Parameter> parameters, String name, NDManager scratch) {
		NDArray gradient = parameters.get(name).getArray().getGradient();
		gradient.attach(scratch);
		return gradient.getFloat(0);
	}

}
