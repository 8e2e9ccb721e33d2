package dev.reranker.eval.answers;

import org.jspecify.annotations.Nullable;

/**
 * One query's generated answer under one configuration, and how good it was.
 *
 * @param answer the chat model's answer
 * @param exactMatch 1 when the normalised answer equals a normalised reference, else 0
 * @param f1 the best token F1 over the references
 * @param judge the LLM judge's grade scaled to {@code [0, 1]} (grade / 10), or
 * {@code null} when no judge ran
 * @param judgeUnparsed whether the judge's reply held no grade from 0 to 10 (scored 0)
 */
public record AnswerScore(String answer, double exactMatch, double f1, @Nullable Double judge, boolean judgeUnparsed) {

}
