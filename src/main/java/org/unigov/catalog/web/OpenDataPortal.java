package org.unigov.catalog.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.unigov.catalog.CatalogEntry;
import org.unigov.catalog.CatalogLabels;
import org.unigov.catalog.OpenApis;
import org.unigov.catalog.internal.Distributions;
import org.unigov.catalog.internal.EntryReads;
import org.unigov.catalog.search.CatalogSearch;
import org.unigov.catalog.search.EntryIndex;
import tools.jackson.databind.json.JsonMapper;

/**
 * The open-data portal (公共数据开放): public pages, no sign-in, listing only published entries
 * whose open attribute allows opening (C5), a public search API, and the DCAT-AP 3.0.1 export of
 * the open catalogue in Turtle and JSON-LD. Nothing here changes state.
 */
@Controller
@Tag(name = "Open data", description = "The public open-data catalogue and its DCAT-AP 3.0.1 export")
class OpenDataPortal {

	static final MediaType TURTLE = MediaType.parseMediaType("text/turtle;charset=UTF-8");

	static final MediaType JSON_LD = MediaType.parseMediaType("application/ld+json;charset=UTF-8");

	private final CatalogSearch search;

	private final EntryReads reads;

	private final DcatExport dcat;

	private final CatalogLabels labels;

	private final JsonMapper json;

	private final Distributions distributions;

	private final ObjectProvider<OpenApis> apis;

	OpenDataPortal(CatalogSearch search, EntryReads reads, DcatExport dcat, CatalogLabels labels, JsonMapper json,
			Distributions distributions, ObjectProvider<OpenApis> apis) {
		this.apis = apis;
		this.distributions = distributions;
		this.search = search;
		this.reads = reads;
		this.dcat = dcat;
		this.labels = labels;
		this.json = json;
	}

	@GetMapping("/open")
	String index(@RequestParam(required = false) @Nullable String q,
			@ModelAttribute("facetParams") FacetParams params, @RequestParam(defaultValue = "0") int page, Model model) {
		Map<String, Set<String>> facets = params.selectedForPublic();
		CatalogSearch.Results results = this.search.searchOpen(new CatalogSearch.Query(q, facets,
				q == null || q.isBlank() ? "newest" : "relevance", Math.max(0, page), 20));
		model.addAttribute("results", results);
		model.addAttribute("selected", facets);
		model.addAttribute("labels", this.labels);
		model.addAttribute("dimensions", PUBLIC_DIMENSIONS);
		model.addAttribute("titleZh", this.dcat.titleZh());
		model.addAttribute("titleEn", this.dcat.titleEn());
		model.addAttribute("page", this.labels.page(results));
		return "catalog/open";
	}

	@GetMapping("/open/resources/{id}")
	String resource(@PathVariable UUID id, Model model) {
		CatalogEntry entry = this.reads.openEntry(id);
		model.addAttribute("entry", entry);
		model.addAttribute("labels", this.labels);
		model.addAttribute("licence", this.dcat.licence());
		model.addAttribute("files", this.distributions.openFiles(entry));
		OpenApis apis = this.apis.getIfAvailable();
		String base = ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString();
		model.addAttribute("openApi", apis == null ? null : apis.of(List.of(entry.id()), base).get(entry.id()));
		return "catalog/open-resource";
	}

	@GetMapping(path = "/open/api/resources", produces = MediaType.APPLICATION_JSON_VALUE)
	@ResponseBody
	@Operation(summary = "Search the open catalogue (no sign-in)",
			description = "Only published entries whose open attribute is open or open-conditional (C5).")
	OpenResults api(@RequestParam(required = false) @Nullable String q,
			@ParameterObject @ModelAttribute("facetParams") FacetParams params,
			@RequestParam(defaultValue = "relevance") String sort, @RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "20") int size) {
		CatalogSearch.Results results = this.search
			.searchOpen(new CatalogSearch.Query(q, params.selectedForPublic(), sort, page, size));
		String base = ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString();
		Map<String, List<EntryIndex.FacetCount>> facets = new LinkedHashMap<>();
		PUBLIC_DIMENSIONS.forEach(d -> facets.put(d, results.facets().getOrDefault(d, List.of())));
		return new OpenResults(results.total(), results.page(), results.size(),
				results.hits().stream().map(h -> OpenHit.of(h, base)).toList(), facets);
	}

	/** The dimensions the public sees: how departments share among themselves is not public. */
	static final List<String> PUBLIC_DIMENSIONS = List.of("openAttribute", "agency", "classification", "format",
			"updateFrequency");

	/** The open search as the public gets it: no sharing type, grade or workflow status. */
	record OpenResults(long total, int page, int size, List<OpenHit> hits,
			Map<String, List<EntryIndex.FacetCount>> facets) {
	}

	record OpenHit(String id, String code, String name, @Nullable String nameEn, String summary,
			@Nullable String summaryEn, String provider, String providerEn, String divisionCode, List<String> items,
			List<String> keywords, String openAttribute, String format, String updateFrequency, String classification,
			String url) {

		static OpenHit of(EntryIndex.IndexedEntry h, String base) {
			return new OpenHit(h.id(), h.code(), h.name(), h.nameEn(), h.summary(), h.summaryEn(), h.agencyNameZh(),
					h.agencyNameEn(), h.divisionCode(), h.items(), h.keywords(), h.openAttribute(), h.format(),
					h.updateFrequency(), h.classification(), base + "/open/resources/" + h.id());
		}
	}

	@GetMapping("/open/catalog.ttl")
	@Operation(summary = "The open catalogue as DCAT-AP 3.0.1 in Turtle")
	ResponseEntity<String> turtle(HttpServletRequest request) {
		return ResponseEntity.ok().contentType(TURTLE).body(Rdf.turtle(graph()));
	}

	@GetMapping("/open/catalog.jsonld")
	@Operation(summary = "The open catalogue as DCAT-AP 3.0.1 in JSON-LD")
	ResponseEntity<String> jsonLd() {
		return ResponseEntity.ok().contentType(JSON_LD).body(Rdf.jsonLd(graph(), this.json));
	}

	private List<Rdf.Node> graph() {
		String base = ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString();
		return this.dcat.graph(base, this.reads.openEntries());
	}
}
