package dev.reranker.local;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The one JVM-wide DJL setting: made only where the application made none.
 */
class DjlSettingsTests {

	@Test
	void leavesAnOfflineModeTheApplicationChoseAlone() {
		String before = System.getProperty(DjlSettings.OFFLINE_PROPERTY);
		try {
			System.setProperty(DjlSettings.OFFLINE_PROPERTY, "false");

			assertThat(DjlSettings.applyOfflineDefault()).isFalse();
			assertThat(System.getProperty(DjlSettings.OFFLINE_PROPERTY)).isEqualTo("false");
		}
		finally {
			restore(before);
		}
	}

	@Test
	void turnsOfflineModeOnWhenTheApplicationChoseNothing() {
		String before = System.getProperty(DjlSettings.OFFLINE_PROPERTY);
		try {
			System.clearProperty(DjlSettings.OFFLINE_PROPERTY);

			boolean applied = DjlSettings.applyOfflineDefault();

			// DJL_OFFLINE in the environment is the application's choice too
			assertThat(applied).isEqualTo(System.getenv(DjlSettings.OFFLINE_VARIABLE) == null);
			assertThat(System.getProperty(DjlSettings.OFFLINE_PROPERTY)).isEqualTo(applied ? "true" : null);
		}
		finally {
			restore(before);
		}
	}

	private static void restore(String value) {
		if (value != null) {
			System.setProperty(DjlSettings.OFFLINE_PROPERTY, value);
		}
		else {
			System.clearProperty(DjlSettings.OFFLINE_PROPERTY);
		}
	}

}
