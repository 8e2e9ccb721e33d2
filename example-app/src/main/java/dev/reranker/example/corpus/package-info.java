/**
 * The bundled demo corpus and ingestion of the user's own files.
 */
@NullMarked
package dev.reranker.example.corpus;

import org.jspecify.annotations.NullMarked;
