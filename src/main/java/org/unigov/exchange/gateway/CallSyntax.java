package org.unigov.exchange.gateway;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.QueryStringDecoder;
import org.jspecify.annotations.Nullable;
import org.unigov.exchange.DataService;
import org.unigov.exchange.internal.ExchangeError;

/**
 * What the gateway reads from a call before it trusts any of it: the path split and checked
 * (nothing that could climb out of a service's base URL), the query, the purpose header, a POST
 * body, and the path as the log keeps it; and the call's request id.
 */
final class CallSyntax {

	private CallSyntax() {
	}

	/** The raw path after the prefix, split and checked: no dot segments, no encoded separators. */
	static String[] segments(String rest) throws Refusal {
		if (rest.isEmpty() || rest.length() > 1000) {
			throw new Refusal(ExchangeError.BAD_PATH, "The path is /exchange/v1/{resource}/{path}.");
		}
		String[] raw = rest.split("/", -1);
		int n = raw.length;
		if (n > 1 && raw[n - 1].isEmpty()) {
			n--; // a trailing slash
		}
		String[] segments = new String[n];
		for (int i = 0; i < n; i++) {
			String s = raw[i];
			if (s.isEmpty()) {
				throw new Refusal(ExchangeError.BAD_PATH, "The path has an empty segment.");
			}
			for (int k = 0; k < s.length(); k++) {
				char c = s.charAt(k);
				boolean unreserved = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
						|| c == '-' || c == '_' || c == '~' || c == '.';
				if (!unreserved) {
					throw new Refusal(ExchangeError.BAD_PATH, "The path may contain only letters, digits and '-', '_', '~', '.' "
							+ "(no percent-encoding, no '..', no backslash).");
				}
			}
			if (s.equals(".") || s.equals("..")) {
				throw new Refusal(ExchangeError.BAD_PATH, "The path may not contain '.' or '..' segments.");
			}
			segments[i] = s;
		}
		return segments;
	}

	/**
	 * The data subject a call names: the query parameter the service declares for it (named once),
	 * else the one found in the path, else none.
	 */
	static @Nullable String subject(DataService service, @Nullable String inPath,
			@Nullable String query) throws Refusal {
		if (service.subjectParam() == null || query == null) {
			return inPath;
		}
		List<String> values = new QueryStringDecoder("?" + query).parameters()
			.get(service.subjectParam());
		if (values != null && values.size() > 1) {
			throw new Refusal(ExchangeError.BAD_PATH, "Name the data subject once: " + service.subjectParam() + " is repeated.");
		}
		return values != null && !values.isEmpty() && !values.get(0).isBlank() ? values.get(0) : inPath;
	}

	static boolean safeQuery(String query) {
		for (int i = 0; i < query.length(); i++) {
			char c = query.charAt(i);
			if (c <= 0x20 || c >= 0x7f || c == '"' || c == '<' || c == '>' || c == '\\' || c == '^' || c == '`'
					|| c == '{' || c == '|' || c == '}' || c == '#') {
				return false;
			}
			if (c == '%' && (i + 2 >= query.length() || !hex(query.charAt(i + 1)) || !hex(query.charAt(i + 2)))) {
				return false;
			}
		}
		return true;
	}

	private static boolean hex(char c) {
		return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
	}

	/** X-Purpose: the grant's purpose, percent-encoded UTF-8 when not ASCII (RFC 3986 style). */
	static String purpose(@Nullable String header) throws Refusal {
		if (header == null || header.isBlank()) {
			throw new Refusal(ExchangeError.PURPOSE_REQUIRED,
					"Name the purpose of the call in X-Purpose (percent-encoded UTF-8), as the grant states it (S6).");
		}
		if (header.length() > 1500) {
			throw new Refusal(ExchangeError.BAD_HEADER, "X-Purpose is too long.");
		}
		ByteBuffer bytes = ByteBuffer.allocate(header.length());
		for (int i = 0; i < header.length(); i++) {
			char c = header.charAt(i);
			if (c == '%') {
				if (i + 2 >= header.length() || !hex(header.charAt(i + 1)) || !hex(header.charAt(i + 2))) {
					throw new Refusal(ExchangeError.BAD_HEADER, "X-Purpose has a malformed percent-escape.");
				}
				bytes.put((byte) Integer.parseInt(header, i + 1, i + 3, 16));
				i += 2;
			}
			else if (c < 0x20 || c >= 0x7f) {
				throw new Refusal(ExchangeError.BAD_HEADER,
						"X-Purpose carries non-ASCII text percent-encoded as UTF-8, and no control characters.");
			}
			else {
				bytes.put((byte) c);
			}
		}
		bytes.flip();
		String decoded;
		try {
			decoded = StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(bytes)
				.toString();
		}
		catch (CharacterCodingException ex) {
			throw new Refusal(ExchangeError.BAD_HEADER, "X-Purpose is not valid percent-encoded UTF-8.");
		}
		for (int i = 0; i < decoded.length(); i++) {
			if (Character.isISOControl(decoded.charAt(i))) {
				throw new Refusal(ExchangeError.BAD_HEADER, "X-Purpose may not contain control characters (header injection).");
			}
		}
		String purpose = decoded.strip();
		if (purpose.isEmpty() || purpose.length() > 500) {
			throw new Refusal(ExchangeError.BAD_HEADER, "X-Purpose is 1 to 500 characters.");
		}
		return purpose;
	}

	/** A POST body: JSON, at most {@code maxRequestBytes}. */
	static byte[] body(FullHttpRequest request, int maxRequestBytes) throws Refusal {
		int length = request.content().readableBytes();
		if (length > maxRequestBytes) {
			throw new Refusal(ExchangeError.REQUEST_TOO_LARGE, "The request body exceeds " + maxRequestBytes + " bytes.");
		}
		if (length > 0 && !isJson(request.headers().get("Content-Type"))) {
			throw new Refusal(ExchangeError.BAD_HEADER, "A POST body is JSON (Content-Type: application/json).");
		}
		byte[] body = new byte[length];
		request.content().getBytes(request.content().readerIndex(), body);
		return body;
	}

	static boolean isJson(@Nullable String contentType) {
		if (contentType == null) {
			return false;
		}
		int semicolon = contentType.indexOf(';');
		String type = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip()
			.toLowerCase(Locale.ROOT);
		return type.equals("application/json") || (type.startsWith("application/") && type.endsWith("+json"));
	}

	/**
	 * The path as the log keeps it until the operation is known: at most 200 characters, control
	 * and non-ASCII characters percent-escaped (a refused path must not break the log's batch).
	 */
	static String loggable(String path) {
		StringBuilder out = new StringBuilder(Math.min(path.length(), 200));
		for (int i = 0; i < path.length() && out.length() < 200; i++) {
			char c = path.charAt(i);
			if (c <= 0x20 || c >= 0x7f) {
				out.append('%').append(String.format("%02X", (int) c & 0xff));
			}
			else {
				out.append(c);
			}
		}
		return out.toString();
	}

	/** A version 7 UUID (time-ordered) from a non-blocking random source: request ids need not be secret. */
	static UUID requestId() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		long millis = System.currentTimeMillis();
		long high = (millis << 16) | 0x7000L | (random.nextInt() & 0x0fffL);
		long low = (random.nextLong() & 0x3fffffffffffffffL) | 0x8000000000000000L;
		return new UUID(high, low);
	}
}
