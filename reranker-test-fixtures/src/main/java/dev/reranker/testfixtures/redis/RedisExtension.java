package dev.reranker.testfixtures.redis;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.opentest4j.TestAbortedException;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * Gives a test class a real Redis and a key prefix of its own (named after the class and
 * the JVM's process id); keys under that prefix are deleted after the class. The Redis is
 * shared with other builds on the machine: tests write only under {@link #keyPrefix()}
 * and never flush.
 * <p>
 * Connects to {@code RERANKER_TEST_REDIS_HOST} (default {@code 127.0.0.1}) on
 * {@code RERANKER_TEST_REDIS_PORT} (default 6379); {@code scripts/setup-test-env.sh}
 * starts one there. When it does not answer {@code PING} and neither variable is set,
 * Testcontainers starts {@value #REDIS_IMAGE} where Docker is available. Without either,
 * the class is skipped with a message saying how to enable it, except when
 * {@code CI=true}: then the class fails.
 * <p>
 * Register it as {@code @RegisterExtension static final RedisExtension redis = new
 * RedisExtension();}.
 */
public final class RedisExtension implements ExecutionCondition, BeforeAllCallback, AfterAllCallback {

	public static final String HOST_ENV = "RERANKER_TEST_REDIS_HOST";

	public static final String PORT_ENV = "RERANKER_TEST_REDIS_PORT";

	/** The image Testcontainers runs when no Redis answers and Docker is available. */
	public static final String REDIS_IMAGE = "redis:7-alpine";

	private static String problem;

	private static boolean probed;

	private static String host;

	private static int port;

	private String keyPrefix;

	private static synchronized Optional<String> problem() {
		if (!probed) {
			host = configuredHost();
			port = configuredPort();
			problem = probe(host, port);
			if (problem != null && System.getenv(HOST_ENV) == null && System.getenv(PORT_ENV) == null
					&& dockerAvailable()) {
				GenericContainer<?> container = new GenericContainer<>(DockerImageName.parse(REDIS_IMAGE))
					.withExposedPorts(6379);
				container.start();
				host = container.getHost();
				port = container.getMappedPort(6379);
				problem = probe(host, port);
			}
			probed = true;
		}
		return Optional.ofNullable(problem);
	}

	/**
	 * Why the test Redis is not available.
	 * @return the reason, or empty when it answers
	 */
	public static Optional<String> unavailable() {
		return problem();
	}

	private static boolean ci() {
		return "true".equalsIgnoreCase(System.getenv("CI"));
	}

	@Override
	public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
		Optional<String> problem = problem();
		if (problem.isEmpty() || ci()) {
			return ConditionEvaluationResult.enabled("Redis available at " + host() + ":" + port());
		}
		System.err.println("SKIPPED " + context.getDisplayName() + ": " + problem.get());
		return ConditionEvaluationResult.disabled(problem.get());
	}

	@Override
	public void beforeAll(ExtensionContext context) {
		Optional<String> problem = problem();
		if (problem.isPresent()) {
			if (ci()) {
				throw new IllegalStateException(problem.get() + " CI=true: Redis tests must not be skipped.");
			}
			throw new TestAbortedException(problem.get());
		}
		String name = context.getRequiredTestClass().getSimpleName().toLowerCase(Locale.ROOT);
		this.keyPrefix = "reranker-test:" + name + ":" + ProcessHandle.current().pid() + ":";
		deleteKeys(this.keyPrefix);
	}

	@Override
	public void afterAll(ExtensionContext context) throws IOException {
		if (this.keyPrefix != null) {
			deleteKeys(this.keyPrefix);
		}
	}

	/** The host of the test Redis. */
	public static synchronized String host() {
		problem();
		return host;
	}

	/** The port of the test Redis. */
	public static synchronized int port() {
		problem();
		return port;
	}

	private static String configuredHost() {
		String configured = System.getenv(HOST_ENV);
		return (configured != null && !configured.isBlank()) ? configured : "127.0.0.1";
	}

	private static int configuredPort() {
		String configured = System.getenv(PORT_ENV);
		return (configured != null && !configured.isBlank()) ? Integer.parseInt(configured.trim()) : 6379;
	}

	private static boolean dockerAvailable() {
		try {
			return DockerClientFactory.instance().isDockerAvailable();
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

	/**
	 * The prefix reserved for the test class, e.g.
	 * {@code reranker-test:rediscachetests:4242:}; end it with more of your own to keep
	 * tests of one class apart.
	 */
	public String keyPrefix() {
		return this.keyPrefix;
	}

	/**
	 * How many keys exist under a prefix (for assertions on what was written).
	 * @param prefix the prefix, usually starting with {@link #keyPrefix()}
	 * @return the number of keys
	 */
	public long countKeys(String prefix) throws IOException {
		return scan(prefix, false);
	}

	/**
	 * The remaining time to live of a key, in milliseconds: {@code -1} without one,
	 * {@code -2} when the key does not exist.
	 */
	public long ttlMillis(String key) throws IOException {
		try (Resp resp = Resp.connect(host(), port())) {
			return (Long) resp.command("PTTL", key);
		}
	}

	private static void deleteKeys(String prefix) {
		try {
			scan(prefix, true);
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot delete the test keys under " + prefix + ": " + ex.getMessage(), ex);
		}
	}

	private static long scan(String prefix, boolean delete) throws IOException {
		long count = 0;
		try (Resp resp = Resp.connect(host(), port())) {
			String cursor = "0";
			do {
				List<?> reply = (List<?>) resp.command("SCAN", cursor, "MATCH", glob(prefix) + "*", "COUNT", "1000");
				cursor = (String) reply.get(0);
				List<?> keys = (List<?>) reply.get(1);
				count += keys.size();
				if (delete && !keys.isEmpty()) {
					String[] command = new String[keys.size() + 1];
					command[0] = "UNLINK";
					for (int i = 0; i < keys.size(); i++) {
						command[i + 1] = (String) keys.get(i);
					}
					resp.command(command);
				}
			}
			while (!"0".equals(cursor));
		}
		return count;
	}

	private static String glob(String prefix) {
		return prefix.replaceAll("([*?\\[\\]\\\\])", "\\\\$1");
	}

	private static String probe(String host, int port) {
		String advice = ". To run these tests, run scripts/setup-test-env.sh (it starts redis-server on 127.0.0.1:6379), "
				+ "start Docker (Testcontainers then runs " + REDIS_IMAGE + "), or point " + HOST_ENV + " and "
				+ PORT_ENV + " at a Redis.";
		try (Resp resp = Resp.connect(host, port)) {
			Object pong = resp.command("PING");
			return "PONG".equals(pong) ? null
					: "Redis at " + host + ":" + port + " answered PING with " + pong + advice;
		}
		catch (IOException | RuntimeException ex) {
			return "Redis is not available at " + host + ":" + port + " (" + ex.getMessage() + ")" + advice;
		}
	}

}
