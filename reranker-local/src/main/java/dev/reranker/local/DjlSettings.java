package dev.reranker.local;

/**
 * DJL settings the local provider relies on.
 */
final class DjlSettings {

	private DjlSettings() {
	}

	/**
	 * Turns on DJL's offline mode unless the application chose otherwise (system property
	 * {@code ai.djl.offline} or environment variable {@code DJL_OFFLINE}), so that DJL
	 * never probes the network for native libraries or tokenizers: the local provider
	 * brings its natives in jars and reads model files from disk.
	 */
	static void applyOfflineDefault() {
		if (System.getProperty("ai.djl.offline") == null && System.getenv("DJL_OFFLINE") == null) {
			System.setProperty("ai.djl.offline", "true");
		}
	}

}
