package org.unigov.catalog.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * Just enough RDF to publish a DCAT catalogue: resources with IRIs or as nested blank nodes,
 * literals with a language or a datatype, written as Turtle or JSON-LD. Written here rather than
 * pulling Apache Jena into the application; the tests parse both outputs with Jena and validate
 * them with SHACL.
 */
final class Rdf {

	static final Map<String, String> PREFIXES = prefixes();

	private static Map<String, String> prefixes() {
		Map<String, String> p = new LinkedHashMap<>();
		p.put("dcat", "http://www.w3.org/ns/dcat#");
		p.put("dct", "http://purl.org/dc/terms/");
		p.put("foaf", "http://xmlns.com/foaf/0.1/");
		p.put("vcard", "http://www.w3.org/2006/vcard/ns#");
		p.put("skos", "http://www.w3.org/2004/02/skos/core#");
		p.put("rdfs", "http://www.w3.org/2000/01/rdf-schema#");
		p.put("xsd", "http://www.w3.org/2001/XMLSchema#");
		p.put("adms", "http://www.w3.org/ns/adms#");
		p.put("spdx", "http://spdx.org/rdf/terms#");
		p.put("dcatap", "http://data.europa.eu/r5r/");
		return p;
	}

	private Rdf() {
	}

	private static final Pattern HAN = Pattern.compile("\\p{IsHan}");

	private static final Pattern PLAIN_LATIN = Pattern.compile("[\\p{ASCII}\\u00A0\\u2010-\\u2027]*");

	/**
	 * The language tag of a text: Chinese wherever it holds Chinese characters; otherwise English
	 * when it is plain Latin script, whatever field it came from; a text in another script or with
	 * accented letters (a harvested Spanish title) is left untagged rather than mislabelled, unless
	 * the field itself is declared to be in another language than Chinese. A text without letters
	 * (a number, a code) has no language.
	 */
	static @Nullable String language(String text, @Nullable String declared) {
		if (HAN.matcher(text).find()) {
			return "zh";
		}
		if (text.codePoints().noneMatch(Character::isLetter)) {
			return null;
		}
		if (PLAIN_LATIN.matcher(text).matches()) {
			return "en";
		}
		return "zh".equals(declared) ? null : declared;
	}

	sealed interface Value permits Iri, Literal, Node {
	}

	record Iri(String iri) implements Value {
	}

	record Literal(String lexical, @Nullable String language, @Nullable String datatype) implements Value {
	}

	/** A resource: named by an IRI, or a blank node (iri null) written inside its subject. */
	static final class Node implements Value {

		final @Nullable String iri;

		final List<String> types = new ArrayList<>();

		final Map<String, List<Value>> properties = new LinkedHashMap<>();

		Node(@Nullable String iri, String... types) {
			this.iri = iri;
			this.types.addAll(List.of(types));
		}

		Node add(String property, @Nullable Value value) {
			if (value != null) {
				this.properties.computeIfAbsent(property, k -> new ArrayList<>()).add(value);
			}
			return this;
		}

		/**
		 * A text in the language it is written in: {@code language} is what the field is meant to
		 * hold, but an English name typed into a Chinese field (or harvested from an English
		 * catalogue) is tagged by what it is, see {@link Rdf#language}.
		 */
		Node text(String property, @Nullable String text, @Nullable String language) {
			return text == null || text.isBlank() ? this
					: add(property, new Literal(text, Rdf.language(text, language), null));
		}

		Node typed(String property, @Nullable String lexical, String datatype) {
			return lexical == null ? this : add(property, new Literal(lexical, null, datatype));
		}

		Node link(String property, @Nullable String iri) {
			return iri == null ? this : add(property, new Iri(iri));
		}
	}

	// ---- Turtle -------------------------------------------------------------------------------

	static String turtle(List<Node> nodes) {
		StringBuilder out = new StringBuilder();
		PREFIXES.forEach((prefix, iri) -> out.append("@prefix ").append(prefix).append(": <").append(iri).append("> .\n"));
		for (Node node : nodes) {
			out.append('\n').append('<').append(escapeIri(node.iri)).append('>');
			body(node, out, "    ");
			out.append(" .\n");
		}
		return out.toString();
	}

