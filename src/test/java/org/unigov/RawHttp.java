package org.unigov;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HTTP/1.1 over a plain socket, one connection per request, for tests that must send what
 * well-behaved clients refuse to: invalid UTF-8, a backslash or {@code %00} in the path, any
 * bytes in a body. It keeps the session cookie and the CSRF token of a signed-in person.
 */
public final class RawHttp {

	private static final Pattern FORM_TOKEN = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	private static final Pattern META_TOKEN = Pattern.compile("name=\"_csrf\" content=\"([^\"]+)\"");

	private final int port;

	private volatile String session = "";

	private String csrf = "";

	public RawHttp(int port) {
		this.port = port;
	}

	/** An answer: the status, the headers (names in lower case) and the body. */
	public record Response(int status, Map<String, List<String>> headers, byte[] body) {

		public String header(String name) {
			List<String> values = this.headers.get(name.toLowerCase(Locale.ROOT));
			return values == null || values.isEmpty() ? "" : values.getFirst();
		}

		public String contentType() {
			return header("content-type");
		}

		public String text() {
			return new String(this.body, StandardCharsets.UTF_8);
		}

		public boolean isProblem() {
			return contentType().startsWith("application/problem+json");
		}

		@Override
		public String toString() {
			String text = text();
			return this.status + " " + contentType() + " " + (text.length() > 300 ? text.substring(0, 300) + "…" : text);
		}
	}

	/** Signs in through the form, as a browser does, and keeps the session and its CSRF token. */
	public RawHttp signIn(String username, String password) throws IOException {
		Response login = get("/login", Map.of("Accept", "text/html"));
		Matcher token = FORM_TOKEN.matcher(login.text());
		if (!token.find()) {
			throw new IllegalStateException("no CSRF token on the sign-in page: " + login);
		}
		Response signedIn = send("POST", "/login",
				Map.of("Content-Type", "application/x-www-form-urlencoded", "Accept", "text/html"),
				("username=" + username + "&password=" + password + "&_csrf=" + token.group(1))
					.getBytes(StandardCharsets.UTF_8));
		if (signedIn.status() != 302 || signedIn.header("location").contains("error")) {
			throw new IllegalStateException("sign-in of " + username + " failed: " + signedIn);
		}
		Matcher meta = META_TOKEN.matcher(get("/", Map.of("Accept", "text/html")).text());
		if (!meta.find()) {
			throw new IllegalStateException("not signed in as " + username);
		}
		this.csrf = meta.group(1);
		return this;
	}

	/** The CSRF token of the session, for the {@code X-CSRF-TOKEN} header. */
	public String csrf() {
		return this.csrf;
	}

	public Response get(String target, Map<String, String> headers) throws IOException {
		return send("GET", target, headers, null);
	}

	/**
	 * Sends a request with the request target exactly as given (no encoding, no checks) and the
	 * session cookie if there is one.
	 */
	public Response send(String method, String target, Map<String, String> headers, byte[] body) throws IOException {
		ByteArrayOutputStream request = new ByteArrayOutputStream();
		request.write((method + " ").getBytes(StandardCharsets.ISO_8859_1));
		request.write(target.getBytes(StandardCharsets.ISO_8859_1));
		StringBuilder head = new StringBuilder(" HTTP/1.1\r\nHost: localhost:").append(this.port)
			.append("\r\nConnection: close\r\n");
		if (!this.session.isEmpty()) {
			head.append("Cookie: UNIGOV_SESSION=").append(this.session).append("\r\n");
		}
		headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
		if (body != null) {
			head.append("Content-Length: ").append(body.length).append("\r\n");
		}
		head.append("\r\n");
		request.write(head.toString().getBytes(StandardCharsets.UTF_8));
		if (body != null) {
			request.write(body);
		}
		try (Socket socket = new Socket("localhost", this.port)) {
			socket.setSoTimeout(60_000);
			OutputStream out = socket.getOutputStream();
			out.write(request.toByteArray());
			out.flush();
			Response response = read(socket.getInputStream());
			for (String cookie : response.headers().getOrDefault("set-cookie", List.of())) {
				if (cookie.startsWith("UNIGOV_SESSION=")) {
					this.session = cookie.substring("UNIGOV_SESSION=".length()).split(";", 2)[0];
				}
			}
			return response;
		}
	}

	private static Response read(InputStream in) throws IOException {
		String statusLine = line(in);
		String[] parts = statusLine.split(" ", 3);
		if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
			throw new IOException("not an HTTP answer: " + statusLine);
		}
		int status = Integer.parseInt(parts[1]);
		Map<String, List<String>> headers = new LinkedHashMap<>();
		for (String header = line(in); !header.isEmpty(); header = line(in)) {
			int colon = header.indexOf(':');
			headers.computeIfAbsent(header.substring(0, colon).strip().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
				.add(header.substring(colon + 1).strip());
		}
		byte[] body;
		if (headers.getOrDefault("transfer-encoding", List.of()).contains("chunked")) {
			ByteArrayOutputStream chunks = new ByteArrayOutputStream();
			for (int size = Integer.parseInt(line(in).split(";")[0].strip(), 16); size > 0; size = Integer
				.parseInt(line(in).split(";")[0].strip(), 16)) {
				chunks.write(in.readNBytes(size));
				line(in);
			}
			body = chunks.toByteArray();
		}
		else if (headers.containsKey("content-length")) {
			body = in.readNBytes(Integer.parseInt(headers.get("content-length").getFirst()));
		}
		else {
			body = in.readAllBytes();
		}
		return new Response(status, headers, body);
	}

	private static String line(InputStream in) throws IOException {
		ByteArrayOutputStream line = new ByteArrayOutputStream();
		for (int b = in.read(); b != '\n'; b = in.read()) {
			if (b < 0) {
				throw new IOException("connection closed in the middle of a line: " + line);
			}
			if (b != '\r') {
				line.write(b);
			}
		}
		return line.toString(StandardCharsets.ISO_8859_1);
	}
}
