package dev.reranker.local;

import ai.djl.pytorch.jni.JniUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sizes PyTorch's intra-op thread pool. Kept in its own class so that only an application
 * that chose the PyTorch engine loads DJL's PyTorch classes.
 * <p>
 * The pool belongs to the process, not to a model: libtorch has one, and DJL offers no
 * per-model option for it (only the system property {@code ai.djl.pytorch.num_threads},
 * read once when the engine starts). So a configured thread count applies to every
 * PyTorch model in the JVM; it is set through DJL's API rather than a system property,
 * never over an {@code ai.djl.pytorch.num_threads} the application set itself, and
 * logged.
 */
final class PyTorchThreads {

	static final String PROPERTY = "ai.djl.pytorch.num_threads";

	private static final Logger logger = LoggerFactory.getLogger(PyTorchThreads.class);

	private PyTorchThreads() {
	}

	/**
	 * Applies a thread count unless the application configured PyTorch's itself.
	 * @param threads the threads one forward pass may use
	 * @return whether the count was applied
	 */
	static boolean apply(int threads) {
		String configured = System.getProperty(PROPERTY);
		if (configured != null) {
			logger.warn("{}={} is ignored: the system property {}={} decides PyTorch's process-wide thread pool",
					LocalSetting.INTRA_OP_THREADS, threads, PROPERTY, configured);
			return false;
		}
		if (JniUtils.getNumThreads() != threads) {
			logger.info("Setting PyTorch's intra-op thread pool to {} threads ({}); the pool is process-wide, so this "
					+ "applies to every PyTorch model in this JVM", threads, LocalSetting.INTRA_OP_THREADS);
			JniUtils.setNumThreads(threads);
		}
		return true;
	}

}
