package org.unigov.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;

import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.rdf.model.RDFNode;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.unigov.SignIn;
import org.unigov.UnigovTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Open data a citizen can download (C5): files uploaded by the provider's catalog staff, served
 * signed out with their type, length, Chinese file name, checksum as ETag, conditional and range
 * requests; only for published entries open without conditions; in the DCAT export as
 * distributions whose access and download URLs are the file; and minted IRIs that resolve by
 * content negotiation.
 */
@UnigovTest
class OpenDataFilesIntegrationTests {

	static final String DCAT = "http://www.w3.org/ns/dcat#";

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	JsonMapper json;

	/** 公安派出所名录: published, open without conditions, provided by 陕西省公安厅 (sn-psb). */
	String openEntry() {
		return jdbc.sql("select id::text from cat_entry where name = '公安派出所名录'").query(String.class).single();
	}

	/** 宝鸡市国土空间规划数据: published, open on conditions, provided by 宝鸡市自然资源和规划局 (bj-nr). */
	String conditionalEntry() {
		return jdbc.sql("select id::text from cat_entry where name = '宝鸡市国土空间规划数据'").query(String.class).single();
	}

	static byte[] csv(String marker) {
		StringBuilder text = new StringBuilder("派出所名称,地址,电话\n");
		for (int i = 0; i < 200; i++) {
			text.append("雁塔路派出所").append(i).append(",西安市雁塔区雁塔路").append(i).append("号,029-8888").append(i)
				.append('\n');
		}
		return text.append(marker).append('\n').toString().getBytes(StandardCharsets.UTF_8);
	}

	static String sha256(byte[] bytes) throws Exception {
		return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
	}

	JsonNode upload(MockHttpSession session, String entry, String name, byte[] content) throws Exception {
		String body = mvc.perform(multipart("/api/v1/catalog/entries/" + entry + "/files")
			.file(new MockMultipartFile("file", name, "text/csv", content))
			.param("title", "派出所名录（全省）")
			.session(session)
			.with(csrf())).andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
		return json.readTree(body);
	}

	@Nested
	class Downloads {

