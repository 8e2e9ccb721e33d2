package dev.reranker.train.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Embedding;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.jspecify.annotations.Nullable;

import dev.reranker.train.checkpoint.EncoderConfig;
import dev.reranker.train.checkpoint.ParameterNames;
import dev.reranker.train.checkpoint.Tensor;

import org.springframework.util.Assert;

/**
 * A BERT cross-encoder: embeddings, {@code layers} post-norm transformer layers with
 * exact (erf) GELU, a tanh pooler over {@code [CLS]} and a one-logit classifier. Takes
 * {@code input_ids}, {@code token_type_ids} and {@code attention_mask} ({@code [batch,
 * sequence]}, int64) and returns the logits {@code [batch, 1]}, the computation of
 * Hugging Face's {@code BertForSequenceClassification}. Dropout applies in training only.
 * <p>
 * Parameters carry the Hugging Face names ({@link ParameterNames}) and PyTorch layouts
 * (linear weights {@code [out, in]}), so that weights move between the block and an ONNX
 * graph by name.
 */
public final class CrossEncoderBlock extends AbstractBlock {

	private static final byte VERSION = 1;

	/** Standard deviation of a fresh head's weights, as Hugging Face initializes BERT. */
	private static final double INIT_STD = 0.02;

	/**
	 * Added to attention scores of padding positions: their softmax weight underflows to
	 * 0.
	 */
	private static final float MASKED = -1e9f;

	private final EncoderConfig config;

	private final float dropout;

	private final Map<String, Parameter> byName = new LinkedHashMap<>();

	/**
	 * Creates the block; its parameters have no values until
	 * {@link #load(NDManager, Map)}.
	 * @param config the encoder's shape
	 * @param dropout the dropout rate in training (BERT uses 0.1)
	 */
	public CrossEncoderBlock(EncoderConfig config, float dropout) {
		super(VERSION);
		Assert.isTrue(dropout >= 0 && dropout < 1, "dropout must be in [0, 1)");
		this.config = config;
		this.dropout = dropout;
		for (String name : ParameterNames.all(config.layers())) {
			Parameter parameter = addParameter(Parameter.builder()
				.setName(name)
				.setType(name.endsWith(".bias") ? Parameter.Type.BIAS : Parameter.Type.WEIGHT)
				.build());
			this.byName.put(name, parameter);
		}
	}

	/** The encoder's shape. */
	public EncoderConfig config() {
		return this.config;
	}

	/** The parameters by Hugging Face name, in forward order. */
	public Map<String, Parameter> parametersByName() {
		return this.byName;
	}

	/** The PyTorch-layout shape of a parameter. */
	static long[] shape(EncoderConfig config, String name) {
		long hidden = config.hiddenSize();
		return switch (name) {
			case "embeddings.word_embeddings.weight" -> new long[] { config.vocabSize(), hidden };
			case "embeddings.position_embeddings.weight" -> new long[] { config.maxPositions(), hidden };
			case "embeddings.token_type_embeddings.weight" -> new long[] { config.typeVocabSize(), hidden };
			case ParameterNames.CLASSIFIER_WEIGHT -> new long[] { 1, hidden };
			case ParameterNames.CLASSIFIER_BIAS -> new long[] { 1 };
			default -> {
				long intermediate = config.intermediateSize();
				if (name.endsWith("intermediate.dense.weight")) {
					yield new long[] { intermediate, hidden };
				}
				if (name.endsWith("intermediate.dense.bias")) {
					yield new long[] { intermediate };
				}
				if (name.endsWith(".output.dense.weight") && !name.contains("attention")) {
					yield new long[] { hidden, intermediate };
				}
				yield name.endsWith(".weight") && !name.contains("LayerNorm") ? new long[] { hidden, hidden }
						: new long[] { hidden };
			}
		};
	}

