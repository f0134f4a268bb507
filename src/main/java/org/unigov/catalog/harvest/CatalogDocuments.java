package org.unigov.catalog.harvest;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.apicatalog.jsonld.JsonLdError;
import com.apicatalog.jsonld.JsonLdErrorCode;
import com.apicatalog.jsonld.JsonLdOptions;
import com.apicatalog.jsonld.document.JsonDocument;
import org.apache.jena.rdf.model.Literal;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.rdf.model.Property;
import org.apache.jena.rdf.model.RDFNode;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.rdf.model.Statement;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.riot.RiotException;
import org.apache.jena.riot.lang.LangJSONLD11;
import org.apache.jena.sparql.util.Context;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.unigov.catalog.CatalogError;
import org.unigov.shared.problem.UnigovException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads an external catalogue: DCAT-US 1.1 {@code data.json} (Project Open Data) or DCAT-AP in
 * Turtle, RDF/XML or JSON-LD, told apart by their content. Nothing is mapped here; every field
 * is kept as the source wrote it.
 */
@Component
public class CatalogDocuments {

	/** What a document held and in which format. */
	public record Read(String format, List<HarvestedDataset> datasets) {
	}

	public static final String DCAT_US = "dcat-us";

	public static final String TURTLE = "turtle";

	public static final String RDF_XML = "rdf-xml";

	public static final String JSON_LD = "json-ld";

	private static final String DCAT = "http://www.w3.org/ns/dcat#";

	private static final String DCT = "http://purl.org/dc/terms/";

	private static final String FOAF = "http://xmlns.com/foaf/0.1/";

	private static final String VCARD = "http://www.w3.org/2006/vcard/ns#";

	private static final String SKOS = "http://www.w3.org/2004/02/skos/core#";

	private final JsonMapper json;

	private final CatalogFetcher fetcher;

	CatalogDocuments(JsonMapper json, CatalogFetcher fetcher) {
		this.json = json;
		this.fetcher = fetcher;
	}

	public Read read(byte[] document) {
		String text = new String(document, StandardCharsets.UTF_8).stripLeading();
		if (text.startsWith("\uFEFF")) {
			text = text.substring(1).stripLeading();
		}
		if (text.isEmpty()) {
			throw unreadable("The document is empty.");
		}
		if (text.startsWith("{") || text.startsWith("[")) {
			Object parsed;
			try {
				parsed = this.json.readValue(text, Object.class);
			}
			catch (JacksonException ex) {
				throw unreadable("The document is not valid JSON: " + ex.getOriginalMessage());
			}
			if (parsed instanceof Map<?, ?> map && map.get("dataset") instanceof List<?> && !map.containsKey("@graph")) {
				return new Read(DCAT_US, dcatUs(map));
			}
			return new Read(JSON_LD, rdf(text, Lang.JSONLD));
		}
		if (text.startsWith("<?xml") || text.startsWith("<rdf:RDF") || text.startsWith("<RDF")) {
			return new Read(RDF_XML, rdf(text, Lang.RDFXML));
		}
		return new Read(TURTLE, rdf(text, Lang.TURTLE));
	}

	private static UnigovException unreadable(String message) {
		return new UnigovException(CatalogError.HARVEST_UNREADABLE,
				message + " Upload a DCAT-US 1.1 data.json or DCAT-AP in Turtle, RDF/XML or JSON-LD.");
	}

	// ---- DCAT-US 1.1 (data.json) ----------------------------------------------------------------

	private static List<HarvestedDataset> dcatUs(Map<?, ?> catalog) {
		List<HarvestedDataset> datasets = new ArrayList<>();
		for (Object item : (List<?>) catalog.get("dataset")) {
			if (!(item instanceof Map<?, ?> d)) {
				continue;
			}
			String identifier = string(d.get("identifier"));
			Map<?, ?> publisher = d.get("publisher") instanceof Map<?, ?> p ? p : Map.of();
			Map<?, ?> contact = d.get("contactPoint") instanceof Map<?, ?> c ? c : Map.of();
			List<HarvestedDataset.Distribution> distributions = new ArrayList<>();
			if (d.get("distribution") instanceof List<?> list) {
				for (Object o : list) {
					if (o instanceof Map<?, ?> dist) {
						distributions.add(new HarvestedDataset.Distribution(string(dist.get("title")),
								string(dist.get("accessURL")), string(dist.get("downloadURL")), string(dist.get("format")),
								string(dist.get("mediaType"))));
					}
				}
			}
			List<String> keywords = new ArrayList<>();
			if (d.get("keyword") instanceof List<?> list) {
				list.stream().map(CatalogDocuments::string).filter(k -> k != null).forEach(keywords::add);
			}
			else if (string(d.get("keyword")) != null) {
				keywords.add(string(d.get("keyword")));
			}
			datasets.add(new HarvestedDataset(identifier == null ? "" : identifier, string(d.get("title")),
					string(d.get("description")), language(d.get("language")), distinct(keywords),
					string(publisher.get("name")), string(d.get("license")), string(d.get("issued")),
					string(d.get("modified")), string(d.get("landingPage")), string(contact.get("fn")),
					mail(string(contact.get("hasEmail"))), string(d.get("accrualPeriodicity")),
					string(d.get("temporal")), distributions));
		}
		return datasets;
	}