		@Test
		@DisplayName("C5 a file uploaded by the provider is downloaded signed out with type, length, name, checksum and ranges")
		void downloadHeaders() throws Exception {
			byte[] content = csv("download-headers");
			JsonNode file = upload(SignIn.as(mvc, "sn-psb-staff"), openEntry(), "派出所名录 2026.csv", content);
			String sha = sha256(content);
			assertThat(file.get("sha256").asString()).isEqualTo(sha);
			assertThat(file.get("byteSize").asLong()).isEqualTo(content.length);
			assertThat(file.get("mediaType").asString()).isEqualTo("text/csv");
			String path = "/open/files/" + file.get("id").asString();

			MockHttpServletResponse response = mvc.perform(get(path)).andExpect(status().isOk()).andReturn().getResponse();
			assertThat(response.getContentAsByteArray()).isEqualTo(content);
			assertThat(response.getContentType()).startsWith("text/csv");
			assertThat(response.getHeader(HttpHeaders.CONTENT_LENGTH)).isEqualTo(Integer.toString(content.length));
			assertThat(response.getHeader(HttpHeaders.ETAG)).isEqualTo("\"" + sha + "\"");
			assertThat(response.getHeader(HttpHeaders.LAST_MODIFIED)).isNotBlank();
			assertThat(response.getHeader(HttpHeaders.CONTENT_DISPOSITION)).startsWith("attachment; filename=\"")
				.contains("filename*=UTF-8''%E6%B4%BE%E5%87%BA%E6%89%80%E5%90%8D%E5%BD%95%202026.csv");
			assertThat(response.getHeader("Repr-Digest")).isEqualTo("sha-256=:"
					+ java.util.Base64.getEncoder().encodeToString(HexFormat.of().parseHex(sha)) + ":");
			assertThat(response.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");

			mvc.perform(get(path).header(HttpHeaders.IF_NONE_MATCH, "\"" + sha + "\""))
				.andExpect(status().isNotModified());
			MockHttpServletResponse range = mvc.perform(get(path).header(HttpHeaders.RANGE, "bytes=3-12"))
				.andExpect(status().isPartialContent())
				.andReturn()
				.getResponse();
			assertThat(range.getContentAsByteArray()).isEqualTo(java.util.Arrays.copyOfRange(content, 3, 13));
			assertThat(range.getHeader(HttpHeaders.CONTENT_RANGE)).isEqualTo("bytes 3-12/" + content.length);

			String page = mvc.perform(get("/open/resources/" + openEntry())).andExpect(status().isOk()).andReturn()
				.getResponse().getContentAsString();
			assertThat(page).contains(path).contains(sha).contains("派出所名录（全省）");
		}

		@Test
		@DisplayName("C5 a file larger than a chunk streams back whole and in ranges across chunks")
		void largeFileAcrossChunks() throws Exception {
			byte[] content = new byte[2 * 1024 * 1024 + 12345];
			new java.util.Random(7).nextBytes(content);
			JsonNode file = json.readTree(mvc.perform(multipart("/api/v1/catalog/entries/" + openEntry() + "/files")
				.file(new MockMultipartFile("file", "points.bin", "application/octet-stream", content))
				.session(SignIn.as(mvc, "sn-psb-staff"))
				.with(csrf())).andExpect(status().isCreated()).andReturn().getResponse().getContentAsString());
			assertThat(file.get("sha256").asString()).isEqualTo(sha256(content));
			String path = "/open/files/" + file.get("id").asString();
			assertThat(mvc.perform(get(path)).andReturn().getResponse().getContentAsByteArray()).isEqualTo(content);
			int from = 1024 * 1024 - 10;
			int to = 2 * 1024 * 1024 + 20;
			byte[] part = mvc.perform(get(path).header(HttpHeaders.RANGE, "bytes=" + from + "-" + to))
				.andExpect(status().isPartialContent()).andReturn().getResponse().getContentAsByteArray();
			assertThat(part).isEqualTo(java.util.Arrays.copyOfRange(content, from, to + 1));
		}

		@Test
		@DisplayName("C5 files of an entry open only on conditions are not downloadable signed out (404)")
		void conditionalNotDownloadable() throws Exception {
			JsonNode file = upload(SignIn.as(mvc, "bj-nr-staff"), conditionalEntry(), "规划.csv", csv("conditional"));
			mvc.perform(get("/open/files/" + file.get("id").asString()))
				.andExpect(status().isNotFound())
				.andExpect(jsonPath("$.code").value("distribution_not_found"));
			mvc.perform(get("/open/files/" + java.util.UUID.randomUUID())).andExpect(status().isNotFound());
		}
	}

	@Nested
	class Managing {

		@Test
		@DisplayName("only the provider's catalog staff upload; replacing and deleting are audited")
		void replaceAndDelete() throws Exception {
			MockHttpSession provider = SignIn.as(mvc, "sn-psb-staff");
			mvc.perform(multipart("/api/v1/catalog/entries/" + openEntry() + "/files")
				.file(new MockMultipartFile("file", "x.csv", "text/csv", csv("other agency")))
				.session(SignIn.as(mvc, "xa-hrss-staff"))
				.with(csrf())).andExpect(status().isForbidden()).andExpect(jsonPath("$.code").value("entry_not_yours"));
			mvc.perform(multipart("/api/v1/catalog/entries/" + openEntry() + "/files")
				.file(new MockMultipartFile("file", "x.csv", "text/csv", csv("signed out")))
				.with(csrf())).andExpect(status().isUnauthorized());
			mvc.perform(multipart("/api/v1/catalog/entries/" + openEntry() + "/files")
				.file(new MockMultipartFile("file", "empty.csv", "text/csv", new byte[0]))
				.session(provider)
				.with(csrf())).andExpect(status().isUnprocessableContent())
				.andExpect(jsonPath("$.code").value("invalid_distribution"))
				.andExpect(jsonPath("$.errors[0].code").value("empty_file"));

			JsonNode file = upload(provider, openEntry(), "名录.csv", csv("first"));
			String id = file.get("id").asString();
			byte[] second = csv("second");
			String replaced = mvc.perform(multipart("/api/v1/catalog/files/" + id)
				.file(new MockMultipartFile("file", "名录-新.csv", "text/csv", second))
				.param("version", file.get("version").asString())
				.with(r -> {
					r.setMethod("PUT");
					return r;
				})
				.session(provider)
				.with(csrf())).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
			assertThat(json.readTree(replaced).get("sha256").asString()).isEqualTo(sha256(second));
			mvc.perform(get("/open/files/" + id)).andExpect(header().string(HttpHeaders.ETAG, "\"" + sha256(second) + "\""));

			mvc.perform(delete("/api/v1/catalog/files/" + id).param("version", "0").session(provider).with(csrf()))
				.andExpect(status().isConflict()).andExpect(jsonPath("$.code").value("stale_version"));
			mvc.perform(delete("/api/v1/catalog/files/" + id).param("version", json.readTree(replaced).get("version").asString())
				.session(provider).with(csrf())).andExpect(status().isNoContent());
			mvc.perform(get("/open/files/" + id)).andExpect(status().isNotFound());
			assertThat(jdbc.sql("select count(*) from cat_distribution_chunk where distribution_id = ?::uuid").param(id)
				.query(Long.class).single()).isZero();
			List<String> actions = jdbc.sql("select action from audit_entry where subject_id = ? order by sequence")
				.param(id).query(String.class).list();
			assertThat(actions).containsExactly("catalog.distribution.added", "catalog.distribution.replaced",
					"catalog.distribution.deleted");
		}