	/**
	 * Sets the parameters, once, from weights by name; a head missing from
	 * {@code weights} is initialized fresh from {@code seed} (normal weights with
	 * deviation 0.02, zero biases).
	 * @param manager the manager that owns the parameter arrays
	 * @param weights the weights by Hugging Face name, PyTorch layout
	 * @param seed seeds a fresh head
	 */
	public void load(NDManager manager, Map<String, Tensor> weights, long seed) {
		Random random = new Random(seed);
		for (Map.Entry<String, Parameter> entry : this.byName.entrySet()) {
			String name = entry.getKey();
			long[] shape = shape(this.config, name);
			Tensor given = weights.get(name);
			Assert.state(given != null || ParameterNames.HEAD.contains(name),
					() -> "no weights for encoder parameter " + name);
			Tensor tensor = (given != null) ? given : fresh(random, name, shape);
			Assert.state(java.util.Arrays.equals(tensor.shape(), shape), () -> name + " has shape "
					+ java.util.Arrays.toString(tensor.shape()) + ", expected " + java.util.Arrays.toString(shape));
			// DJL's PyTorch engine wraps a created array around a direct buffer
			// (from_blob);
			// updated in place for a whole run, that memory was seen to turn to NaN after
			// the
			// first update in about half the runs. A copy lives in memory libtorch owns.
			NDArray created = manager.create(tensor.values(), new Shape(shape));
			NDArray array = created.duplicate();
			created.close();
			array.setName(name);
			entry.getValue().setArray(array);
			array.setRequiresGradient(true);
		}
	}

	private static Tensor fresh(Random random, String name, long[] shape) {
		float[] values = new float[(int) Tensor.size(shape)];
		if (name.endsWith(".weight")) {
			for (int i = 0; i < values.length; i++) {
				values[i] = (float) (random.nextGaussian() * INIT_STD);
			}
		}
		return new Tensor(shape, values);
	}

	/** The current weights by Hugging Face name, PyTorch layout. */
	public Map<String, Tensor> weights() {
		Map<String, Tensor> weights = new LinkedHashMap<>();
		this.byName.forEach((name, parameter) -> weights.put(name,
				new Tensor(parameter.getArray().getShape().getShape(), parameter.getArray().toFloatArray())));
		return weights;
	}

	/**
	 * The encoder's last hidden states, {@code [batch, sequence, hidden]}, as a plain
	 * encoder's {@code last_hidden_state} output.
	 * @param parameterStore where parameter values come from
	 * @param inputs {@code input_ids}, {@code token_type_ids}, {@code attention_mask}
	 * @param training whether dropout applies
	 * @return the hidden states
	 */
	public NDArray hiddenStates(ParameterStore parameterStore, NDList inputs, boolean training) {
		NDArray ids = inputs.get(0);
		NDArray typeIds = inputs.get(1);
		NDArray mask = inputs.get(2);
		long length = ids.getShape().get(1);
		Assert.isTrue(length <= this.config.maxPositions(), () -> "sequence of " + length
				+ " tokens exceeds max_position_embeddings " + this.config.maxPositions());
		NDManager manager = ids.getManager();
		NDArray positions = manager.arange(0, length, 1, DataType.INT64).expandDims(0);
		NDArray x = embed(parameterStore, ids, "embeddings.word_embeddings.weight", training)
			.add(embed(parameterStore, typeIds, "embeddings.token_type_embeddings.weight", training))
			.add(embed(parameterStore, positions, "embeddings.position_embeddings.weight", training));
		x = drop(layerNorm(parameterStore, x, "embeddings.LayerNorm", training), training);
		// [batch, 1, 1, sequence]: 0 where attended, a large negative number on padding.
		NDArray maskBias = mask.toType(DataType.FLOAT32, false).sub(1).neg().mul(MASKED).expandDims(1).expandDims(1);
		for (int layer = 0; layer < this.config.layers(); layer++) {
			x = layer(parameterStore, x, maskBias, "encoder.layer." + layer + ".", training);
		}
		return x;
	}

