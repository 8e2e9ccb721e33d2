/**
 * Auto-configuration of the local (in-process, DJL) cross-encoder provider.
 */
@NullMarked
package dev.reranker.autoconfigure.local;

import org.jspecify.annotations.NullMarked;
