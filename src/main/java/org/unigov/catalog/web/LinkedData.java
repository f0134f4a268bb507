package org.unigov.catalog.web;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.unigov.catalog.CatalogEntry;
import org.unigov.catalog.CatalogError;
import org.unigov.catalog.internal.EntryReads;
import org.unigov.shared.problem.UnigovException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The IRIs the DCAT export mints resolve (linked data, "Cool URIs for the Semantic Web"): a browser
 * asking for HTML is sent (303) to the page about the thing; an RDF client gets its description
 * as Turtle ({@code text/turtle}) or JSON-LD ({@code application/ld+json}) by its Accept header;
 * any other type is refused with 406 problem+json. Answers vary by Accept.
 */
@RestController
@Tag(name = "Open data")
class LinkedData {

	static final MediaType TURTLE = MediaType.parseMediaType("text/turtle");

	static final MediaType JSON_LD = MediaType.parseMediaType("application/ld+json");

	/** What the IRIs offer, in the order preferred when the client accepts several equally. */
	static final List<MediaType> OFFERED = List.of(MediaType.TEXT_HTML, TURTLE, JSON_LD);

	private final EntryReads reads;

	private final DcatExport dcat;

	private final JsonMapper json;

	LinkedData(EntryReads reads, DcatExport dcat, JsonMapper json) {
		this.reads = reads;
		this.dcat = dcat;
		this.json = json;
	}

	@GetMapping("/open/datasets/{id}")
	@Operation(summary = "A dataset's IRI: HTML page, Turtle or JSON-LD by the Accept header")
	ResponseEntity<String> dataset(@PathVariable UUID id, @RequestHeader(value = HttpHeaders.ACCEPT, required = false)
			@Nullable String accept) throws HttpMediaTypeNotAcceptableException {
		MediaType type = choose(accept);
		CatalogEntry entry = this.reads.openEntry(id);
		String base = base();
		if (type.equals(MediaType.TEXT_HTML)) {
			return seeOther(base + "/open/resources/" + entry.id());
		}
		String iri = base + "/open/datasets/" + entry.id();
		return describe(type, this.dcat.graph(base, List.of(entry)), iri);
	}

	@GetMapping({ "/open/catalog", "/open/publisher", "/open/api", "/open/agencies/{code}", "/open/divisions/{code}" })
	@Operation(summary = "The catalogue's, publisher's, search service's, an agency's or a division's IRI")
	ResponseEntity<String> resource(HttpServletRequest request,
			@RequestHeader(value = HttpHeaders.ACCEPT, required = false) @Nullable String accept)
			throws HttpMediaTypeNotAcceptableException {
		MediaType type = choose(accept);
		String base = base();
		String iri = base + request.getRequestURI().substring(request.getContextPath().length());
		List<Rdf.Node> graph = this.dcat.graph(base, this.reads.openEntries());
		if (find(graph, iri).isEmpty()) {
			throw UnigovException.notFound(CatalogError.ENTRY_NOT_FOUND, "Open data resource", iri);
		}
		if (type.equals(MediaType.TEXT_HTML)) {
			return seeOther(base + "/open");
		}
		return describe(type, graph, iri);
	}

	private ResponseEntity<String> describe(MediaType type, List<Rdf.Node> graph, String iri) {
		Rdf.Node node = find(graph, iri)
			.orElseThrow(() -> UnigovException.notFound(CatalogError.ENTRY_NOT_FOUND, "Open data resource", iri));
		List<Rdf.Node> description = List.of(node);
		MediaType answer = new MediaType(type, StandardCharsets.UTF_8);
		String body = type.equals(TURTLE) ? Rdf.turtle(description) : Rdf.jsonLd(description, this.json);
		return ResponseEntity.ok().contentType(answer).header(HttpHeaders.VARY, HttpHeaders.ACCEPT).body(body);
	}

	private static Optional<Rdf.Node> find(List<Rdf.Node> graph, String iri) {
		return graph.stream().filter(n -> iri.equals(n.iri)).findFirst();
	}

	private static ResponseEntity<String> seeOther(String location) {
		return ResponseEntity.status(HttpStatus.SEE_OTHER)
			.location(URI.create(location))
			.header(HttpHeaders.VARY, HttpHeaders.ACCEPT)
			.build();
	}

	private static String base() {
		return ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString();
	}

	/**
	 * The offered type the client prefers: the highest quality of the most specific range that
	 * includes it; ties go to the earlier offer (HTML for a browser's or a missing Accept).
	 */
	static MediaType choose(@Nullable String accept) throws HttpMediaTypeNotAcceptableException {
		List<MediaType> ranges;
		try {
			ranges = accept == null || accept.isBlank() ? List.of(MediaType.ALL) : MediaType.parseMediaTypes(accept);
		}
		catch (InvalidMediaTypeException ex) {
			throw new HttpMediaTypeNotAcceptableException(OFFERED);
		}
		MediaType best = null;
		double bestQuality = 0;
		for (MediaType offer : OFFERED) {
			double quality = quality(offer, ranges);
			if (quality > bestQuality) {
				best = offer;
				bestQuality = quality;
			}
		}
		if (best == null) {
			throw new HttpMediaTypeNotAcceptableException(OFFERED);
		}
		return best;
	}

	private static double quality(MediaType offer, List<MediaType> ranges) {
		int specificity = -1;
		double quality = 0;
		for (MediaType range : ranges) {
			if (!range.includes(offer)) {
				continue;
			}
			int s = range.isWildcardType() ? 0 : range.isWildcardSubtype() ? 1 : 2;
			if (s > specificity) {
				specificity = s;
				quality = range.getQualityValue();
			}
		}
		return quality;
	}
}
