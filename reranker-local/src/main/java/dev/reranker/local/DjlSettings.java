package dev.reranker.local;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one JVM-wide DJL setting the local provider makes: offline mode, so that DJL never
 * probes the network (its EC2 "call home" when an engine or tokenizer starts, or a
 * download of native libraries for a flavour the jars do not bring). The local provider
 * brings its natives in jars and reads model files from disk.
 * <p>
 * A global setting is unavoidable: DJL reads offline mode only from the system property
 * {@code ai.djl.offline} or the environment variable {@code DJL_OFFLINE}
 * ({@code ai.djl.util.Utils#isOfflineMode}), with no per-model, per-criteria or
 * per-tokenizer option. So it is set only when the application has set neither, and said
 * in the log; an application that wants DJL online sets {@code -Dai.djl.offline=false}.
 */
final class DjlSettings {

	static final String OFFLINE_PROPERTY = "ai.djl.offline";

	static final String OFFLINE_VARIABLE = "DJL_OFFLINE";

	private static final Logger logger = LoggerFactory.getLogger(DjlSettings.class);

	private DjlSettings() {
	}

	/**
	 * Turns on DJL's offline mode unless the application chose otherwise. Called before
	 * anything starts a DJL engine or tokenizer.
	 * @return whether this call turned it on
	 */
	static synchronized boolean applyOfflineDefault() {
		if (System.getProperty(OFFLINE_PROPERTY) != null || System.getenv(OFFLINE_VARIABLE) != null) {
			return false;
		}
		System.setProperty(OFFLINE_PROPERTY, "true");
		logger.info("Set {}=true so that DJL never contacts the network (DJL has no per-model setting for it); "
				+ "set -D{}=false to keep DJL online", OFFLINE_PROPERTY, OFFLINE_PROPERTY);
		return true;
	}

}
