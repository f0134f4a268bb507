package org.unigov.catalog.web;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.unigov.catalog.CatalogEntry;
import org.unigov.catalog.DataFormat;
import org.unigov.catalog.DataItem;
import org.unigov.catalog.EntryContent;
import org.unigov.catalog.OpenApis;
import org.unigov.catalog.OpenAttribute;
import org.unigov.catalog.UpdateFrequency;
import org.unigov.catalog.harvest.HarvestedDataset;
import org.unigov.catalog.harvest.Harvester;
import org.unigov.catalog.internal.Distribution;
import org.unigov.catalog.internal.Distributions;
import org.unigov.catalog.internal.OpenDataProperties;
import org.unigov.catalog.web.Rdf.Node;
import org.unigov.organization.Division;
import org.unigov.organization.OrganizationDirectory;

/**
 * The open catalog as DCAT-AP 3.0.1: one dcat:Catalog with its publisher, one dcat:Dataset per
 * open entry with its distribution, and the open search API as a dcat:DataService. Mandatory
 * properties are always present; of the recommended ones we give contact point, distribution,
 * keyword, theme (EU data themes), publisher, spatial and temporal coverage, and on
 * distributions format (EU file types), licence and description. Frequencies and access rights
 * use the EU authority tables.
 *
 * <p>Beyond the mandatory shapes: the licence is a {@code dct:LicenseDocument} with its ADMS
 * licence type, landing pages and the homepage are {@code foaf:Document}s, every distribution
 * states its {@code dcatap:availability}, every publisher its ADMS publisher type (the province's
 * departments are regional authorities, cities' and counties' local ones), and each text carries
 * the language it is written in ({@link Rdf#language}).
 */
@Component
class DcatExport {

	private static final String EU = "http://publications.europa.eu/resource/authority/";

	private static final String PUBLISHER_TYPE = "http://purl.org/adms/publishertype/";

	/** Resource classification (项) to EU data theme. */
	private static final Map<String, String> THEMES = Map.ofEntries(Map.entry("101", "SOCI"), Map.entry("102", "ECON"),
			Map.entry("103", "ENVI"), Map.entry("104", "ECON"), Map.entry("105", "GOVE"), Map.entry("201", "HEAL"),
			Map.entry("202", "SOCI"), Map.entry("203", "HEAL"), Map.entry("204", "GOVE"), Map.entry("205", "REGI"),
			Map.entry("206", "SOCI"), Map.entry("207", "ENVI"), Map.entry("208", "JUST"), Map.entry("209", "ECON"),
			Map.entry("210", "EDUC"), Map.entry("211", "TRAN"), Map.entry("301", "JUST"), Map.entry("302", "SOCI"),
			Map.entry("303", "ECON"), Map.entry("304", "SOCI"), Map.entry("305", "HEAL"), Map.entry("306", "ENVI"),
			Map.entry("307", "ECON"), Map.entry("308", "GOVE"), Map.entry("309", "GOVE"));

	private final OrganizationDirectory organizations;

	private final Distributions distributions;
	private final Harvester harvester;

	private final String titleZh;

	private final String titleEn;

	private final String descriptionZh;

	private final String descriptionEn;

	private final String publisherZh;

	private final String publisherEn;

	private final String licence;

	private final ObjectProvider<OpenApis> openApis;

	DcatExport(OrganizationDirectory organizations, Distributions distributions, Harvester harvester,
			OpenDataProperties open, ObjectProvider<OpenApis> openApis) {
		this.openApis = openApis;
		this.organizations = organizations;
		this.distributions = distributions;
		this.harvester = harvester;
		this.titleZh = open.titleZh();
		this.titleEn = open.titleEn();
		this.descriptionZh = open.descriptionZh();
		this.descriptionEn = open.descriptionEn();
		this.publisherZh = open.publisherZh();
		this.publisherEn = open.publisherEn();
		this.licence = open.licence();
	}

	String titleZh() {
		return this.titleZh;
	}

	String titleEn() {
		return this.titleEn;
	}

