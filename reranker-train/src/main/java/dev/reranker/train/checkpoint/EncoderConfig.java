package dev.reranker.train.checkpoint;

import org.springframework.util.Assert;

/**
 * The shape of a BERT encoder, as Hugging Face's {@code config.json} names it.
 *
 * @param vocabSize {@code vocab_size}
 * @param hiddenSize {@code hidden_size}
 * @param layers {@code num_hidden_layers}
 * @param heads {@code num_attention_heads}
 * @param intermediateSize {@code intermediate_size}
 * @param maxPositions {@code max_position_embeddings}
 * @param typeVocabSize {@code type_vocab_size}
 * @param layerNormEps {@code layer_norm_eps}
 */
public record EncoderConfig(int vocabSize, int hiddenSize, int layers, int heads, int intermediateSize,
		int maxPositions, int typeVocabSize, float layerNormEps) {

	public EncoderConfig {
		Assert.isTrue(vocabSize > 0 && hiddenSize > 0 && layers > 0 && intermediateSize > 0 && maxPositions > 0
				&& typeVocabSize > 0, "encoder dimensions must be positive");
		Assert.isTrue(heads > 0 && hiddenSize % heads == 0,
				() -> "hidden_size " + hiddenSize + " is not a multiple of num_attention_heads " + heads);
		Assert.isTrue(layerNormEps > 0, "layer_norm_eps must be positive");
	}

	/** Width of one attention head. */
	public int headSize() {
		return this.hiddenSize / this.heads;
	}

}
