package dev.reranker.testfixtures.redis;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Just enough of the Redis protocol (RESP2) for the test bootstrap to probe a server and
 * clean up its own keys, so that the fixtures need no Redis client library.
 */
final class Resp implements AutoCloseable {

	private final Socket socket;

	private final OutputStream out;

	private final InputStream in;

	private Resp(Socket socket) throws IOException {
		this.socket = socket;
		this.out = socket.getOutputStream();
		this.in = new BufferedInputStream(socket.getInputStream());
	}

	static Resp connect(String host, int port) throws IOException {
		Socket socket = new Socket();
		try {
			socket.connect(new InetSocketAddress(host, port), 2000);
			socket.setSoTimeout(5000);
			return new Resp(socket);
		}
		catch (IOException ex) {
			socket.close();
			throw ex;
		}
	}

	/**
	 * Sends one command and reads its reply: a String (simple or bulk), a Long, a List of
	 * replies, or null; an error reply throws.
	 */
	Object command(String... args) throws IOException {
		ByteArrayOutputStream request = new ByteArrayOutputStream();
		request.write(("*" + args.length + "\r\n").getBytes(StandardCharsets.UTF_8));
		for (String arg : args) {
			byte[] bytes = arg.getBytes(StandardCharsets.UTF_8);
			request.write(("$" + bytes.length + "\r\n").getBytes(StandardCharsets.UTF_8));
			request.write(bytes);
			request.write("\r\n".getBytes(StandardCharsets.UTF_8));
		}
		this.out.write(request.toByteArray());
		this.out.flush();
		return reply();
	}

	private Object reply() throws IOException {
		int type = this.in.read();
		if (type < 0) {
			throw new IOException("Redis closed the connection");
		}
		String line = line();
		switch (type) {
			case '+':
				return line;
			case '-':
				throw new IOException("Redis answered: " + line);
			case ':':
				return Long.parseLong(line);
			case '$': {
				int length = Integer.parseInt(line);
				if (length < 0) {
					return null;
				}
				byte[] bytes = this.in.readNBytes(length + 2);
				return new String(bytes, 0, length, StandardCharsets.UTF_8);
			}
			case '*': {
				int count = Integer.parseInt(line);
				if (count < 0) {
					return null;
				}
				List<Object> items = new ArrayList<>(count);
				for (int i = 0; i < count; i++) {
					items.add(reply());
				}
				return items;
			}
			default:
				throw new IOException("not a Redis reply: " + (char) type + line);
		}
	}

	private String line() throws IOException {
		ByteArrayOutputStream line = new ByteArrayOutputStream();
		int b;
		while ((b = this.in.read()) != '\r') {
			if (b < 0) {
				throw new IOException("Redis closed the connection");
			}
			line.write(b);
		}
		this.in.read();
		return line.toString(StandardCharsets.UTF_8);
	}

	@Override
	public void close() throws IOException {
		this.socket.close();
	}

}
