package dev.reranker.benchmark;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.reranker.local.LocalModelFiles;
import dev.reranker.local.LocalRerankModel;
import dev.reranker.local.OnnxOptimization;
import dev.reranker.local.OnnxSessionSettings;

/**
 * One configuration of the local provider in a side-by-side run, parsed from
 * {@code label:key=value;key=value}. Keys (all optional; unset = the provider's default):
 * {@code pairs} (batch size), {@code tokens} (batch tokens), {@code sessions},
 * {@code threads} (intra-op threads), {@code opt} (NONE, BASIC, EXTENDED, ALL),
 * {@code spin}, {@code mempattern}, {@code arena}, {@code cache} (0 or 1).
 *
 * @param label the row's name
 * @param settings the keys and values
 */
record LocalVariant(String label, Map<String, String> settings) {

	/** The variants of {@code -Dvariants=a:k=v;k=v,b:…}. */
	static List<LocalVariant> parseAll(String value) {
		List<LocalVariant> variants = new ArrayList<>();
		for (String item : value.split(",")) {
			if (item.isBlank()) {
				continue;
			}
			String[] parts = item.trim().split(":", 2);
			Map<String, String> settings = new LinkedHashMap<>();
			if (parts.length > 1) {
				for (String pair : parts[1].split(";")) {
					String[] kv = pair.split("=", 2);
					if (kv.length != 2) {
						throw new IllegalArgumentException("expected key=value in variant '" + item + "'");
					}
					settings.put(kv[0].trim().toLowerCase(Locale.ROOT), kv[1].trim());
				}
			}
			variants.add(new LocalVariant(parts[0].trim(), settings));
		}
		return variants;
	}

	LocalRerankModel build(LocalModelFiles files) {
		OnnxSessionSettings defaults = OnnxSessionSettings.DEFAULTS;
		OnnxSessionSettings onnx = new OnnxSessionSettings(
				OnnxOptimization.valueOf(this.settings.getOrDefault("opt", defaults.optimization().name())),
				flag("spin", defaults.allowSpinning()), flag("mempattern", defaults.memoryPattern()),
				flag("arena", defaults.cpuArena()), flag("cache", defaults.cacheOptimizedModel()));
		LocalRerankModel.Builder builder = LocalRerankModel.builder().files(files).onnxSessionSettings(onnx);
		String pairs = this.settings.get("pairs");
		if (pairs != null) {
			builder.batchSize(Integer.parseInt(pairs));
		}
		String tokens = this.settings.get("tokens");
		if (tokens != null) {
			builder.batchTokens(Integer.parseInt(tokens));
		}
		String sessions = this.settings.get("sessions");
		if (sessions != null) {
			builder.sessions(Integer.parseInt(sessions));
		}
		String threads = this.settings.get("threads");
		if (threads != null) {
			builder.intraOpThreads(Integer.parseInt(threads));
		}
		return builder.build();
	}

	private boolean flag(String key, boolean fallback) {
		String value = this.settings.get(key);
		return (value != null) ? "1".equals(value) || "true".equalsIgnoreCase(value) : fallback;
	}

}