	private static @Nullable String language(@Nullable Object value) {
		Object first = value instanceof List<?> list && !list.isEmpty() ? list.get(0) : value;
		String code = string(first);
		return code == null ? null : code.toLowerCase(Locale.ROOT).split("[-_]")[0];
	}

	private static @Nullable String string(@Nullable Object value) {
		if (value == null) {
			return null;
		}
		String text = value.toString().strip();
		return text.isEmpty() ? null : text;
	}

	private static @Nullable String mail(@Nullable String value) {
		return value != null && value.regionMatches(true, 0, "mailto:", 0, 7) ? value.substring(7) : value;
	}

	private static List<String> distinct(Collection<String> values) {
		return List.copyOf(new LinkedHashSet<>(values));
	}

	// ---- DCAT-AP (RDF) --------------------------------------------------------------------------

	/**
	 * Parses RDF. A JSON-LD document's remote {@code @context} is fetched through the
	 * {@link CatalogFetcher}, with its address checks, timeouts and size limit, never by the
	 * parser's own HTTP client.
	 */
	private List<HarvestedDataset> rdf(String text, Lang lang) {
		Model model = model(text, lang);
		List<HarvestedDataset> datasets = new ArrayList<>();
		Resource datasetClass = model.createResource(DCAT + "Dataset");
		for (Resource d : model.listSubjectsWithProperty(RDF.type, datasetClass).toList()) {
			datasets.add(dataset(d, model));
		}
		return datasets;
	}

	private Model model(String text, Lang lang) {
		Model model = ModelFactory.createDefaultModel();
		JsonLdOptions options = new JsonLdOptions();
		options.setDocumentLoader((uri, loaderOptions) -> {
			try {
				return JsonDocument
					.of(new ByteArrayInputStream(this.fetcher.fetch(uri.toString())));
			}
			catch (UnigovException ex) {
				throw new JsonLdError(
						JsonLdErrorCode.LOADING_REMOTE_CONTEXT_FAILED, ex.getMessage());
			}
		});
		try {
			RDFParser.create()
				.fromString(text)
				.lang(lang)
				.base("urn:harvest:")
				.context(Context.create()
					.set(LangJSONLD11.JSONLD_OPTIONS, options))
				.parse(model);
		}
		catch (RiotException ex) {
			throw unreadable("The document is not valid " + lang.getLabel() + ": " + ex.getMessage());
		}
		return model;
	}

	private static HarvestedDataset dataset(Resource d, Model model) {
		Literal title = preferred(d, p(model, DCT, "title"));
		Literal description = preferred(d, p(model, DCT, "description"));
		String language = title != null && !title.getLanguage().isEmpty() ? title.getLanguage()
				: description != null && !description.getLanguage().isEmpty() ? description.getLanguage()
						: text(d.getProperty(p(model, DCT, "language")));
		List<String> keywords = new ArrayList<>();
		d.listProperties(p(model, DCAT, "keyword")).forEach(s -> keywords.add(s.getObject().isLiteral()
				? s.getLiteral().getLexicalForm().strip() : label(s.getObject())));
		String identifier = text(d.getProperty(p(model, DCT, "identifier")));
		if (identifier == null && d.isURIResource()) {
			identifier = d.getURI();
		}
		Resource contact = resource(d, p(model, DCAT, "contactPoint"));
		List<HarvestedDataset.Distribution> distributions = new ArrayList<>();
		String licence = text(d.getProperty(p(model, DCT, "license")));
		Set<String> distributionLicences = distributions(d, model, distributions);
		if (licence == null && distributionLicences.size() == 1) {
			licence = distributionLicences.iterator().next();
		}
		Resource landing = resource(d, p(model, DCAT, "landingPage"));
		if (landing == null) {
			landing = resource(d, p(model, FOAF, "homepage"));
		}
		return new HarvestedDataset(identifier == null ? "" : identifier.strip(),
				title == null ? null : title.getLexicalForm().strip(),
				description == null ? null : description.getLexicalForm().strip(), language, distinct(keywords),
				agent(d.getProperty(p(model, DCT, "publisher"))), licence,
				text(d.getProperty(p(model, DCT, "issued"))), text(d.getProperty(p(model, DCT, "modified"))),
				landing != null && landing.isURIResource() ? landing.getURI() : null,
				contact == null ? null : text(contact.getProperty(p(model, VCARD, "fn"))),
				contact == null ? null : mail(text(contact.getProperty(p(model, VCARD, "hasEmail")))),
				frequency(d.getProperty(p(model, DCT, "accrualPeriodicity"))),
				temporal(resource(d, p(model, DCT, "temporal")), model), distributions);
	}

