package org.unigov.shared.web;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.unigov.shared.web.SweepOperation.Parameter;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The malformed requests the sweep sends to one operation, a bounded number of each kind: bad
 * path segments ({@code %2F}, {@code %00}, a backslash, bytes that are not UTF-8, bad and huge
 * ids), bad query parameters (invalid UTF-8, wrong types, overflowing numbers, huge and control
 * strings, bad paging), bad bodies (broken and deeply nested JSON, invalid UTF-8, wrong content
 * types, an oversized body) and, field by field, a value of the wrong type, an overflowing
 * number or a lone surrogate, with every other field plausible.
 *
 * <p>Nothing here may change data other tests rely on: every path id is bogus, and an operation
 * that could succeed (a create, a setting) only ever gets bodies that fail to bind. Strings that
 * bind but are merely odd (huge, control characters) go only to reads and to operations whose
 * UUID path id exists nowhere.
 */
final class SweepProbes {

	/** One request of the sweep and what it tries. */
	record Probe(String label, String method, String target, Map<String, String> headers, byte[] body) {

		@Override
		public String toString() {
			return this.method + " " + (this.target.length() > 150 ? this.target.substring(0, 150) + "…" : this.target)
					+ " [" + this.label + "]";
		}
	}

	private static final int MAX_QUERY_PARAMETERS = 8;

	private static final int MAX_FIELDS = 12;

	private static final String MARK = "__sweep__";

	private final SweepOperation operation;

	private final String csrf;

	private final JsonMapper json;

	private final List<Probe> probes = new ArrayList<>();

	private SweepProbes(SweepOperation operation, String csrf, JsonMapper json) {
		this.operation = operation;
		this.csrf = csrf;
		this.json = json;
	}

	static List<Probe> of(SweepOperation operation, String csrf, JsonMapper json) {
		SweepProbes probes = new SweepProbes(operation, csrf, json);
		probes.paths();
		probes.queries();
		if (operation.takesJson()) {
			probes.bodies();
			probes.fields();
		}
		else if (operation.takesMultipart()) {
			probes.uploads();
		}
		return probes.probes;
	}

	private boolean mayGetOddStrings() {
		return this.operation.reads() || this.operation.identifiesByUuid();
	}

	private void add(String label, String target, Map<String, String> extra, byte[] body) {
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put("Accept", "application/json");
		if (!this.operation.reads()) {
			headers.put("X-CSRF-TOKEN", this.csrf);
		}
		headers.putAll(extra);
		headers.values().removeIf(String::isEmpty);
		this.probes.add(new Probe(label, this.operation.method(), target, headers, body));
	}

	/** A request with an empty JSON object as body where the operation changes something. */
	private void addPlain(String label, String target, Map<String, String> extra) {
		if (this.operation.reads()) {
			add(label, target, extra, null);
		}
		else {
			Map<String, String> headers = new LinkedHashMap<>(extra);
			headers.putIfAbsent("Content-Type", "application/json");
			add(label, target, headers, "{}".getBytes(StandardCharsets.UTF_8));
		}
	}

	private void paths() {
		List<Parameter> path = this.operation.in("path");
		if (path.isEmpty()) {
			return;
		}
		Parameter first = path.getFirst();
		Map<String, String> segments = new LinkedHashMap<>();
		if (first.format().equals("uuid")) {
			segments.put("bad id", "not-a-uuid");
		}
		if (first.type().equals("integer")) {
			segments.put("overflowing id", "99999999999999999999");
		}
		segments.put("%2F in segment", "a%2Fb");
		segments.put("%00 in segment", "a%00b");
		segments.put("backslash in segment", "a\\b");
		segments.put("%5C in segment", "a%5C..");
		segments.put("invalid UTF-8 in segment", "a%FFb");
		segments.put("raw byte 0xFF in segment", "a\u00ffb");
		segments.put("%25 in segment", "a%25b");
		segments.put("huge id", "9".repeat(3000));
		String query = this.operation.requiredQuery(null);
		segments.forEach((label, value) -> addPlain(label, this.operation.target(first.name(), value) + query, Map.of()));
	}