		@Test
		@DisplayName("the entry page's files section offers upload to the provider's staff only")
		void filesSection() throws Exception {
			String path = "/catalog/fragments/entries/" + openEntry() + "/files";
			assertThat(mvc.perform(get(path).session(SignIn.as(mvc, "sn-psb-staff"))).andExpect(status().isOk())
				.andReturn().getResponse().getContentAsString()).contains("file-upload").contains("供下载的文件");
			assertThat(mvc.perform(get(path).session(SignIn.as(mvc, "xa-hrss-staff"))).andExpect(status().isOk())
				.andReturn().getResponse().getContentAsString()).doesNotContain("file-upload");
		}

		@Test
		@DisplayName("a file over the limit is refused with 413 problem+json and nothing is stored")
		void sizeLimit() throws Exception {
			long before = jdbc.sql("select count(*) from cat_distribution").query(Long.class).single();
			byte[] big = new byte[20 * 1024 * 1024 + 1];
			mvc.perform(multipart("/api/v1/catalog/entries/" + openEntry() + "/files")
				.file(new MockMultipartFile("file", "big.bin", "application/octet-stream", big))
				.session(SignIn.as(mvc, "sn-psb-staff"))
				.with(csrf()))
				.andExpect(status().isContentTooLarge())
				.andExpect(header().string(HttpHeaders.CONTENT_TYPE, "application/problem+json"))
				.andExpect(jsonPath("$.code").value("payload_too_large"))
				.andExpect(jsonPath("$.limit").value(20 * 1024 * 1024));
			assertThat(jdbc.sql("select count(*) from cat_distribution").query(Long.class).single()).isEqualTo(before);
		}
	}

	@Nested
	class Dcat {

		Model parse(String path, String accept, Lang lang) throws Exception {
			MockHttpServletResponse response = mvc.perform(get(path).header(HttpHeaders.ACCEPT, accept))
				.andExpect(status().isOk())
				.andReturn()
				.getResponse();
			Model model = ModelFactory.createDefaultModel();
			RDFParser.create().source(new StringReader(response.getContentAsString())).lang(lang).parse(model);
			return model;
		}

