package org.unigov.exchange;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A provider system over real HTTP (the JDK's server on a free port) with the behaviours the
 * gateway must handle: a record with nested objects and arrays, plain text, malformed JSON, 500,
 * a slow answer and one that hangs until released.
 */
public final class ProviderStub implements AutoCloseable {

	/** Granted items live in f01–f03; f11 and f12 must never reach a consumer. */
	public static final String NESTED = """
			{"data": {"f01": "11010519491231002X", "f02": "张三", "f11": "SECRET-ELEVEN",
			  "address": {"f03": "陕西省西安市", "f12": "SECRET-TWELVE"}},
			 "members": [{"f02": "李四", "f11": "SECRET-MEMBER-1"}, {"f02": "王五", "f12": "SECRET-MEMBER-2"}],
			 "f12": "SECRET-TOP", "total": 2}""";

	/** Open data: police stations; the open items are name, address and phone, the note is internal. */
	public static final String STATIONS = """
			{"stations": [{"name": "雁塔路派出所", "address": "西安市雁塔区雁塔路12号", "phone": "029-85500001",
			  "note": "SECRET-INTERNAL-NOTE"}, {"name": "小寨派出所", "address": "西安市雁塔区小寨东路3号",
			  "phone": "029-85500002", "note": "SECRET-INTERNAL-NOTE"}], "total": 2, "operator": "SECRET-OPERATOR"}""";

	private final HttpServer server;

	public final AtomicInteger calls = new AtomicInteger();

	public final CountDownLatch release = new CountDownLatch(1);

	/** The headers of the last call, as the provider saw them. */
	public volatile com.sun.net.httpserver.Headers lastHeaders = new com.sun.net.httpserver.Headers();

	public ProviderStub() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 200);
		this.server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
		this.server.createContext("/", this::handle);
		this.server.start();
	}

	public String baseUrl() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	private void handle(HttpExchange exchange) throws IOException {
		this.calls.incrementAndGet();
		this.lastHeaders = exchange.getRequestHeaders();
		String path = exchange.getRequestURI().getPath();
		try {
			switch (path) {
				case "/record" -> answer(exchange, 200, "application/json; charset=utf-8", NESTED);
				case "/stations" -> answer(exchange, 200, "application/json; charset=utf-8", STATIONS);
				case "/text" -> answer(exchange, 200, "text/plain", "f01=11010519491231002X");
				case "/broken" -> answer(exchange, 200, "application/json", "{\"f01\": \"1101");
				case "/error" -> answer(exchange, 500, "application/json", "{\"error\": \"database down\"}");
				case "/missing" -> answer(exchange, 404, "application/json", "{\"error\": \"no such person\"}");
				case "/slow" -> {
					Thread.sleep(3000);
					answer(exchange, 200, "application/json", NESTED);
				}
				case "/hang" -> {
					this.release.await(30, TimeUnit.SECONDS);
					answer(exchange, 200, "application/json", NESTED);
				}
				case "/echo" -> answer(exchange, 200, "application/json",
						"{\"f01\": \"" + exchange.getRequestHeaders().getFirst("X-Unigov-Grant") + "\", \"f02\": \""
								+ exchange.getRequestHeaders().getFirst("X-Purpose") + "\", \"f11\": \""
								+ exchange.getRequestHeaders().getFirst("Authorization") + "\"}");
				default -> answer(exchange, 404, "application/json", "{}");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (IOException ex) {
			// the gateway gave up on the call (a timeout): nothing to answer
		}
	}

	private static void answer(HttpExchange exchange, int status, String type, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", type);
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	/** A port nothing listens on. */
	public static int closedPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	@Override
	public void close() {
		this.release.countDown();
		this.server.stop(0);
	}
}
