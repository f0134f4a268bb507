package org.unigov.shared.web;

import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import org.springframework.core.MethodParameter;
import org.springframework.core.ResolvableType;
import org.springframework.data.web.PagedModel;
import org.springframework.http.HttpEntity;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import tools.jackson.databind.JsonNode;

/**
 * Checks an OpenAPI document against the handler methods it describes: for every operation under
 * {@code /api/}, the schema of the request body and of the answer must be the one of the type the
 * method really binds and returns: an object schema with exactly the record's components, each of
 * the right JSON type, down through nested records, lists and pages. Types whose JSON shape the
 * document cannot know (maps, files, {@code Object}) are checked only as far as they go.
 */
final class BoundSchemas {

	private static final int MAX_DEPTH = 8;

	private final JsonNode api;

	private final List<String> mismatches = new ArrayList<>();

	private final Set<String> compared = new HashSet<>();

	private int operations;

	BoundSchemas(JsonNode api) {
		this.api = api;
	}

	/** The number of operations compared. */
	int operations() {
		return this.operations;
	}

	List<String> compare(Map<RequestMappingInfo, HandlerMethod> handlers) {
		handlers.forEach((info, method) -> {
			for (String path : info.getPatternValues()) {
				if (!path.startsWith("/api/")) {
					continue;
				}
				for (RequestMethod verb : info.getMethodsCondition().getMethods()) {
					compare(verb + " " + path,
							this.api.path("paths").path(path).path(verb.name().toLowerCase(Locale.ROOT)), method);
				}
			}
		});
		return this.mismatches;
	}

	private void compare(String operation, JsonNode documented, HandlerMethod method) {
		if (documented.isMissingNode()) {
			this.mismatches.add(operation + ": not in the document");
			return;
		}
		this.operations++;
		for (MethodParameter parameter : method.getMethodParameters()) {
			if (parameter.hasParameterAnnotation(RequestBody.class)) {
				compare(operation + " request body", parameter.getGenericParameterType(),
						schemaOf(documented.path("requestBody").path("content")), 0);
			}
		}
		ResolvableType returned = unwrap(ResolvableType.forMethodReturnType(method.getMethod()));
		Class<?> raw = returned.resolve(Object.class);
		if (raw == void.class || raw == Void.class) {
			return;
		}
		JsonNode answer = null;
		for (Map.Entry<String, JsonNode> response : documented.path("responses").properties()) {
			if (response.getKey().startsWith("2")) {
				answer = schemaOf(response.getValue().path("content"));
				break;
			}
		}
		compare(operation + " answer", returned.getType(), answer, 0);
	}

	private static JsonNode schemaOf(JsonNode content) {
		for (JsonNode media : content.values()) {
			return media.path("schema");
		}
		return null;
	}

	private static ResolvableType unwrap(ResolvableType type) {
		Class<?> raw = type.resolve(Object.class);
		if (HttpEntity.class.isAssignableFrom(raw) || raw == Optional.class) {
			return unwrap(type.as(raw == Optional.class ? Optional.class : HttpEntity.class).getGeneric(0));
		}
		return type;
	}

	private void compare(String where, Type javaType, JsonNode schema, int depth) {
		ResolvableType type = unwrap(ResolvableType.forType(javaType));
		Class<?> raw = type.resolve(Object.class);
		if (schema == null || schema.isMissingNode()) {
			this.mismatches.add(where + ": no schema for " + type);
			return;
		}
		String reference = schema.path("$ref").asString("");
		JsonNode resolved = reference.isEmpty() ? schema
				: this.api.path("components").path("schemas").path(reference.substring(reference.lastIndexOf('/') + 1));
		if (resolved.isMissingNode()) {
			this.mismatches.add(where + ": " + reference + " is not in the document");
			return;
		}
		String expected = jsonType(raw);
		if (expected == null || depth > MAX_DEPTH) {
			return;
		}
		Set<String> documented = types(resolved);
		if (!documented.isEmpty() && !documented.contains(expected)) {
			this.mismatches.add(where + ": " + type + " is a JSON " + expected + ", the document says " + documented
					+ (reference.isEmpty() ? "" : " (" + reference + ")"));
			return;
		}
		if (expected.equals("array")) {
			ResolvableType element = raw.isArray() ? type.getComponentType() : type.asCollection().getGeneric(0);
			compare(where + "[]", element.getType(), resolved.path("items"), depth + 1);
		}
		else if (PagedModel.class.isAssignableFrom(raw)) {
			compare(where + ".content[]", type.as(PagedModel.class).getGeneric(0).getType(),
					resolved.path("properties").path("content").path("items"), depth + 1);
		}
		else if (raw.isRecord() && this.compared.add(raw.getName() + "@" + (reference.isEmpty() ? where : reference))) {
			compareRecord(where, raw, resolved, reference, depth);
		}
	}

	private void compareRecord(String where, Class<?> record, JsonNode schema, String reference, int depth) {
		Set<String> components = new TreeSet<>();
		for (RecordComponent component : record.getRecordComponents()) {
			components.add(component.getName());
		}
		Set<String> properties = new TreeSet<>(schema.path("properties").propertyNames());
		if (!components.equals(properties)) {
			this.mismatches.add(where + ": " + record.getName() + " has " + components + " but the document's "
					+ (reference.isEmpty() ? "schema" : reference) + " has " + properties);
			return;
		}
		for (RecordComponent component : record.getRecordComponents()) {
			compare(where + "." + component.getName(), component.getGenericType(),
					schema.path("properties").path(component.getName()), depth + 1);
		}
	}

	private static Set<String> types(JsonNode schema) {
		Set<String> types = new TreeSet<>();
		JsonNode type = schema.path("type");
		if (type.isString()) {
			types.add(type.asString());
		}
		else if (type.isArray()) {
			type.values().forEach(value -> types.add(value.asString()));
		}
		types.remove("null");
		return types;
	}

	/** The JSON type a Java type is written as, or null when the document cannot know its shape. */
	private static String jsonType(Class<?> raw) {
		if (raw == byte[].class || raw == Object.class || JsonNode.class.isAssignableFrom(raw)
				|| org.springframework.core.io.Resource.class.isAssignableFrom(raw)) {
			return null;
		}
		if (CharSequence.class.isAssignableFrom(raw) || raw == UUID.class || raw.isEnum() || raw == URI.class
				|| Temporal.class.isAssignableFrom(raw) || raw == char.class || raw == Character.class) {
			return "string";
		}
		if (raw == int.class || raw == long.class || raw == short.class || raw == Integer.class || raw == Long.class
				|| raw == Short.class || raw == BigInteger.class) {
			return "integer";
		}
		if (raw == double.class || raw == float.class || Number.class.isAssignableFrom(raw) || raw == BigDecimal.class) {
			return "number";
		}
		if (raw == boolean.class || raw == Boolean.class) {
			return "boolean";
		}
		if (raw.isArray() || Collection.class.isAssignableFrom(raw)) {
			return "array";
		}
		return "object";
	}
}
