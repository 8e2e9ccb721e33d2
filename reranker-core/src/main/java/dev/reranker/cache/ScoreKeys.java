package dev.reranker.cache;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * The cache keys of one rerank call: SHA-256 over a key version, the provider, the model,
 * whatever else changes the scores (the "score identity": a revision, an activation, a
 * maximum input length), the query and the document, each field length-prefixed so that
 * no two different tuples hash the same bytes. Keys are 64 hex characters; neither the
 * query nor the document can be read back from them.
 * <p>
 * The fields before the document are hashed once per call; each document then costs one
 * clone of the digest.
 */
public final class ScoreKeys {

	/**
	 * Part of every key: changing how keys are made (or how scores are stored) means
	 * changing this, which makes every old entry unreachable.
	 */
	static final String KEY_VERSION = "reranker-score-v1";

	private final MessageDigest prefix;

	private ScoreKeys(MessageDigest prefix) {
		this.prefix = prefix;
	}

	/**
	 * Prepares the keys of one call.
	 * @param provider the provider name, e.g. {@code local} or {@code cohere}
	 * @param model the model in effect for the call, or {@code null} when unknown
	 * @param scoreIdentity anything else the scores depend on, may be empty
	 * @param query the query
	 * @return the keys of the call, one per document through {@link #keyFor(String)}
	 */
	public static ScoreKeys of(String provider, @Nullable String model, String scoreIdentity, String query) {
		Assert.notNull(provider, "provider must not be null");
		Assert.notNull(scoreIdentity, "scoreIdentity must not be null");
		Assert.notNull(query, "query must not be null");
		MessageDigest digest = sha256();
		field(digest, KEY_VERSION);
		field(digest, provider);
		field(digest, (model != null) ? model : "");
		field(digest, scoreIdentity);
		field(digest, query);
		return new ScoreKeys(digest);
	}

	/**
	 * The key of one document of the call.
	 * @param document the document text
	 * @return 64 lower-case hex characters
	 */
	public String keyFor(String document) {
		MessageDigest digest;
		try {
			digest = (MessageDigest) this.prefix.clone();
		}
		catch (CloneNotSupportedException ex) {
			throw new IllegalStateException("the JDK's SHA-256 MessageDigest cannot be cloned", ex);
		}
		field(digest, document);
		return HexFormat.of().formatHex(digest.digest());
	}

	private static void field(MessageDigest digest, String value) {
		byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
		digest.update(ByteBuffer.allocate(Integer.BYTES).putInt(bytes.length).array());
		digest.update(bytes);
	}

	private static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("the JDK has no SHA-256 MessageDigest", ex);
		}
	}

}