	private void queries() {
		String target = this.operation.target(null, null);
		String required = this.operation.requiredQuery(null);
		String join = required.isEmpty() ? "?" : required + "&";
		addPlain("invalid UTF-8 parameter", target + join + "x=%FF", Map.of());
		addPlain("invalid UTF-8 parameter name", target + join + "%C0%AF=1", Map.of());
		addPlain("incomplete escape", target + join + "x=%", Map.of());
		if (!this.operation.reads()) {
			Map<String, String> noHeader = new LinkedHashMap<>();
			noHeader.put("X-CSRF-TOKEN", "");
			addPlain("CSRF token in the query only", target + join + "_csrf=" + this.csrf, noHeader);
		}
		else {
			add("XML wanted", target + required, Map.of("Accept", "application/xml"), null);
		}
		int count = 0;
		for (Parameter parameter : this.operation.in("query")) {
			if (count++ == MAX_QUERY_PARAMETERS) {
				break;
			}
			String base = target + this.operation.requiredQuery(parameter.name());
			String prefix = (base.contains("?") ? base + "&" : base + "?");
			for (Map.Entry<String, String> value : values(parameter).entrySet()) {
				addPlain(parameter.name() + ": " + value.getKey(), prefix + value.getValue(), Map.of());
			}
		}
	}

	private Map<String, String> values(Parameter parameter) {
		Map<String, String> values = new LinkedHashMap<>();
		String name = parameter.name();
		if (parameter.type().equals("object") || name.equals("pageable")) {
			values.put("negative page", "page=-1");
			values.put("huge page", "page=99999999999");
			values.put("huge size", "size=100000");
			values.put("size not a number", "size=ten");
			values.put("sort with %", "sort=%25");
			values.put("unknown sort property", "sort=nope,desc");
			values.put("bad sort direction", "sort=name,sideways");
			return values;
		}
		values.put("invalid UTF-8", name + "=%FF");
		values.put("lone surrogate as CESU-8", name + "=%ED%A0%80");
		switch (parameter.type()) {
			case "integer" -> {
				values.put("not a number", name + "=ten");
				values.put("overflowing number", name + "=99999999999999999999");
				values.put("negative", name + "=-1");
			}
			case "boolean" -> values.put("not a boolean", name + "=maybe");
			case "array" -> values.put("many values", (name + "=" + "x".repeat(50) + "&").repeat(300));
			default -> {
				if (!parameter.format().isEmpty()) {
					values.put("wrong format", name + "=not-a-" + parameter.format());
				}
				if (this.operation.reads()) {
					values.put("huge string", name + "=" + "%E9%95%BF".repeat(700));
					values.put("control characters", name + "=a%00b%1B%E2%80%AE%E2%80%8Bc");
				}
			}
		}
		return values;
	}

	private void bodies() {
		String target = this.operation.target(null, null) + this.operation.requiredQuery(null);
		byte[] plausible = bytes(this.operation.plausible(this.operation.bodySchema(), 0).toString());
		Map<String, String> json = Map.of("Content-Type", "application/json");
		add("broken JSON", target, json, bytes("{\"a\":"));
		add("empty body", target, json, new byte[0]);
		add("JSON null", target, json, bytes("null"));
		add("array for the body", target, json, bytes("[]"));
		add("string for the body", target, json, bytes("\"x\""));
		add("deeply nested JSON", target, json, bytes("[".repeat(100_000) + "]".repeat(100_000)));
		ByteArrayOutputStream invalid = new ByteArrayOutputStream();
		invalid.writeBytes(bytes("{\""));
		invalid.writeBytes(new byte[] { (byte) 0xFF, (byte) 0xFE, (byte) 0xC0, (byte) 0xAF });
		invalid.writeBytes(bytes("\":1}"));
		add("invalid UTF-8 in the body", target, json, invalid.toByteArray());
		add("body over the size limit", target, json, bytes("[" + "1,".repeat(600_000) + "1]"));
		add("text/plain", target, Map.of("Content-Type", "text/plain"), plausible);
		add("XML", target, Map.of("Content-Type", "application/xml"), bytes("<a>1</a>"));
		add("form with broken escapes", target, Map.of("Content-Type", "application/x-www-form-urlencoded"),
				bytes("a=%&b=%ZZ&c=%FF"));
		add("multipart without boundary", target, Map.of("Content-Type", "multipart/form-data"), bytes("--x--"));
		add("unknown charset", target, Map.of("Content-Type", "application/json;charset=x-unknown"), plausible);
	}

