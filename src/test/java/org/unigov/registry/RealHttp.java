package org.unigov.registry;

import java.io.ByteArrayOutputStream;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A signed-in browser-like client over real HTTP, for what MockMvc cannot show (the servlet
 * container's multipart limits).
 */
final class RealHttp {

	private final int port;

	private final HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();

	private String csrf = "";

	RealHttp(int port) {
		this.port = port;
	}

	private URI uri(String path) {
		return URI.create("http://localhost:" + this.port + path);
	}

	void signIn(String username) throws Exception {
		String login = get("/login");
		Matcher token = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(login);
		if (!token.find()) {
			throw new IllegalStateException("no CSRF token on the sign-in page");
		}
		this.client.send(HttpRequest.newBuilder(uri("/login"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(
					"username=" + username + "&password=demo&_csrf=" + token.group(1)))
			.build(), HttpResponse.BodyHandlers.discarding());
		Matcher meta = Pattern.compile("name=\"_csrf\" content=\"([^\"]+)\"").matcher(get("/registry"));
		if (!meta.find()) {
			throw new IllegalStateException("not signed in as " + username);
		}
		this.csrf = meta.group(1);
	}

	String get(String path) throws Exception {
		return this.client.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString()).body();
	}

	HttpResponse<String> upload(String path, String fileName, byte[] content) throws Exception {
		String boundary = "unigov-test-boundary";
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
				+ "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
		body.write(content);
		body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
		return this.client.send(HttpRequest.newBuilder(uri(path))
			.header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.header("X-CSRF-TOKEN", this.csrf)
			.header("Accept", "application/json")
			.POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
			.build(), HttpResponse.BodyHandlers.ofString());
	}
}
