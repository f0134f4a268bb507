package org.unigov.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.StringReader;
import java.util.List;

import org.apache.jena.graph.Graph;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.shacl.ShaclValidator;
import org.apache.jena.shacl.Shapes;
import org.apache.jena.shacl.ValidationReport;
import org.apache.jena.shacl.lib.ShLib;
import org.apache.jena.vocabulary.RDF;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.unigov.UnigovTest;

/**
 * The open-data portal, signed out: only open entries (C5), and a DCAT-AP 3.0.1 export in Turtle
 * and JSON-LD that Apache Jena parses and SHACL finds conforming.
 */
@UnigovTest
class OpenDataIntegrationTests {

	static final String DCAT = "http://www.w3.org/ns/dcat#";

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	Model parse(String path, Lang lang) throws Exception {
		String body = mvc.perform(get(path)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		Model model = ModelFactory.createDefaultModel();
		RDFParser.create().source(new StringReader(body)).lang(lang).base("http://localhost").parse(model);
		return model;
	}

	List<String> openIds() {
		return jdbc.sql("select id::text from cat_entry where status = 'published' and open_attribute in ('open', 'open-conditional')")
			.query(String.class).list();
	}

	@Test
	@DisplayName("C5 the DCAT-AP export holds every open entry and nothing else, and conforms to the mandatory SHACL shapes")
	void exportConforms() throws Exception {
		Model turtle = parse("/open/catalog.ttl", Lang.TURTLE);
		Shapes shapes = Shapes.parse(RDFDataMgr.loadGraph("catalog/dcat-ap-3-mandatory.shacl.ttl"));
		ValidationReport report = ShaclValidator.get().validate(shapes, turtle.getGraph());
		if (!report.conforms()) {
			ShLib.printReport(report);
		}
		assertThat(report.conforms()).isTrue();
		List<String> open = openIds();
		assertThat(open).isNotEmpty();
		assertThat(turtle.listSubjectsWithProperty(RDF.type, turtle.createResource(DCAT + "Dataset")).toList())
			.hasSize(open.size());
		String closed = jdbc.sql("select id::text from cat_entry where open_attribute = 'not-open' limit 1").query(String.class).single();
		assertThat(turtle.containsResource(turtle.createResource("http://localhost/open/datasets/" + closed))).isFalse();
		assertThat(turtle.listSubjectsWithProperty(RDF.type, turtle.createResource(DCAT + "Catalog")).toList()).hasSize(1);
	}

	@Test
	@DisplayName("C5 the JSON-LD export says the same as the Turtle")
	void jsonLdIsTheSameGraph() throws Exception {
		Graph turtle = parse("/open/catalog.ttl", Lang.TURTLE).getGraph();
		Graph jsonLd = parse("/open/catalog.jsonld", Lang.JSONLD).getGraph();
		assertThat(jsonLd.isIsomorphicWith(turtle)).isTrue();
		Shapes shapes = Shapes.parse(RDFDataMgr.loadGraph("catalog/dcat-ap-3-mandatory.shacl.ttl"));
		assertThat(ShaclValidator.get().validate(shapes, jsonLd).conforms()).isTrue();
	}

	@Test
	@DisplayName("C5 the portal works signed out and lists only open entries")
	void portalSignedOut() throws Exception {
		String open = jdbc.sql("select name from cat_entry where open_attribute = 'open' and status = 'published' order by name limit 1")
			.query(String.class).single();
		String closed = jdbc.sql("select name from cat_entry where open_attribute = 'not-open' and status = 'published' order by name limit 1")
			.query(String.class).single();
		String page = mvc.perform(get("/open").param("q", open)).andExpect(status().isOk()).andReturn().getResponse()
			.getContentAsString();
		assertThat(page).contains(open);
		String all = mvc.perform(get("/open/api/resources").param("size", "100")).andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString();
		assertThat(all).doesNotContain(closed).doesNotContain("sharingType").doesNotContain("\"grade\"");
		String closedId = jdbc.sql("select id::text from cat_entry where name = ?").param(closed).query(String.class).single();
		mvc.perform(get("/open/resources/" + closedId)).andExpect(status().isNotFound());
		mvc.perform(get("/api/v1/catalog/resources")).andExpect(status().isUnauthorized());
		mvc.perform(get("/open/catalog.ttl")).andExpect(content().contentTypeCompatibleWith("text/turtle"));
	}
}
