/**
 * The cross-encoder as a DJL block: a BERT encoder, a pooler and a one-logit classifier,
 * with parameters named and laid out as Hugging Face's
 * {@code BertForSequenceClassification} keeps them.
 */
@NullMarked
package dev.reranker.train.model;

import org.jspecify.annotations.NullMarked;
