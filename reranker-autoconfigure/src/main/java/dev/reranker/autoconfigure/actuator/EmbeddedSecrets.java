package dev.reranker.autoconfigure.actuator;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.json.JsonParserFactory;

/**
 * Entries whose value carries other settings, and so can carry a credential: the JVM's
 * record of its command line ({@code sun.java.command}, with every {@code --name=value}
 * argument), JVM option variables ({@code JAVA_TOOL_OPTIONS}, …, with {@code -D} options)
 * and {@code SPRING_APPLICATION_JSON}. The credential inside is masked, the rest of the
 * value is left readable.
 */
final class EmbeddedSecrets {

	private static final List<String> COMMAND_LINES = List.of("sun.java.command", "JAVA_TOOL_OPTIONS",
			"JDK_JAVA_OPTIONS", "_JAVA_OPTIONS");

	private static final List<String> JSON = List.of("SPRING_APPLICATION_JSON", "spring.application.json");

	/** {@code --name=value} and {@code -Dname=value}, each a whole word. */
	private static final Pattern OPTION = Pattern.compile("(?<=^|\\s)(--|-D)([^=\\s]+)=(\"[^\"]*\"|'[^']*'|\\S*)");

	private EmbeddedSecrets() {
	}

	/**
	 * Masks the credentials inside an entry's value.
	 * @param data the entry
	 * @return the entry, its value masked where it holds a credential
	 */
	static SanitizableData sanitize(SanitizableData data) {
		if (!(data.getValue() instanceof String value)) {
			return data;
		}
		String key = data.getKey();
		if (matches(COMMAND_LINES, key)) {
			String masked = maskOptions(value);
			return masked.equals(value) ? data : data.withValue(masked);
		}
		if (matches(JSON, key) && jsonHoldsSecret(value)) {
			// Rewriting the JSON would change how it reads; a value with a key goes
			// whole.
			return data.withSanitizedValue();
		}
		return data;
	}

	static String maskOptions(String commandLine) {
		Matcher matcher = OPTION.matcher(commandLine);
		StringBuilder masked = new StringBuilder();
		while (matcher.find()) {
			String replacement = RerankerSecrets.isSecret(matcher.group(2))
					? matcher.group(1) + matcher.group(2) + "=" + SanitizableData.SANITIZED_VALUE : matcher.group();
			matcher.appendReplacement(masked, Matcher.quoteReplacement(replacement));
		}
		matcher.appendTail(masked);
		return masked.toString();
	}

	static boolean jsonHoldsSecret(String json) {
		try {
			return holdsSecret("", JsonParserFactory.getJsonParser().parseMap(json));
		}
		catch (IllegalArgumentException ex) {
			// Not JSON Boot could read either, so not a setting; but it may be a key
			// pasted in the wrong place: keep it hidden.
			return true;
		}
	}

	private static boolean holdsSecret(String prefix, @Nullable Object value) {
		if (value instanceof Map<?, ?> map) {
			for (Map.Entry<?, ?> entry : map.entrySet()) {
				String name = prefix.isEmpty() ? String.valueOf(entry.getKey()) : prefix + "." + entry.getKey();
				if (RerankerSecrets.isSecret(name) || holdsSecret(name, entry.getValue())) {
					return true;
				}
			}
		}
		else if (value instanceof List<?> list) {
			for (int i = 0; i < list.size(); i++) {
				if (holdsSecret(prefix + "[" + i + "]", list.get(i))) {
					return true;
				}
			}
		}
		return false;
	}

	private static boolean matches(List<String> keys, String key) {
		return keys.stream().anyMatch(key::equalsIgnoreCase);
	}

}
