package dev.reranker.train.training;

import java.util.LinkedHashMap;
import java.util.Map;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;

import org.springframework.util.Assert;

/**
 * AdamW (Loshchilov and Hutter: Adam with decoupled weight decay) over named parameters,
 * with its moment estimates kept as named arrays so that a checkpoint can save and
 * restore them. Biases and layer-norm weights are not decayed, as in BERT fine-tuning.
 * <p>
 * Runs outside a gradient collector: updates are in place on the parameter arrays.
 */
final class AdamW {

	private static final float BETA1 = 0.9f;

	private static final float BETA2 = 0.999f;

	private static final float EPSILON = 1e-8f;

	private final Map<String, Parameter> parameters;

	private final float weightDecay;

	private final Map<String, NDArray> firstMoments = new LinkedHashMap<>();

	private final Map<String, NDArray> secondMoments = new LinkedHashMap<>();

	private final float headRateScale;

	private int updates;

	AdamW(NDManager manager, Map<String, Parameter> parameters, float weightDecay) {
		this(manager, parameters, weightDecay, 1f);
	}

	/**
	 * @param headRateScale the pooler's and classifier's rate over the rate of
	 * {@link #step(float)}
	 */
	AdamW(NDManager manager, Map<String, Parameter> parameters, float weightDecay, float headRateScale) {
		Assert.isTrue(weightDecay >= 0, "weight decay must not be negative");
		Assert.isTrue(headRateScale > 0, "head rate scale must be positive");
		this.parameters = parameters;
		this.weightDecay = weightDecay;
		this.headRateScale = headRateScale;
		parameters.forEach((name, parameter) -> {
			NDArray array = parameter.getArray();
			this.firstMoments.put(name, manager.zeros(array.getShape()));
			this.secondMoments.put(name, manager.zeros(array.getShape()));
		});
	}

	/** Updates applied so far. */
	int updates() {
		return this.updates;
	}

	/**
	 * Applies one update from the parameters' gradients, which it then zeroes.
	 * @param learningRate the rate of this update
	 */
	void step(float encoderRate) {
		this.updates++;
		float correction1 = 1 - (float) Math.pow(BETA1, this.updates);
		float correction2 = 1 - (float) Math.pow(BETA2, this.updates);
		for (Map.Entry<String, Parameter> entry : this.parameters.entrySet()) {
			NDArray weight = entry.getValue().getArray();
			float learningRate = isHead(entry.getKey()) ? encoderRate * this.headRateScale : encoderRate;
			try (NDManager scratch = weight.getManager().newSubManager()) {
				NDArray gradient = weight.getGradient();
				gradient.attach(scratch);
				NDArray m = moment(this.firstMoments, entry.getKey());
				NDArray v = moment(this.secondMoments, entry.getKey());
				m.muli(BETA1).addi(gradient.mul(1 - BETA1));
				v.muli(BETA2).addi(gradient.square().mul(1 - BETA2));
				NDArray denominator = attach(v.div(correction2), scratch).sqrt().add(EPSILON);
				NDArray update = attach(m.div(correction1), scratch).div(denominator);
				if (decays(entry.getKey())) {
					weight.muli(1 - learningRate * this.weightDecay);
				}
				weight.subi(update.mul(learningRate));
				gradient.subi(gradient);
			}
		}
	}

	private static NDArray moment(Map<String, NDArray> moments, String name) {
		NDArray moment = moments.get(name);
		Assert.state(moment != null, () -> "no optimizer state for " + name);
		return moment;
	}

	private static NDArray attach(NDArray array, NDManager manager) {
		array.attach(manager);
		return array;
	}

	private static boolean isHead(String name) {
		return name.startsWith("pooler.") || name.startsWith("classifier.");
	}

	private static boolean decays(String name) {
		return !name.endsWith(".bias") && !name.contains("LayerNorm");
	}

	/** The moment estimates, named {@code m:<parameter>} and {@code v:<parameter>}. */
	NDList state() {
		NDList state = new NDList();
		this.firstMoments.forEach((name, array) -> {
			array.setName("m:" + name);
			state.add(array);
		});
		this.secondMoments.forEach((name, array) -> {
			array.setName("v:" + name);
			state.add(array);
		});
		return state;
	}

	/**
	 * Restores moment estimates saved by {@link #state()}.
	 * @param state the saved arrays
	 * @param updates the updates applied when they were saved
	 */
	void restore(NDList state, int updates) {
		for (NDArray saved : state) {
			String name = saved.getName();
			Assert.state(name != null && name.length() > 2, "unnamed optimizer state in the checkpoint");
			Map<String, NDArray> target = name.startsWith("m:") ? this.firstMoments : this.secondMoments;
			String parameter = name.substring(2);
			NDArray current = target.get(parameter);
			Assert.state(current != null, () -> "the checkpoint has optimizer state for unknown parameter " + name);
			Assert.state(current.getShape().equals(saved.getShape()), () -> "the checkpoint's optimizer state " + name
					+ " has shape " + saved.getShape() + ", expected " + current.getShape());
			// A copy in memory libtorch owns: arrays DJL builds around Java buffers were
			// seen
			// to turn to NaN when updated in place (see CrossEncoderBlock#load).
			NDArray restored = saved.duplicate();
			restored.attach(current.getManager());
			target.put(parameter, restored);
			current.close();
		}
		this.updates = updates;
	}

}
