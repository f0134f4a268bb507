package org.unigov.exchange;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A provider system that writes its HTTP/1.1 answers byte by byte on keep-alive connections, to
 * test how the gateway frames what a careless or hostile provider sends: a 204 followed by a body
 * later, bytes beyond an answer, bytes on an idle connection. {@code /person?idNumber=X} answers
 * {@code {"data":{"name":"X"}}}; the other paths say what they do.
 */
final class RawProvider implements AutoCloseable {

	static final String INJECTED = "INJECTED-OTHER-SUBJECT";

	private final ServerSocket server;

	private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

	final AtomicInteger requests = new AtomicInteger();

	RawProvider(String address) throws IOException {
		this.server = new ServerSocket();
		this.server.bind(new InetSocketAddress(InetAddress.getByName(address), 0));
		this.threads.execute(this::accept);
	}

	int port() {
		return this.server.getLocalPort();
	}

	private void accept() {
		while (!this.server.isClosed()) {
			try {
				Socket socket = this.server.accept();
				this.threads.execute(() -> serve(socket));
			}
			catch (IOException ex) {
				return;
			}
		}
	}

	private void serve(Socket socket) {
		try (socket) {
			InputStream in = socket.getInputStream();
			OutputStream out = socket.getOutputStream();
			String head;
			// what to write when the next request on this connection arrives, before its answer
			byte[] beforeNext = new byte[0];
			while ((head = head(in)) != null) {
				this.requests.incrementAndGet();
				out.write(beforeNext);
				beforeNext = new byte[0];
				String target = head.substring(head.indexOf(' ') + 1, head.indexOf(' ', head.indexOf(' ') + 1));
				String path = target.contains("?") ? target.substring(0, target.indexOf('?')) : target;
				String injected = json("{\"data\":{\"name\":\"" + INJECTED + "\"}}");
				switch (path) {
					case "/person" -> out.write(bytes(json("{\"data\":{\"name\":\"" + subject(target) + "\"}}")));
					case "/leak" -> out.write(bytes(json("""
							{"data":{"creditCode":{"value":"x","phone":"PHONE-P"},"name":["a",{"idNumber":"ID-I"}],
							"items":[{"date":{"inspectorPhone":"PHONE-T"}}]}}""")));
					case "/duplicate" -> out.write(bytes(json("{\"data\":{\"name\":\"ok\",\"name\":{\"secret\":\"SECRET-S\"}}}")));
					case "/no-content-then-more" -> {
						// a 204 and then, 50 ms later, a second answer nobody asked for
						out.write(bytes("HTTP/1.1 204 No Content\r\n\r\n"));
						out.flush();
						Thread.sleep(50);
						out.write(bytes(injected));
					}
					case "/trailing-bytes" -> {
						// an answer followed at once by the start of another; its end comes with the next request
						String extra = injected;
						int cut = extra.length() - 12;
						out.write(bytes(json("{\"data\":{\"name\":\"first\"}}") + extra.substring(0, cut)));
						beforeNext = bytes(extra.substring(cut));
					}
					case "/idle-bytes" -> {
						out.write(bytes(json("{\"data\":{\"name\":\"first\"}}")));
						out.flush();
						// bytes on the idle connection, the rest of the answer when the next request comes
						Thread.sleep(100);
						String extra = injected;
						int cut = extra.length() - 12;
						out.write(bytes(extra.substring(0, cut)));
						beforeNext = bytes(extra.substring(cut));
					}
					default -> out.write(bytes("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n"));
				}
				out.flush();
			}
		}
		catch (IOException | InterruptedException ex) {
			// the gateway closed the connection
		}
	}

	private static String subject(String target) {
		int at = target.indexOf("idNumber=");
		return at < 0 ? "" : URLDecoder.decode(target.substring(at + 9).split("&")[0], StandardCharsets.UTF_8);
	}

	private static String json(String body) {
		return "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
				+ body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body;
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	/** The request's head (a GET has no body), or null at the end of the connection. */
	private static String head(InputStream in) throws IOException {
		ByteArrayOutputStream head = new ByteArrayOutputStream();
		int matched = 0;
		int b;
		while ((b = in.read()) >= 0) {
			head.write(b);
			matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
			if (matched == 4) {
				return head.toString(StandardCharsets.ISO_8859_1);
			}
		}
		return null;
	}

	@Override
	public void close() throws IOException {
		this.server.close();
		this.threads.shutdownNow();
	}
}
