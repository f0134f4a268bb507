package org.unigov.shared.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * One operation of the OpenAPI document as the malformed-input sweep sees it: method, path,
 * parameters, body schema, and plausible values built from the schemas (so that a request with
 * one bad field has every other field right, and the bad one is what gets refused). Path ids are
 * always bogus, so that no request can ever change an existing record.
 */
record SweepOperation(String method, String path, List<Parameter> parameters, @Nullable String bodyType,
		@Nullable JsonNode bodySchema, JsonNode components) {

	static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	/** Where a parameter goes, its name and its schema. */
	record Parameter(String in, String name, JsonNode schema, boolean required) {

		String type() {
			return schema().path("type").asString("");
		}

		String format() {
			return schema().path("format").asString("");
		}
	}

	/** Every operation of the document, the ones that read first and DELETE last. */
	static List<SweepOperation> all(JsonNode api) {
		List<SweepOperation> operations = new ArrayList<>();
		for (Map.Entry<String, JsonNode> path : api.path("paths").properties()) {
			for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
				operations.add(of(operation.getKey().toUpperCase(Locale.ROOT), path.getKey(), operation.getValue(),
						api.path("components").path("schemas")));
			}
		}
		operations.sort(java.util.Comparator.comparingInt(SweepOperation::rank).thenComparing(SweepOperation::path));
		return operations;
	}

	private static SweepOperation of(String method, String path, JsonNode operation, JsonNode components) {
		List<Parameter> parameters = new ArrayList<>();
		for (JsonNode parameter : operation.path("parameters").values()) {
			parameters.add(new Parameter(parameter.path("in").asString(), parameter.path("name").asString(),
					parameter.path("schema"), parameter.path("required").asBoolean(false)));
		}
		String bodyType = null;
		JsonNode bodySchema = null;
		for (Map.Entry<String, JsonNode> content : operation.path("requestBody").path("content").properties()) {
			bodyType = content.getKey();
			bodySchema = content.getValue().path("schema");
			break;
		}
		return new SweepOperation(method, path, parameters, bodyType, bodySchema, components);
	}

	private int rank() {
		return switch (this.method) {
			case "GET" -> 0;
			case "DELETE" -> 2;
			default -> 1;
		};
	}

	boolean reads() {
		return this.method.equals("GET");
	}

	boolean takesJson() {
		return this.bodyType != null && this.bodyType.contains("json");
	}

	boolean takesMultipart() {
		return this.bodyType != null && this.bodyType.startsWith("multipart/");
	}

	/** Whether a path parameter is a UUID: then a bogus id makes every change impossible. */
	boolean identifiesByUuid() {
		return this.parameters.stream().anyMatch(p -> p.in().equals("path") && p.format().equals("uuid"));
	}

	List<Parameter> in(String where) {
		return this.parameters.stream().filter(p -> p.in().equals(where)).toList();
	}

	/** The path with bogus values for its parameters, and {@code replaced} set to {@code value}. */
	String target(@Nullable String replaced, @Nullable String value) {
		String target = this.path;
		for (Parameter parameter : in("path")) {
			String filled = parameter.name().equals(replaced) ? value : bogus(parameter);
			target = target.replace("{" + parameter.name() + "}", filled);
		}
		return target;
	}

	/** The query string of required parameters, beginning with '?', or empty. */
	String requiredQuery(@Nullable String except) {
		Map<String, String> query = new LinkedHashMap<>();
		for (Parameter parameter : in("query")) {
			// an object parameter (Spring Data's pageable) stands for several; none is required
			if (parameter.required() && !parameter.name().equals(except) && !parameter.type().equals("object")) {
				query.put(parameter.name(), scalar(parameter.schema()).asString());
			}
		}
		if (this.takesMultipart()) {
			// an import only checks the file, never stores it
			query.put("dryRun", "true");
		}
		StringBuilder text = new StringBuilder();
		query.forEach((name, value) -> text.append(text.isEmpty() ? '?' : '&').append(name).append('=')
			.append(java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8)));
		return text.toString();
	}

	private static String bogus(Parameter parameter) {
		if (parameter.format().equals("uuid")) {
			return UUID.randomUUID().toString();
		}
		return parameter.type().equals("integer") ? "1" : "zz-sweep-nothing";
	}

	/** The schema behind a {@code $ref}, or the schema itself. */
	JsonNode resolve(JsonNode schema) {
		String reference = schema.path("$ref").asString("");
		return reference.isEmpty() ? schema : this.components.path(reference.substring(reference.lastIndexOf('/') + 1));
	}

	/** The JSON type of a schema ({@code string}, {@code object}, ...; empty when free-form). */
	String typeOf(JsonNode schema) {
		JsonNode resolved = resolve(schema);
		JsonNode type = resolved.path("type");
		if (type.isArray()) {
			for (JsonNode each : type.values()) {
				if (!each.asString().equals("null")) {
					return each.asString();
				}
			}
		}
		if (type.isString()) {
			return type.asString();
		}
		return resolved.has("properties") ? "object" : "";
	}

	/** A plausible body: every property with a value its schema allows. */
	JsonNode plausible(JsonNode schema, int depth) {
		JsonNode resolved = resolve(schema);
		String type = typeOf(resolved);
		if (type.equals("object")) {
			ObjectNode object = NODES.objectNode();
			if (depth < 5) {
				for (Map.Entry<String, JsonNode> property : resolved.path("properties").properties()) {
					object.set(property.getKey(), plausible(property.getValue(), depth + 1));
				}
			}
			return object;
		}
		if (type.equals("array")) {
			ArrayNode array = NODES.arrayNode();
			int items = Math.max(1, resolved.path("minItems").asInt(1));
			for (int i = 0; i < items && depth < 5; i++) {
				array.add(plausible(resolved.path("items"), depth + 1));
			}
			return array;
		}
		return scalar(resolved);
	}

	private static JsonNode scalar(JsonNode schema) {
		if (schema.has("enum") && !schema.path("enum").isEmpty()) {
			return schema.path("enum").get(0);
		}
		String type = schema.path("type").isArray() ? schema.path("type").get(0).asString()
				: schema.path("type").asString("");
		return switch (type) {
			case "integer" -> NODES.numberNode(Math.max(1, schema.path("minimum").asLong(1)));
			case "number" -> NODES.numberNode(1);
			case "boolean" -> NODES.booleanNode(false);
			default -> NODES.stringNode(switch (schema.path("format").asString("")) {
				case "uuid" -> UUID.randomUUID().toString();
				case "date" -> "2026-03-02";
				case "date-time" -> "2026-03-02T08:00:00Z";
				default -> "x".repeat(Math.max(1, schema.path("minLength").asInt(1)));
			});
		};
	}
}