	private void fields() {
		JsonNode schema = this.operation.resolve(this.operation.bodySchema());
		if (!this.operation.typeOf(schema).equals("object")) {
			return;
		}
		ObjectNode plausible = (ObjectNode) this.operation.plausible(schema, 0);
		String target = this.operation.target(null, null) + this.operation.requiredQuery(null);
		int count = 0;
		for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
			if (count++ == MAX_FIELDS) {
				break;
			}
			String type = this.operation.typeOf(property.getValue());
			for (Map.Entry<String, String> value : fieldValues(type).entrySet()) {
				ObjectNode body = plausible.deepCopy();
				body.put(property.getKey(), MARK);
				String text = this.json.writeValueAsString(body).replace("\"" + MARK + "\"", value.getValue());
				add(property.getKey() + ": " + value.getKey(), target, Map.of("Content-Type", "application/json"),
						bytes(text));
			}
		}
	}

	/** JSON texts that no field of this type may bind to (and, where safe, odd but bindable ones). */
	private Map<String, String> fieldValues(String type) {
		Map<String, String> values = new LinkedHashMap<>();
		switch (type) {
			case "string" -> {
				values.put("number for a string", "12345");
				values.put("boolean for a string", "true");
				values.put("lone surrogate", "\"a\\ud800b\"");
				if (mayGetOddStrings()) {
					values.put("huge string", "\"" + "长".repeat(150_000) + "\"");
					values.put("control characters", "\"a\\u0000b\\u001b\\u202e\\u200bc\"");
				}
			}
			case "integer" -> {
				values.put("number as a string", "\"0\"");
				values.put("fraction for an integer", "1.5");
				values.put("overflowing number", "123456789012345678901234567890");
				values.put("huge exponent", "1e400");
			}
			case "number" -> {
				values.put("number as a string", "\"1.5\"");
				values.put("boolean for a number", "true");
				if (mayGetOddStrings()) {
					values.put("huge exponent", "1e400");
					values.put("overflowing number", "1" + "0".repeat(400));
				}
			}
			case "boolean" -> {
				values.put("boolean as a string", "\"true\"");
				values.put("number for a boolean", "1");
			}
			case "array" -> {
				values.put("string for a list", "\"x\"");
				values.put("deep nesting", "[".repeat(3000) + "]".repeat(3000));
			}
			case "object" -> {
				values.put("string for an object", "\"x\"");
				values.put("list for an object", "[]");
			}
			default -> {
				// free-form (a map, any JSON): nothing is a wrong type there, and a plausible body
				// might be accepted, so this field is left alone
			}
		}
		return values;
	}

	private void uploads() {
		String target = this.operation.target(null, null) + this.operation.requiredQuery(null);
		String boundary = "sweep-boundary";
		String multipart = "multipart/form-data; boundary=" + boundary;
		add("JSON for an upload", target, Map.of("Content-Type", "application/json"), bytes("{}"));
		add("multipart without boundary", target, Map.of("Content-Type", "multipart/form-data"), bytes("--x--"));
		add("multipart without parts", target, Map.of("Content-Type", multipart), bytes("--" + boundary + "--\r\n"));
		add("multipart cut short", target, Map.of("Content-Type", multipart),
				bytes("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\n"));
		ByteArrayOutputStream garbage = new ByteArrayOutputStream();
		garbage.writeBytes(bytes("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
				+ "\u00ff.xlsx\"\r\nContent-Type: application/octet-stream\r\n\r\n"));
		for (int i = 0; i < 4096; i++) {
			garbage.write((i * 31 + 7) & 0xFF);
		}
		garbage.writeBytes(bytes("\r\n--" + boundary + "--\r\n"));
		add("garbage file", target, Map.of("Content-Type", multipart), garbage.toByteArray());
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}
}
