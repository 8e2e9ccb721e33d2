package dev.reranker.train.training;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;

/**
 * Clips the parameters' gradients to a global L2 norm, and tells when that norm is not
 * finite: an update from such gradients would turn every weight it touches into NaN, so
 * the run skips it instead (as mixed-precision loss scaling skips overflowing steps).
 */
final class GradientClipping {

	private final float maxNorm;

	GradientClipping(float maxNorm) {
		this.maxNorm = maxNorm;
	}

	/**
	 * Scales the gradients down to the maximum norm when they exceed it.
	 * @param parameters the parameters by name
	 * @param scratch owns the gradient views until the update is done
	 * @return the names of parameters whose gradients are not finite (then nothing was
	 * scaled); empty when the gradients were finite
	 */
	List<String> clip(Map<String, Parameter> parameters, NDManager scratch) {
		Map<String, NDArray> gradients = gradients(parameters, scratch);
		double sumOfSquares = 0;
		List<String> nonFinite = new ArrayList<>();
		for (Map.Entry<String, NDArray> entry : gradients.entrySet()) {
			double squares = entry.getValue().square().sum().getFloat();
			if (!Double.isFinite(squares)) {
				nonFinite.add(entry.getKey());
			}
			sumOfSquares += squares;
		}
		if (!nonFinite.isEmpty()) {
			return nonFinite;
		}
		double norm = Math.sqrt(sumOfSquares);
		if (norm > this.maxNorm) {
			float scale = (float) (this.maxNorm / (norm + 1e-6));
			gradients.values().forEach((gradient) -> gradient.muli(scale));
		}
		return List.of();
	}

	/**
	 * Sets every gradient to zero, NaN and infinite entries too (subtracting a gradient
	 * from itself would leave those NaN).
	 * @param parameters the parameters by name
	 * @param scratch owns the gradient views until the update is done
	 */
	static void zero(Map<String, Parameter> parameters, NDManager scratch) {
		gradients(parameters, scratch).values().forEach(GradientClipping::zero);
	}

	static void zero(NDArray gradient) {
		// Finite · 0 is 0, but ∞ · 0 and NaN · 0 are NaN: those are then set to 0.
		gradient.muli(0);
		NDArray nan = gradient.isNaN();
		gradient.set(nan, 0);
		nan.close();
	}

	private static Map<String, NDArray> gradients(Map<String, Parameter> parameters, NDManager scratch) {
		Map<String, NDArray> gradients = new LinkedHashMap<>();
		parameters.forEach((name, parameter) -> {
			NDArray gradient = parameter.getArray().getGradient();
			gradient.attach(scratch);
			gradients.put(name, gradient);
		});
		return gradients;
	}

}
