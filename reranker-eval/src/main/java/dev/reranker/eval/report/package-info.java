/**
 * Evaluation reports: JSON, Markdown and SVG charts.
 */
@NullMarked
package dev.reranker.eval.report;

import org.jspecify.annotations.NullMarked;