		@Test
		@DisplayName("C5 dcat:accessURL and dcat:downloadURL point at the file, never at the HTML page")
		void distributionsPointAtFiles() throws Exception {
			byte[] content = csv("dcat");
			JsonNode file = upload(SignIn.as(mvc, "sn-psb-staff"), openEntry(), "dcat.csv", content);
			Model model = parse("/open/catalog.ttl", "text/turtle", Lang.TURTLE);
			String download = "http://localhost/open/files/" + file.get("id").asString();
			Resource dataset = model.createResource("http://localhost/open/datasets/" + openEntry());
			List<RDFNode> distributions = model.listObjectsOfProperty(dataset, model.createProperty(DCAT, "distribution")).toList();
			Resource distribution = distributions.stream().map(RDFNode::asResource)
				.filter(d -> d.hasProperty(model.createProperty(DCAT, "downloadURL"), model.createResource(download)))
				.findFirst().orElseThrow();
			assertThat(distribution.getPropertyResourceValue(model.createProperty(DCAT, "accessURL")).getURI()).isEqualTo(download);
			assertThat(distribution.getProperty(model.createProperty(DCAT, "byteSize")).getLong()).isEqualTo(content.length);
			assertThat(distribution.getPropertyResourceValue(model.createProperty(DCAT, "mediaType")).getURI())
				.isEqualTo("http://www.iana.org/assignments/media-types/text/csv");
			Resource checksum = distribution.getPropertyResourceValue(model.createProperty("http://spdx.org/rdf/terms#checksum"));
			assertThat(checksum.getProperty(model.createProperty("http://spdx.org/rdf/terms#checksumValue")).getString())
				.isEqualTo(sha256(content));
			List<String> accessUrls = model.listObjectsOfProperty(model.createProperty(DCAT, "accessURL"))
				.mapWith(n -> n.asResource().getURI()).toList();
			assertThat(accessUrls).isNotEmpty().noneMatch(url -> url.contains("/open/resources/"));
			Resource conditional = model.createResource("http://localhost/open/datasets/" + conditionalEntry());
			Resource applied = model.listObjectsOfProperty(conditional, model.createProperty(DCAT, "distribution"))
				.next().asResource();
			assertThat(applied.getPropertyResourceValue(model.createProperty(DCAT, "accessURL")).getURI())
				.isEqualTo("http://localhost/open-applications/new?entry=" + conditionalEntry());
		}

		@Test
		@DisplayName("C5 a dataset's IRI gives Turtle or JSON-LD to RDF clients and sends browsers to its page")
		void contentNegotiation() throws Exception {
			String iri = "/open/datasets/" + openEntry();
			Model turtle = parse(iri, "text/turtle", Lang.TURTLE);
			assertThat(turtle.contains(turtle.createResource("http://localhost" + iri),
					org.apache.jena.vocabulary.RDF.type, turtle.createResource(DCAT + "Dataset"))).isTrue();
			Model jsonLd = parse(iri, "application/ld+json", Lang.JSONLD);
			assertThat(jsonLd.getGraph().isIsomorphicWith(turtle.getGraph())).isTrue();
			Model preferred = parse(iri, "application/ld+json;q=0.9, text/turtle", Lang.TURTLE);
			assertThat(preferred.size()).isEqualTo(turtle.size());
			mvc.perform(get(iri).header(HttpHeaders.ACCEPT, "text/turtle"))
				.andExpect(header().string(HttpHeaders.CONTENT_TYPE, "text/turtle;charset=UTF-8"))
				.andExpect(header().string(HttpHeaders.VARY, HttpHeaders.ACCEPT));

			mvc.perform(get(iri).header(HttpHeaders.ACCEPT,
					"text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8"))
				.andExpect(status().isSeeOther())
				.andExpect(header().string(HttpHeaders.LOCATION, "http://localhost/open/resources/" + openEntry()));
			mvc.perform(get(iri).header(HttpHeaders.ACCEPT, "application/rdf+xml"))
				.andExpect(status().isNotAcceptable())
				.andExpect(header().string(HttpHeaders.CONTENT_TYPE, "application/problem+json"))
				.andExpect(jsonPath("$.code").value("not_acceptable"));
			String closed = jdbc.sql("select id::text from cat_entry where open_attribute = 'not-open' limit 1")
				.query(String.class).single();
			mvc.perform(get("/open/datasets/" + closed).header(HttpHeaders.ACCEPT, "text/turtle"))
				.andExpect(status().isNotFound());

			Model catalog = parse("/open/catalog", "text/turtle", Lang.TURTLE);
			assertThat(catalog.contains(catalog.createResource("http://localhost/open/catalog"),
					org.apache.jena.vocabulary.RDF.type, catalog.createResource(DCAT + "Catalog"))).isTrue();
			mvc.perform(get("/open/catalog").header(HttpHeaders.ACCEPT, "text/html"))
				.andExpect(status().isSeeOther())
				.andExpect(header().string(HttpHeaders.LOCATION, "http://localhost/open"));
			Model agency = parse("/open/agencies/" + jdbc.sql("""
					select a.credit_code from org_agency a join cat_entry e on e.provider_agency_id = a.id
					where e.id = ?::uuid""").param(openEntry()).query(String.class).single(), "application/ld+json",
					Lang.JSONLD);
			assertThat(agency.size()).isPositive();
		}
	}
}
