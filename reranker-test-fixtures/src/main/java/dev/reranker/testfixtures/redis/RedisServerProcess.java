package dev.reranker.testfixtures.redis;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.opentest4j.TestAbortedException;

/**
 * A throw-away {@code redis-server} of the test's own, on a free loopback port, for tests
 * that stop Redis and start it again (an outage): it runs as a child process of the test
 * JVM (no persistence, nothing on disk), {@link #stop()} ends that process only, and
 * {@link #start()} brings it back on the same port.
 * <p>
 * Without a {@code redis-server} binary on the {@code PATH}, the test is skipped, except
 * when {@code CI=true}: then it fails.
 */
public final class RedisServerProcess implements AutoCloseable {

	private final String executable;

	private final int port;

	private Process process;

	private RedisServerProcess(String executable, int port) {
		this.executable = executable;
		this.port = port;
	}

	/**
	 * Starts a server on a free port.
	 * @return the running server
	 */
	public static RedisServerProcess startOnFreePort() throws IOException {
		RedisServerProcess server = new RedisServerProcess(executable(), freePort());
		server.start();
		return server;
	}

	public int port() {
		return this.port;
	}

	/** Starts the server (again) and waits until it answers PING. */
	public synchronized void start() throws IOException {
		if (this.process != null && this.process.isAlive()) {
			return;
		}
		this.process = new ProcessBuilder(this.executable, "--port", Integer.toString(this.port), "--bind", "127.0.0.1",
				"--save", "", "--appendonly", "no", "--daemonize", "no", "--logfile", "")
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.DISCARD)
			.start();
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (System.nanoTime() < deadline) {
			try (Resp resp = Resp.connect("127.0.0.1", this.port)) {
				if ("PONG".equals(resp.command("PING"))) {
					return;
				}
			}
			catch (IOException ex) {
				// not up yet
			}
			if (!this.process.isAlive()) {
				throw new IllegalStateException("redis-server exited at start on port " + this.port + " with status "
						+ this.process.exitValue());
			}
			sleep(Duration.ofMillis(50));
		}
		throw new IllegalStateException("redis-server on port " + this.port + " did not answer PING within 10 s");
	}

	/** Stops the server (this process only) and waits until it is gone. */
	public synchronized void stop() {
		if (this.process == null) {
			return;
		}
		this.process.destroy();
		try {
			if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
				this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.process = null;
	}

	@Override
	public void close() {
		stop();
	}

	private static String executable() {
		for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/usr/local/bin").split(File.pathSeparator)) {
			Path candidate = Path.of(dir, "redis-server");
			if (Files.isExecutable(candidate)) {
				return candidate.toString();
			}
		}
		for (String candidate : List.of("/usr/bin/redis-server", "/usr/local/bin/redis-server")) {
			if (Files.isExecutable(Path.of(candidate))) {
				return candidate;
			}
		}
		String message = "redis-server is not on the PATH: install it (scripts/setup-test-env.sh does, with Debian's "
				+ "redis-server package) to run the Redis outage tests.";
		if ("true".equalsIgnoreCase(System.getenv("CI"))) {
			throw new IllegalStateException(message + " CI=true: these tests must not be skipped.");
		}
		System.err.println("SKIPPED: " + message);
		throw new TestAbortedException(message);
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			socket.setReuseAddress(true);
			return socket.getLocalPort();
		}
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
