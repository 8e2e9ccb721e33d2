/**
 * Example application: a RAG app that shows reranking at work.
 */
@NullMarked
package dev.reranker.example;

import org.jspecify.annotations.NullMarked;
