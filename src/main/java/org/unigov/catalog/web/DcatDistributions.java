package org.unigov.catalog.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.unigov.catalog.CatalogEntry;
import org.unigov.catalog.EntryContent;
import org.unigov.catalog.OpenApis;
import org.unigov.catalog.OpenAttribute;
import org.unigov.catalog.harvest.HarvestedDataset;
import org.unigov.catalog.internal.Distribution;
import org.unigov.catalog.web.Rdf.Node;

/**
 * The dcat:Distribution nodes of an open dataset: one per file the provider uploaded, whose
 * {@code dcat:accessURL} and {@code dcat:downloadURL} are the file's download address, with media
 * type, size, SHA-256 checksum (SPDX) and dates; for a dataset open on conditions, one whose
 * {@code dcat:accessURL} is the application form through which access is obtained. A dataset open
 * without conditions that has no file yet has no distribution: none would lead to data.
 */
final class DcatDistributions {

	private static final String EU = "http://publications.europa.eu/resource/authority/file-type/";

	private static final String IANA = "http://www.iana.org/assignments/media-types/";

	/** Media type to EU file type, for the types providers upload. */
	private static final Map<String, String> FILE_TYPES = Map.ofEntries(Map.entry("text/csv", "CSV"),
			Map.entry("application/json", "JSON"), Map.entry("application/ld+json", "JSON_LD"),
			Map.entry("application/geo+json", "GEOJSON"), Map.entry("application/xml", "XML"),
			Map.entry("text/xml", "XML"), Map.entry("application/pdf", "PDF"), Map.entry("text/plain", "TXT"),
			Map.entry("application/zip", "ZIP"), Map.entry("application/vnd.ms-excel", "XLS"),
			Map.entry("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "XLSX"),
			Map.entry("application/vnd.oasis.opendocument.spreadsheet", "ODS"),
			Map.entry("application/msword", "DOC"),
			Map.entry("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "DOCX"),
			Map.entry("text/turtle", "RDF_TURTLE"), Map.entry("application/rdf+xml", "RDF_XML"),
			Map.entry("image/png", "PNG"), Map.entry("image/jpeg", "JPEG"), Map.entry("image/tiff", "TIFF"),
			Map.entry("application/x-shapefile", "SHP"), Map.entry("application/gzip", "GZIP"));

	private DcatDistributions() {
	}

	/** The public download address of a file. */
	static String downloadUrl(String base, Distribution file) {
		return base + "/open/files/" + file.id();
	}

	/** The form through which a conditionally open dataset is applied for. */
	static String applicationUrl(String base, CatalogEntry entry) {
		return base + "/open-applications/new?entry=" + entry.id();
	}

	/**
	 * The licence on a distribution: an IRI as a link, a harvested source's licence stated in words as
	 * a dct:LicenseDocument carrying that text, nothing when the source stated none.
	 */
	private static Node licensed(Node distribution, @Nullable String licence) {
		if (licence == null) {
			return distribution;
		}
		return DcatExport.isIri(licence) ? distribution.link("dct:license", licence)
				: distribution.add("dct:license", new Node(null, "dct:LicenseDocument").text("rdfs:label", licence, null));
	}

	private static final String AVAILABILITY = "http://publications.europa.eu/resource/authority/planned-availability/STABLE";

	static List<Node> of(String base, CatalogEntry entry, List<Distribution> files,
			List<HarvestedDataset.Distribution> sourced, @Nullable String licence) {
		EntryContent c = entry.content();
		List<Node> nodes = new ArrayList<>();
		if (c.openAttribute() == OpenAttribute.CONDITIONAL) {
			nodes.add(new Node(null, "dcat:Distribution").link("dcat:accessURL", applicationUrl(base, entry))
				.text("dct:description", "有条件开放：" + c.openConditions() + "。在线提交开放数据申请，经提供部门同意后获取。", "zh")
				.text("dct:description", "Open on conditions (see the rights statement): apply online; the providing department replies.", "en")
				.link("dct:format", EU + DcatExport.fileType(c.format()))
				.link("dcatap:availability", AVAILABILITY)
				.add("dct:rights", new Node(null, "dct:RightsStatement").text("rdfs:label", c.openConditions(), "zh")));
			licensed(nodes.get(0), licence);
			return nodes;
		}
		for (Distribution file : files) {
			String url = downloadUrl(base, file);
			Node node = new Node(null, "dcat:Distribution").link("dcat:accessURL", url)
				.link("dcat:downloadURL", url)
				.text("dct:title", file.title(), null)
				.text("dct:description", "无条件开放，注明来源即可使用。", "zh")
				.text("dct:description", "Open: use it with attribution.", "en")
				.link("dcat:mediaType", IANA + file.mediaType())
				.link("dct:format", EU + fileType(file))
				.typed("dcat:byteSize", Long.toString(file.byteSize()), "xsd:nonNegativeInteger")
				.add("spdx:checksum", new Node(null, "spdx:Checksum")
					.link("spdx:algorithm", "http://spdx.org/rdf/terms#checksumAlgorithm_sha256")
					.typed("spdx:checksumValue", file.sha256(), "xsd:hexBinary"))
				.typed("dct:issued", DcatExport.dateTime(file.createdAt()), "xsd:dateTime")
				.typed("dct:modified", DcatExport.dateTime(file.updatedAt()), "xsd:dateTime")
				.link("dcatap:availability", AVAILABILITY);
			nodes.add(licensed(node, licence));
		}
		for (HarvestedDataset.Distribution source : sourced) {
			Node node = harvested(source);
			if (node != null) {
				nodes.add(licensed(node, licence));
			}
		}
		return nodes;
	}

	/**
	 * A distribution a harvested entry's source lists, at the source's own address: the platform
	 * passes on where the data is, it does not copy it. Only http(s) addresses are passed on; the
	 * format goes out as an EU file type when the source names one, else as the media type.
	 */
	private static @Nullable Node harvested(HarvestedDataset.Distribution source) {
		String access = web(source.accessUrl()) != null ? source.accessUrl() : web(source.downloadUrl());
		if (access == null) {
			return null;
		}
		Node node = new Node(null, "dcat:Distribution").link("dcat:accessURL", access)
			.link("dcat:downloadURL", web(source.downloadUrl()))
			.text("dct:title", source.title(), null)
			.text("dct:description", "来源目录列出的数据，由来源网站提供。", "zh")
			.text("dct:description", "Listed by the source catalogue and served by the source's website.", "en")
			.link("dcatap:availability", AVAILABILITY);
		String format = source.format() == null ? null : source.format().strip().toUpperCase(Locale.ROOT);
		if (format != null && format.matches("[A-Z0-9_]{2,20}")) {
			node.link("dct:format", EU + format);
		}
		String mediaType = source.mediaType() == null ? null : source.mediaType().strip().toLowerCase(Locale.ROOT);
		if (mediaType != null && mediaType.matches("[a-z]+/[a-z0-9.+-]+")) {
			node.link("dcat:mediaType", IANA + mediaType);
		}
		return node;
	}

	private static @Nullable String web(@Nullable String url) {
		return url != null && DcatExport.isIri(url) ? url : null;
	}

	/**
	 * The distribution of a dataset's open API: its {@code dcat:accessURL} is the API's address on the
	 * exchange (called without a credential), served by a {@code dcat:DataService} whose
	 * {@code dcat:endpointURL} is that address and whose description is the dataset's page, where the
	 * operations and an example call are listed.
	 */
	static Node api(String base, CatalogEntry entry, OpenApis.OpenApi api, Node publisher,
			Node dataset, @Nullable String licence) {
		EntryContent c = entry.content();
		String operations = String.join(", ", api.operations());
		Node contact = new Node(null, "vcard:Organization").text("vcard:fn",
				c.contactName() != null ? c.contactName() : entry.providerNameZh(), "zh");
		if (c.contactEmail() != null) {
			contact.link("vcard:hasEmail", "mailto:" + c.contactEmail());
		}
		Node service = new Node(null, "dcat:DataService").text("dct:title", c.name() + "开放接口", "zh")
			.text("dct:title", (c.nameEn() == null || c.nameEn().isBlank() ? entry.code() : c.nameEn()) + " open API", "en")
			.link("dcat:endpointURL", api.endpointUrl())
			.text("dct:description", "无需凭证，GET 调用：" + operations + "；每个来源地址每分钟至多 " + api.callsPerMinute() + " 次。", "zh")
			.text("dct:description", "No credential; GET " + operations + "; at most " + api.callsPerMinute()
					+ " calls a minute from one address.", "en")
			.link("dct:accessRights", "http://publications.europa.eu/resource/authority/access-right/PUBLIC")
			// the page lists the operations, the limits and an example call; answers are JSON, refusals RFC 9457
			.link("dcat:endpointDescription", base + "/open/resources/" + entry.id())
			.link("dct:conformsTo", "https://www.rfc-editor.org/rfc/rfc8259")
			.link("dct:conformsTo", "https://www.rfc-editor.org/rfc/rfc9457")
			.link("dcat:theme", DcatExport.theme(c.classification()))
			.text("dcat:keyword", "开放接口", "zh")
			.text("dcat:keyword", "open API", "en")
			.add("dcat:contactPoint", contact)
			.add("dct:publisher", publisher)
			.add("dcat:servesDataset", dataset);
		licensed(service, licence);
		Node distribution = new Node(null, "dcat:Distribution").link("dcat:accessURL", api.endpointUrl())
			.text("dct:title", c.name() + "（开放接口）", "zh")
			.text("dct:description", "通过数据交换网关的开放接口调用，无需凭证，返回 JSON。", "zh")
			.text("dct:description", "Call the open API through the exchange gateway: no credential, JSON answers.", "en")
			.link("dcat:mediaType", IANA + "application/json")
			.link("dct:format", EU + "JSON")
			.add("dcat:accessService", service)
			.link("dcatap:availability", AVAILABILITY);
		return licensed(distribution, licence);
	}

	/** The EU file type of a file: by its media type, else by its extension, else binary. */
	static String fileType(Distribution file) {
		String known = FILE_TYPES.get(file.mediaType());
		if (known != null) {
			return known;
		}
		String name = file.fileName().toLowerCase(Locale.ROOT);
		int dot = name.lastIndexOf('.');
		String extension = dot < 0 ? "" : name.substring(dot + 1);
		return switch (extension) {
			case "csv" -> "CSV";
			case "json" -> "JSON";
			case "xlsx" -> "XLSX";
			case "xls" -> "XLS";
			case "xml" -> "XML";
			case "pdf" -> "PDF";
			case "zip" -> "ZIP";
			case "txt" -> "TXT";
			default -> "BIN";
		};
	}
}