	private static void body(Node node, StringBuilder out, String indent) {
		List<String> parts = new ArrayList<>();
		if (!node.types.isEmpty()) {
			parts.add("a " + String.join(", ", node.types));
		}
		node.properties.forEach((property, values) -> {
			List<String> written = new ArrayList<>();
			for (Value value : values) {
				written.add(turtleValue(value, indent + "    "));
			}
			parts.add(property + " " + String.join(", ", written));
		});
		for (int i = 0; i < parts.size(); i++) {
			out.append('\n').append(indent).append(parts.get(i)).append(i < parts.size() - 1 ? " ;" : "");
		}
	}

	private static String turtleValue(Value value, String indent) {
		return switch (value) {
			case Iri iri -> "<" + escapeIri(iri.iri()) + ">";
			case Literal literal -> "\"" + escapeString(literal.lexical()) + "\""
					+ (literal.language() != null ? "@" + literal.language()
							: literal.datatype() != null ? "^^" + literal.datatype() : "");
			case Node node when node.iri != null -> "<" + escapeIri(node.iri) + ">";
			case Node node -> {
				StringBuilder nested = new StringBuilder("[");
				body(node, nested, indent);
				yield nested.append('\n').append(indent, 0, Math.max(0, indent.length() - 4)).append(']').toString();
			}
		};
	}

	static String escapeString(String text) {
		StringBuilder out = new StringBuilder(text.length() + 8);
		for (char c : text.toCharArray()) {
			switch (c) {
				case '"' -> out.append("\\\"");
				case '\\' -> out.append("\\\\");
				case '\n' -> out.append("\\n");
				case '\r' -> out.append("\\r");
				case '\t' -> out.append("\\t");
				default -> {
					if (c < 0x20) {
						out.append(String.format("\\u%04X", (int) c));
					}
					else {
						out.append(c);
					}
				}
			}
		}
		return out.toString();
	}

	private static String escapeIri(@Nullable String iri) {
		if (iri == null) {
			throw new IllegalStateException("A top-level resource needs an IRI");
		}
		StringBuilder out = new StringBuilder();
		for (char c : iri.toCharArray()) {
			if (c <= 0x20 || "<>\"{}|^`\\".indexOf(c) >= 0) {
				out.append(String.format("%%%02X", (int) c));
			}
			else {
				out.append(c);
			}
		}
		return out.toString();
	}

	// ---- JSON-LD ------------------------------------------------------------------------------

	static String jsonLd(List<Node> nodes, JsonMapper json) {
		Map<String, Object> document = new LinkedHashMap<>();
		document.put("@context", new LinkedHashMap<>(PREFIXES));
		List<Object> graph = new ArrayList<>();
		for (Node node : nodes) {
			graph.add(jsonNode(node));
		}
		document.put("@graph", graph);
		return json.writerWithDefaultPrettyPrinter().writeValueAsString(document);
	}

	private static Map<String, Object> jsonNode(Node node) {
		Map<String, Object> object = new LinkedHashMap<>();
		if (node.iri != null) {
			object.put("@id", node.iri);
		}
		if (!node.types.isEmpty()) {
			object.put("@type", node.types);
		}
		node.properties.forEach((property, values) -> object.put(property, values.stream().map(Rdf::jsonValue).toList()));
		return object;
	}

	private static Object jsonValue(Value value) {
		return switch (value) {
			case Iri iri -> Map.of("@id", iri.iri());
			case Literal literal when literal.language() != null -> Map.of("@value", literal.lexical(), "@language",
					literal.language());
			case Literal literal when literal.datatype() != null -> Map.of("@value", literal.lexical(), "@type",
					literal.datatype());
			case Literal literal -> Map.of("@value", literal.lexical());
			case Node node when node.iri != null -> Map.of("@id", node.iri);
			case Node node -> jsonNode(node);
		};
	}
}