	String licence() {
		return this.licence;
	}

	/** Every resource of the catalogue, top-level, in a stable order. */
	List<Node> graph(String base, List<CatalogEntry> entries) {
		// the open APIs the exchange serves for some of the entries, by entry id
		OpenApis served = this.openApis.getIfAvailable();
		Map<UUID, OpenApis.OpenApi> apis = served == null || entries.isEmpty() ? Map.of()
				: served.of(entries.stream().map(CatalogEntry::id).toList(), base);
		String catalogIri = base + "/open/catalog";
		List<Node> nodes = new ArrayList<>();
		Map<String, Node> agents = new LinkedHashMap<>();
		Map<String, Node> places = new LinkedHashMap<>();
		Node publisher = new Node(base + "/open/publisher", "foaf:Agent").text("foaf:name", this.publisherZh, "zh")
			.text("foaf:name", this.publisherEn, "en")
			.link("dct:type", PUBLISHER_TYPE + "RegionalAuthority");
		Node service = service(base, publisher);
		Node catalog = catalog(base, catalogIri, publisher, service);
		Map<UUID, Optional<String>> stated = this.harvester
			.statedLicences(entries.stream().map(CatalogEntry::id).toList());
		Map<String, Node> licences = new LinkedHashMap<>();
		licences.put(this.licence, licence(this.licence));
		List<Node> documents = new ArrayList<>();
		documents.add(new Node(base + "/open", "foaf:Document"));
		List<Node> datasets = new ArrayList<>();
		Map<UUID, List<Distribution>> files = this.distributions.openFiles(entries);
		for (CatalogEntry entry : entries) {
			Node agent = agents.computeIfAbsent(entry.providerCode(), code -> agent(base, code, entry));
			Node place = places.computeIfAbsent(entry.divisionCode(), code -> location(base, code));
			// A harvested entry carries the licence its source states, never the platform's default over it.
			String licence = stated.containsKey(entry.id()) ? stated.get(entry.id()).orElse(null) : this.licence;
			if (licence != null && isIri(licence)) {
				licences.computeIfAbsent(licence, DcatExport::licence);
			}
			Node dataset = dataset(base, entry, agent, place, files.getOrDefault(entry.id(), List.of()),
					sourced(stated, entry), licence);
			OpenApis.OpenApi api = apis.get(entry.id());
			if (api != null) {
				dataset.add("dcat:distribution", DcatDistributions.api(base, entry, api, agent, dataset, licence));
			}
			datasets.add(dataset);
			documents.add(new Node(base + "/open/resources/" + entry.id(), "foaf:Document"));
			catalog.add("dcat:dataset", dataset);
			service.add("dcat:servesDataset", dataset);
		}
		dated(catalog, entries);
		String province = province(places.keySet());
		if (province != null) {
			catalog.add("dct:spatial", places.computeIfAbsent(province, code -> location(base, code)));
		}
		nodes.add(catalog);
		nodes.addAll(licences.values());
		nodes.addAll(documents);
		nodes.add(publisher);
		nodes.add(service);
		nodes.addAll(datasets);
		nodes.addAll(agents.values());
		nodes.addAll(places.values());
		return nodes;
	}

	/** The catalogue's own search API, as a data service. */
	private Node service(String base, Node publisher) {
		return new Node(base + "/open/api", "dcat:DataService")
			.text("dct:title", "开放数据目录检索接口", "zh")
			.text("dct:title", "Open data catalogue search API", "en")
			.link("dcat:endpointURL", base + "/open/api/resources")
			.link("dcat:endpointDescription", base + "/v3/api-docs")
			.link("dct:conformsTo", "https://spec.openapis.org/oas/v3.1.0")
			.link("dcat:theme", EU + "data-theme/GOVE")
			.text("dcat:keyword", "公共数据开放", "zh")
			.text("dcat:keyword", "open data", "en")
			.add("dcat:contactPoint", new Node(null, "vcard:Organization").text("vcard:fn", this.publisherZh, "zh")
				.text("vcard:fn", this.publisherEn, "en"))
			.add("dct:publisher", publisher);
	}

