package dev.reranker.autoconfigure.local;

import dev.reranker.local.LocalSetting;

/**
 * Maps the local provider's Java API terms ({@link LocalSetting#term()}, such as
 * {@code LocalRerankModel.Builder#maxLength}) to the {@code reranker.local.*} properties
 * that set them, so that start-up failures speak the user's configuration. Public for
 * applications with a failure analyzer of their own for {@code LocalModelException}.
 */
public final class LocalSettingProperties {

	private LocalSettingProperties() {
	}

	// A switch without default: adding a LocalSetting does not compile until it is
	// mapped here.
	private static String name(LocalSetting setting) {
		return switch (setting) {
			case MODEL -> "model";
			case MODEL_FILE -> "model-file";
			case ENGINE -> "engine";
			case MAX_LENGTH -> "max-length";
			case BATCH_SIZE -> "batch-size";
			case INTRA_OP_THREADS -> "intra-op-threads";
			case BATCH_TOKENS -> "batch-tokens";
			case SESSIONS -> "sessions";
			case ACTIVATION -> "activation";
			case ARCHITECTURE -> "architecture";
			case PROMPT_TEMPLATE -> "decoder.prompt-template";
			case INSTRUCTION -> "decoder.instruction";
			case POSITIVE_ANSWER -> "decoder.positive-answer";
			case NEGATIVE_ANSWER -> "decoder.negative-answer";
			case HUB_URL -> "hub-url";
			case REVISION -> "revision";
			case HUB_TOKEN -> "hub-token";
			case CACHE_DIR -> "cache-dir";
			case OFFLINE -> "offline";
		};
	}

	/**
	 * The property that sets a setting.
	 * @param setting the setting
	 * @return the property name, e.g. {@code reranker.local.max-length}
	 */
	public static String property(LocalSetting setting) {
		return LocalRerankerProperties.PREFIX + "." + name(setting);
	}

	/**
	 * Replaces every Java API term in a message with its property.
	 * @param message a message of the local provider
	 * @return the message in property names
	 */
	public static String translate(String message) {
		String translated = message;
		for (LocalSetting setting : LocalSetting.values()) {
			translated = translated.replace(setting.term(), property(setting));
		}
		return translated;
	}

}