	@Override
	protected NDList forwardInternal(ParameterStore parameterStore, NDList inputs, boolean training,
			@Nullable PairList<String, Object> params) {
		NDArray x = hiddenStates(parameterStore, inputs, training);
		NDArray cls = x.get(new NDIndex(":, 0, :"));
		NDArray pooled = linear(parameterStore, cls, "pooler.dense", training).tanh();
		NDArray logits = linear(parameterStore, drop(pooled, training), "classifier", training);
		return new NDList(logits);
	}

	private NDArray layer(ParameterStore store, NDArray x, NDArray maskBias, String prefix, boolean training) {
		long batch = x.getShape().get(0);
		long length = x.getShape().get(1);
		int heads = this.config.heads();
		int headSize = this.config.headSize();
		NDArray query = heads(linear(store, x, prefix + "attention.self.query", training), batch, length);
		NDArray key = heads(linear(store, x, prefix + "attention.self.key", training), batch, length);
		NDArray value = heads(linear(store, x, prefix + "attention.self.value", training), batch, length);
		NDArray scores = query.matMul(key.transpose(0, 1, 3, 2)).div((float) Math.sqrt(headSize)).add(maskBias);
		NDArray probabilities = drop(scores.softmax(-1), training);
		NDArray context = probabilities.matMul(value)
			.transpose(0, 2, 1, 3)
			.reshape(batch, length, (long) heads * headSize);
		NDArray attention = drop(linear(store, context, prefix + "attention.output.dense", training), training);
		x = layerNorm(store, attention.add(x), prefix + "attention.output.LayerNorm", training);
		NDArray intermediate = gelu(linear(store, x, prefix + "intermediate.dense", training));
		NDArray output = drop(linear(store, intermediate, prefix + "output.dense", training), training);
		return layerNorm(store, output.add(x), prefix + "output.LayerNorm", training);
	}

	private NDArray heads(NDArray x, long batch, long length) {
		return x.reshape(batch, length, this.config.heads(), this.config.headSize()).transpose(0, 2, 1, 3);
	}

	/** Exact GELU, {@code x·(1 + erf(x/√2))/2}, as BERT's ONNX exports compute it. */
	private static NDArray gelu(NDArray x) {
		return x.mul(x.div((float) Math.sqrt(2.0)).erf().add(1)).mul(0.5f);
	}

	private NDArray linear(ParameterStore store, NDArray x, String prefix, boolean training) {
		NDArray weight = value(store, prefix + ".weight", x, training);
		NDArray bias = value(store, prefix + ".bias", x, training);
		NDArray transposed = weight.transpose();
		// The view would otherwise live as long as the parameter's manager: one per call.
		transposed.attach(x.getManager());
		return x.matMul(transposed).add(bias);
	}

	private NDArray layerNorm(ParameterStore store, NDArray x, String prefix, boolean training) {
		NDArray gamma = value(store, prefix + ".weight", x, training);
		NDArray beta = value(store, prefix + ".bias", x, training);
		return LayerNorm.layerNorm(x, new Shape(this.config.hiddenSize()), gamma, beta, this.config.layerNormEps())
			.singletonOrThrow();
	}

	private NDArray embed(ParameterStore store, NDArray ids, String name, boolean training) {
		return Embedding.embedding(ids, value(store, name, ids, training), SparseFormat.DENSE).singletonOrThrow();
	}

	private NDArray drop(NDArray x, boolean training) {
		return (training && this.dropout > 0) ? Dropout.dropout(x, this.dropout, true).singletonOrThrow() : x;
	}

	private NDArray value(ParameterStore store, String name, NDArray like, boolean training) {
		return store.getValue(this.byName.get(name), like.getDevice(), training);
	}

	@Override
	public Shape[] getOutputShapes(Shape[] inputShapes) {
		return new Shape[] { new Shape(inputShapes[0].get(0), 1) };
	}

	/** The inputs the block takes, in order. */
	public static List<String> inputNames() {
		return List.of("input_ids", "token_type_ids", "attention_mask");
	}

}