	private Node catalog(String base, String catalogIri, Node publisher, Node service) {
		return new Node(catalogIri, "dcat:Catalog").text("dct:title", this.titleZh, "zh")
			.text("dct:title", this.titleEn, "en")
			.text("dct:description", this.descriptionZh, "zh")
			.text("dct:description", this.descriptionEn, "en")
			.add("dct:publisher", publisher)
			.link("foaf:homepage", base + "/open")
			.link("dct:language", EU + "language/ZHO")
			.link("dct:license", this.licence)
			.link("dcat:themeTaxonomy", EU + "data-theme")
			.add("dcat:service", service);
	}

	private Node agent(String base, String code, CatalogEntry entry) {
		return new Node(base + "/open/agencies/" + code, "foaf:Agent").text("foaf:name", entry.providerNameZh(), "zh")
			.text("foaf:name", entry.providerNameEn(), "en")
			.typed("dct:identifier", code, "xsd:string")
			.link("dct:type", publisherType(entry.divisionCode()));
	}

	/** The distributions a harvested entry's source lists, at their own addresses. */
	private List<HarvestedDataset.Distribution> sourced(
			Map<UUID, Optional<String>> stated, CatalogEntry entry) {
		if (!stated.containsKey(entry.id())) {
			return List.of();
		}
		return this.harvester.sourceMetadata(entry.id())
			.map(HarvestedDataset::distributions)
			.orElse(List.of());
	}

	/** The catalogue was issued when its first entry was first published and modified when one last was. */
	private static void dated(Node catalog, List<CatalogEntry> entries) {
		Instant modified = null;
		Instant issued = null;
		for (CatalogEntry entry : entries) {
			Instant changed = entry.publishedAt();
			if (changed != null && (modified == null || changed.isAfter(modified))) {
				modified = changed;
			}
			Instant first = entry.firstPublishedAt();
			if (first != null && (issued == null || first.isBefore(issued))) {
				issued = first;
			}
		}
		if (issued != null) {
			catalog.typed("dct:issued", dateTime(issued), "xsd:dateTime");
		}
		if (modified != null) {
			catalog.typed("dct:modified", dateTime(modified), "xsd:dateTime");
		}
	}

	private Node dataset(String base, CatalogEntry entry, Node agent, Node place, List<Distribution> files,
			List<HarvestedDataset.Distribution> sourced,
			@Nullable String licence) {
		EntryContent c = entry.content();
		String landing = base + "/open/resources/" + entry.id();
		Node dataset = new Node(base + "/open/datasets/" + entry.id(), "dcat:Dataset").text("dct:title", c.name(), "zh")
			.text("dct:title", c.nameEn(), "en")
			.text("dct:description", c.summary(), "zh")
			.text("dct:description", c.summaryEn(), "en")
			.typed("dct:identifier", entry.code(), "xsd:string")
			.add("dct:publisher", agent)
			.link("dcat:landingPage", landing)
			.link("dct:accrualPeriodicity", EU + "frequency/" + frequency(c.updateFrequency()))
			.link("dct:accessRights", EU + "access-right/" + (c.openAttribute() == OpenAttribute.OPEN ? "PUBLIC" : "RESTRICTED"))
			.link("dcat:theme", theme(c.classification()))
			.add("dct:spatial", place);
		for (String keyword : c.keywords()) {
			dataset.text("dcat:keyword", keyword, "zh");
		}
		for (DataItem item : c.items()) {
			dataset.text("dcat:keyword", item.name(), "zh");
		}
		if (entry.firstPublishedAt() != null) {
			dataset.typed("dct:issued", dateTime(entry.firstPublishedAt()), "xsd:dateTime");
		}
		if (entry.publishedAt() != null) {
			dataset.typed("dct:modified", dateTime(entry.publishedAt()), "xsd:dateTime");
		}
		Node contact = new Node(null, "vcard:Organization").text("vcard:fn",
				c.contactName() != null ? c.contactName() : entry.providerNameZh(), "zh");
		if (c.contactEmail() != null) {
			contact.link("vcard:hasEmail", "mailto:" + c.contactEmail());
		}
		if (c.contactPhone() != null) {
			contact.link("vcard:hasTelephone", "tel:" + c.contactPhone().replace(" ", ""));
		}
		dataset.add("dcat:contactPoint", contact);
		if (c.coverageFrom() != null || c.coverageTo() != null) {
			Node period = new Node(null, "dct:PeriodOfTime");
			period.typed("dcat:startDate", c.coverageFrom() == null ? null : c.coverageFrom().toString(), "xsd:date");
			period.typed("dcat:endDate", c.coverageTo() == null ? null : c.coverageTo().toString(), "xsd:date");
			dataset.add("dct:temporal", period);
		}
		for (Node distribution : DcatDistributions.of(base, entry, files, sourced, licence)) {
			dataset.add("dcat:distribution", distribution);
		}
		return dataset;
	}

