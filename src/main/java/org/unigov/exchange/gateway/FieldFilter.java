package org.unigov.exchange.gateway;

import java.io.OutputStream;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.unigov.exchange.internal.FieldPaths;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.core.json.JsonFactory;

/**
 * Passes on only the parts of a JSON document that carry granted data items (S6), in one
 * streaming pass: a tree of the allowed paths is walked alongside the parser; a property outside
 * it is skipped without being copied. Objects and arrays on the way to an allowed field are kept,
 * so the consumer sees the provider's shape with the ungranted fields removed.
 * <p>
 * A granted path ends in a scalar: a string, number (copied digit for digit), boolean or null.
 * When the provider puts an object or an array where the field map expects a scalar, nothing of it
 * is passed on: copying it whole would pass nested fields no grant names while the access log
 * lists only the granted item. A structured value is passed by mapping its parts
 * ({@code creditCode.value}, {@code names[]}). An answer with a repeated property name in any
 * object is refused ({@link DuplicateKey}): consumers' parsers disagree on which of the two wins,
 * so a filter cannot decide for them. Which items actually appeared is recorded for the access log.
 */
public final class FieldFilter {

	private static final JsonFactory JSON = JsonFactory.builder()
		.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
		.build();

	private final Node root;

	private final List<String> items;

	private FieldFilter(Node root, List<String> items) {
		this.root = root;
		this.items = items;
	}

	/**
	 * The filter for a data service's field map and the items a grant allows: fields mapped to other
	 * items, and fields not mapped at all, are removed.
	 */
	public static FieldFilter compile(Map<String, String> fieldMap, Set<String> allowedItems) {
		Node root = new Node();
		List<String> items = new ArrayList<>();
		Map<String, Integer> indexes = new HashMap<>();
		fieldMap.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(entry -> {
			if (!allowedItems.contains(entry.getValue())) {
				return;
			}
			List<String> steps = FieldPaths.parse(entry.getKey())
				.orElseThrow(() -> new IllegalArgumentException("Invalid field path " + entry.getKey()));
			int index = indexes.computeIfAbsent(entry.getValue(), item -> {
				items.add(item);
				return items.size() - 1;
			});
			Node node = root;
			for (String step : steps) {
				node = node.child(step);
			}
			node.whole = true;
			node.item = index;
		});
		return new FieldFilter(root, List.copyOf(items));
	}

	/** What a filtering pass produced. */
	public record Result(List<String> itemsReturned) {
	}

	/** Thrown when the provider's body is not one well-formed JSON value. */
	public static final class NotJson extends RuntimeException {

		NotJson(String message, @Nullable Throwable cause) {
			super(message, cause);
		}
	}

	/** Thrown when an object in the provider's body names the same property twice. */
	public static final class DuplicateKey extends RuntimeException {

		DuplicateKey(String message, @Nullable Throwable cause) {
			super(message, cause);
		}
	}

	/**
	 * Filters {@code body} into {@code out}; {@link NotJson} when the body is not one JSON value,
	 * {@link DuplicateKey} when an object repeats a property name.
	 */
	public Result filter(byte[] body, int length, OutputStream out) {
		BitSet seen = new BitSet();
		try (JsonParser parser = JSON.createParser(ObjectReadContext.empty(), body, 0, length);
				JsonGenerator generator = JSON.createGenerator(ObjectWriteContext.empty(), out)) {
			JsonToken first = parser.nextToken();
			if (first == null) {
				throw new NotJson("The provider answered an empty body.", null);
			}
			if (matches(this.root, first)) {
				copy(parser, generator, this.root, seen);
			}
			else {
				parser.skipChildren();
				switch (first) {
					case START_OBJECT -> {
						generator.writeStartObject();
						generator.writeEndObject();
					}
					case START_ARRAY -> {
						generator.writeStartArray();
						generator.writeEndArray();
					}
					default -> generator.writeNull();
				}
			}
			if (parser.nextToken() != null) {
				throw new NotJson("The provider's body has content after its JSON value.", null);
			}
		}
		catch (StreamReadException ex) {
			String message = ex.getOriginalMessage();
			if (message != null && message.startsWith("Duplicate Object property")) {
				throw new DuplicateKey("The provider's body repeats a property name in one object: " + message, ex);
			}
			throw new NotJson("The provider's body is not well-formed JSON: " + message, ex);
		}
		catch (JacksonException ex) {
			throw new NotJson("The provider's body is not well-formed JSON: " + ex.getOriginalMessage(), ex);
		}
		List<String> returned = new ArrayList<>(seen.cardinality());
		seen.stream().forEach(i -> returned.add(this.items.get(i)));
		return new Result(returned);
	}

	private static boolean matches(Node node, JsonToken token) {
		return (node.whole && token.isScalarValue()) || (token == JsonToken.START_OBJECT && node.fields != null)
				|| (token == JsonToken.START_ARRAY && node.elements != null);
	}

	private static void copy(JsonParser parser, JsonGenerator generator, Node node, BitSet seen) {
		if (node.whole) {
			generator.copyCurrentEventExact(parser);
			seen.set(node.item);
			return;
		}
		if (parser.currentToken() == JsonToken.START_OBJECT) {
			generator.writeStartObject();
			Map<String, Node> fields = node.fields;
			while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
				String name = parser.currentName();
				JsonToken value = parser.nextToken();
				Node child = fields == null ? null : fields.get(name);
				if (child != null && matches(child, value)) {
					generator.writeName(name);
					copy(parser, generator, child, seen);
				}
				else {
					parser.skipChildren();
				}
			}
			generator.writeEndObject();
			return;
		}
		generator.writeStartArray();
		Node elements = node.elements;
		JsonToken value;
		while ((value = parser.nextToken()) != JsonToken.END_ARRAY) {
			if (value == null) {
				throw new NotJson("The provider's body ends inside an array.", null);
			}
			if (elements != null && matches(elements, value)) {
				copy(parser, generator, elements, seen);
			}
			else {
				parser.skipChildren();
			}
		}
		generator.writeEndArray();
	}

	private static final class Node {

		@Nullable Map<String, Node> fields;

		@Nullable Node elements;

		boolean whole;

		int item = -1;

		Node child(String step) {
			if (FieldPaths.ELEMENTS.equals(step)) {
				if (this.elements == null) {
					this.elements = new Node();
				}
				return this.elements;
			}
			if (this.fields == null) {
				this.fields = new HashMap<>();
			}
			return this.fields.computeIfAbsent(step, s -> new Node());
		}
	}
}