	/** Adds the dataset's distributions to the list; returns the licences they state. */
	private static Set<String> distributions(Resource d, Model model, List<HarvestedDataset.Distribution> distributions) {
		Set<String> distributionLicences = new LinkedHashSet<>();
		for (Statement s : d.listProperties(p(model, DCAT, "distribution")).toList()) {
			if (!s.getObject().isResource()) {
				continue;
			}
			Resource dist = s.getResource();
			Literal distTitle = preferred(dist, p(model, DCT, "title"));
			distributions.add(new HarvestedDataset.Distribution(
					distTitle == null ? null : distTitle.getLexicalForm().strip(),
					text(dist.getProperty(p(model, DCAT, "accessURL"))),
					text(dist.getProperty(p(model, DCAT, "downloadURL"))), format(dist.getProperty(p(model, DCT, "format"))),
					format(dist.getProperty(p(model, DCAT, "mediaType")))));
			String distLicence = text(dist.getProperty(p(model, DCT, "license")));
			if (distLicence != null) {
				distributionLicences.add(distLicence);
			}
		}
		return distributionLicences;
	}

	private static Property p(Model model, String namespace, String local) {
		return model.createProperty(namespace + local);
	}

	/** The literal to take for a text: Chinese, English, untagged, then whatever comes first. */
	private static @Nullable Literal preferred(Resource subject, Property property) {
		List<Literal> literals = subject.listProperties(property)
			.filterKeep(s -> s.getObject().isLiteral())
			.mapWith(Statement::getLiteral)
			.toList();
		for (String lang : List.of("zh", "en", "")) {
			for (Literal l : literals) {
				if (l.getLanguage().toLowerCase(Locale.ROOT).startsWith(lang) && (!lang.isEmpty() || l.getLanguage().isEmpty())) {
					return l;
				}
			}
		}
		return literals.isEmpty() ? null : literals.get(0);
	}

	private static @Nullable Resource resource(Resource subject, Property property) {
		Statement s = subject.getProperty(property);
		return s != null && s.getObject().isResource() ? s.getResource() : null;
	}

	private static @Nullable String text(@Nullable Statement s) {
		if (s == null) {
			return null;
		}
		RDFNode o = s.getObject();
		String value = o.isLiteral() ? o.asLiteral().getLexicalForm() : o.isURIResource() ? o.asResource().getURI()
				: label(o);
		return value == null || value.isBlank() ? null : value.strip();
	}

	/** A resource's name: foaf:name, skos:prefLabel, rdfs:label, vcard:fn, rdf:value. */
	private static @Nullable String label(RDFNode node) {
		if (!node.isResource()) {
			return node.isLiteral() ? node.asLiteral().getLexicalForm() : null;
		}
		Resource r = node.asResource();
		Model m = r.getModel();
		for (Property property : List.of(m.createProperty(FOAF + "name"), m.createProperty(SKOS + "prefLabel"), RDFS.label,
				m.createProperty(VCARD + "fn"), RDF.value)) {
			Literal l = preferred(r, property);
			if (l != null) {
				return l.getLexicalForm().strip();
			}
		}
		return r.isURIResource() ? r.getURI() : null;
	}

	private static @Nullable String agent(@Nullable Statement s) {
		return s == null ? null : label(s.getObject());
	}

	/** A format: the label of an IMT resource, the last segment of a vocabulary IRI, or the text. */
	private static @Nullable String format(@Nullable Statement s) {
		if (s == null) {
			return null;
		}
		RDFNode o = s.getObject();
		if (o.isLiteral()) {
			return o.asLiteral().getLexicalForm().strip();
		}
		Resource r = o.asResource();
		Statement value = r.getProperty(RDF.value);
		Statement label = r.getProperty(RDFS.label);
		if (label != null || value != null) {
			return text(label != null ? label : value);
		}
		String iri = r.getURI();
		return iri == null ? null : iri.substring(Math.max(iri.lastIndexOf('/'), iri.lastIndexOf('#')) + 1);
	}

	private static @Nullable String frequency(@Nullable Statement s) {
		if (s == null) {
			return null;
		}
		RDFNode o = s.getObject();
		if (o.isLiteral()) {
			return o.asLiteral().getLexicalForm().strip();
		}
		Resource r = o.asResource();
		if (r.isURIResource() && r.getURI().startsWith("http://publications.europa.eu/resource/authority/frequency/")) {
			return r.getURI();
		}
		Statement value = r.getProperty(RDF.value);
		if (value != null && value.getObject().isResource()) {
			Statement years = value.getResource().getProperty(r.getModel().createProperty("http://www.w3.org/2006/time#years"));
			if (years != null && years.getObject().isLiteral() && years.getDouble() == 1.0) {
				return "R/P1Y";
			}
		}
		return r.isURIResource() ? r.getURI() : null;
	}

	private static @Nullable String temporal(@Nullable Resource period, Model model) {
		if (period == null) {
			return null;
		}
		String start = text(period.getProperty(p(model, DCAT, "startDate")));
		String end = text(period.getProperty(p(model, DCAT, "endDate")));
		if (start == null) {
			start = text(period.getProperty(model.createProperty("http://schema.org/startDate")));
		}
		if (end == null) {
			end = text(period.getProperty(model.createProperty("http://schema.org/endDate")));
		}
		return start == null && end == null ? null : (start == null ? "" : start) + "/" + (end == null ? "" : end);
	}
}