	private Node location(String base, String code) {
		Node place = new Node(base + "/open/divisions/" + code, "dct:Location").typed("dct:identifier", code, "xsd:string");
		Division division = this.organizations.division(code).orElse(null);
		if (division != null) {
			place.text("skos:prefLabel", division.nameZh(), "zh").text("skos:prefLabel", division.nameEn(), "en");
		}
		return place;
	}

	static boolean isIri(String text) {
		return text.matches("https?://\\S+");
	}

	/** The licence as a dct:LicenseDocument, with its ADMS licence type where the IRI says which it is. */
	static Node licence(String iri) {
		Node licence = new Node(iri, "dct:LicenseDocument");
		String lower = iri.toLowerCase(Locale.ROOT);
		String type = lower.contains("publicdomain") ? "PublicDomain"
				: lower.contains("creativecommons.org/licenses/by") || lower.contains("/ogl") ? "Attribution" : null;
		return licence.link("dct:type", type == null ? null : "http://purl.org/adms/licencetype/" + type);
	}

	/** A department of the province itself is a regional authority; one of a city or county a local authority. */
	private String publisherType(String divisionCode) {
		Division division = this.organizations.division(divisionCode).orElse(null);
		return PUBLISHER_TYPE + (division != null && division.level() > 1 ? "LocalAuthority" : "RegionalAuthority");
	}

	/** The province the catalogue covers: the top of the first division's hierarchy. */
	private @Nullable String province(Collection<String> divisionCodes) {
		for (String code : divisionCodes) {
			Division division = this.organizations.division(code).orElse(null);
			for (int hops = 0; division != null && division.parentCode() != null && hops < 5; hops++) {
				division = this.organizations.division(division.parentCode()).orElse(null);
			}
			if (division != null) {
				return division.code();
			}
		}
		return null;
	}

	static @Nullable String theme(String classification) {
		String item = classification.length() >= 3 ? classification.substring(0, 3) : classification;
		return THEMES.containsKey(item) ? EU + "data-theme/" + THEMES.get(item) : null;
	}

	static String frequency(UpdateFrequency frequency) {
		return switch (frequency) {
			case REAL_TIME -> "UPDATE_CONT";
			case DAILY -> "DAILY";
			case WEEKLY -> "WEEKLY";
			case MONTHLY -> "MONTHLY";
			case QUARTERLY -> "QUARTERLY";
			case YEARLY -> "ANNUAL";
		};
	}

	/** The file type a format is published in: databases and self-describing data go out as JSON through the API. */
	static String fileType(DataFormat format) {
		return switch (format) {
			case DATABASE, SELF_DESCRIBING, STREAMING -> "JSON";
			case SPREADSHEET -> "XLSX";
			case FILE -> "PDF";
			case IMAGE -> "TIFF";
		};
	}

	/** xsd:dateTime in UTC to the second, seconds always written ("…T11:22:00Z", never "…T11:22Z"). */
	static String dateTime(Instant instant) {
		return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
	}
}
