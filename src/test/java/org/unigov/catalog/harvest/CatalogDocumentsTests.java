package org.unigov.catalog.harvest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.riot.RDFFormat;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;
import org.unigov.catalog.internal.CatalogProperties;
import org.unigov.shared.problem.UnigovException;
import tools.jackson.databind.json.JsonMapper;

/** Reading real published catalogues (src/test/resources/catalog/harvest, see its README). */
class CatalogDocumentsTests {

	final CatalogDocuments documents = new CatalogDocuments(JsonMapper.builder().build(),
			new CatalogFetcher(new CatalogProperties(new CatalogProperties.Harvest(DataSize.ofMegabytes(1), Duration.ofSeconds(5), false))));

	static byte[] resource(String name) throws IOException {
		try (InputStream in = CatalogDocumentsTests.class.getResourceAsStream("/catalog/harvest/" + name)) {
			return in.readAllBytes();
		}
	}

	@Nested
	class DcatUs {

		@Test
		@DisplayName("data.ny.gov's data.json: every field and all four distributions with URL and media type")
		void newYork() throws Exception {
			CatalogDocuments.Read read = documents.read(resource("ny.data.json"));
			assertThat(read.format()).isEqualTo(CatalogDocuments.DCAT_US);
			assertThat(read.datasets()).hasSize(1);
			HarvestedDataset d = read.datasets().get(0);
			assertThat(d.identifier()).isEqualTo("https://data.ny.gov/api/views/22ew-dxez");
			assertThat(d.title()).isEqualTo("State of New York Mortgage Agency (SONYMA) Loans Purchased: Beginning 2004");
			assertThat(d.description()).startsWith("Financial and Geographic Information on SONYMA Loans");
			assertThat(d.keywords()).hasSize(13).contains("rental assistance", "sonyma");
			assertThat(d.publisher()).isEqualTo("State of New York");
			assertThat(d.licence()).isNull();
			assertThat(d.issued()).isEqualTo("2016-07-21");
			assertThat(d.modified()).isEqualTo("2019-06-10");
			assertThat(d.landingPage()).isEqualTo("https://data.ny.gov/d/22ew-dxez");
			assertThat(d.contactName()).isEqualTo("Open Data NY");
			assertThat(d.contactEmail()).isEqualTo("opendata@its.ny.gov");
			assertThat(d.distributions()).extracting(HarvestedDataset.Distribution::mediaType)
				.containsExactly("text/csv", "application/rdf+xml", "application/json", "application/xml");
			assertThat(d.distributions().get(0).url())
				.isEqualTo("https://data.ny.gov/api/views/22ew-dxez/rows.csv?accessType=DOWNLOAD");
		}

		@Test
		@DisplayName("the ARM Data Center's data.json: the stated licence, formats and access URLs as written")
		void arm() throws Exception {
			List<HarvestedDataset> datasets = documents.read(resource("arm.data.json")).datasets();
			assertThat(datasets).hasSize(5);
			assertThat(datasets).allSatisfy(d -> assertThat(d.licence())
				.isEqualTo("https://project-open-data.cio.gov/unknown-license"));
			assertThat(datasets.get(3).identifier()).isEqualTo("10.5439/1150252");
			assertThat(datasets.get(0).distributions().get(0).format()).isEqualTo("cdf");
			assertThat(datasets.get(0).distributions().get(0).accessUrl())
				.isEqualTo("http://www.archive.arm.gov/discovery/#v/results/s/s::ncepgfsbrwpprof");
			assertThat(datasets.get(0).modified()).isEqualTo("2019-06-27 12:41:27");
		}
	}

	@Nested
	class DcatAp {

		@Test
		@DisplayName("datos.gob.es in Turtle: Spanish title, licence, publisher's label, yearly frequency, the XLS distribution")
		void turtle() throws Exception {
			CatalogDocuments.Read read = documents.read(resource("datos-gob-es.ttl"));
			assertThat(read.format()).isEqualTo(CatalogDocuments.TURTLE);
			assertMadrid(read.datasets());
		}

		@Test
		@DisplayName("the same record as RDF/XML and as JSON-LD reads the same")
		void otherSyntaxes() throws Exception {
			Model model = ModelFactory.createDefaultModel();
			RDFDataMgr.read(model, new java.io.ByteArrayInputStream(resource("datos-gob-es.ttl")), Lang.TURTLE);
			for (RDFFormat format : List.of(RDFFormat.RDFXML, RDFFormat.JSONLD)) {
				ByteArrayOutputStream out = new ByteArrayOutputStream();
				RDFDataMgr.write(out, model, format);
				CatalogDocuments.Read read = documents.read(out.toByteArray());
				assertThat(read.format()).isEqualTo(format == RDFFormat.RDFXML ? CatalogDocuments.RDF_XML : CatalogDocuments.JSON_LD);
				assertMadrid(read.datasets());
			}
		}

		void assertMadrid(List<HarvestedDataset> datasets) {
			assertThat(datasets).hasSize(1);
			HarvestedDataset d = datasets.get(0);
			assertThat(d.identifier()).isEqualTo("https://datos.madrid.es/egob/catalogo/300676-0-deporte-encuesta-escuelas");
			assertThat(d.title()).startsWith("Estudio de Satisfacción con el Programa de Escuelas Municipales");
			assertThat(d.language()).isEqualTo("es");
			assertThat(d.licence()).isEqualTo("https://datos.madrid.es/egob/catalogo/aviso-legal");
			assertThat(d.publisher()).isEqualTo("Ayuntamiento de Madrid");
			assertThat(d.keywords()).containsExactlyInAnyOrder("deporte escolar", "escuelas", "promoción");
			assertThat(d.issued()).isEqualTo("2024-04-15T09:08:02+02:00");
			assertThat(d.frequency()).isEqualTo("R/P1Y");
			assertThat(d.distributions()).singleElement().satisfies(dist -> {
				assertThat(dist.url()).isEqualTo("https://datos.madrid.es/egob/catalogo/300676-0-deporte-encuesta-escuelas.xlsx");
				assertThat(dist.format()).isEqualTo("XLS");
			});
		}

		@Test
		@DisplayName("the London Datastore record: foaf:homepage as landing page, a literal format, the unparsed date kept")
		void london() throws Exception {
			HarvestedDataset d = documents.read(resource("london-datastore.ttl")).datasets().get(0);
			assertThat(d.identifier()).isEqualTo("http://data.london.gov.uk/dataset/Abandoned_Vehicles");
			assertThat(d.landingPage()).isEqualTo("http://data.london.gov.uk/datastore/package/abandoned-vehicles");
			assertThat(d.issued()).isEqualTo("06/05/2009");
			assertThat(d.frequency()).isEqualTo("Annual");
			assertThat(d.distributions()).singleElement().satisfies(dist -> {
				assertThat(dist.format()).isEqualTo("text/plain");
				assertThat(dist.url()).isEqualTo("http://data.london.gov.uk/datafiles/environment/abandoned-vehicles-borough.csv");
			});
		}
	}

	@Test
	@DisplayName("a JSON-LD document's remote @context is fetched through the guarded fetcher: an internal address is refused")
	void remoteContextGoesThroughTheFetcher() {
		String jsonLd = """
				{"@context": "http://127.0.0.1:9/context.jsonld", "@id": "urn:x", "@type": "dcat:Dataset"}""";
		assertThatThrownBy(() -> documents.read(jsonLd.getBytes(StandardCharsets.UTF_8)))
			.isInstanceOfSatisfying(UnigovException.class, ex -> {
				assertThat(ex.error().spec().code()).isEqualTo("harvest_document_unreadable");
				assertThat(ex.getMessage()).contains("internal address");
			});
	}

	@Test
	@DisplayName("something that is no catalogue is refused with harvest_document_unreadable")
	void unreadable() {
		for (String text : List.of("", "{\"dataset\": ", "<rdf:RDF>broken", "not turtle at all .")) {
			assertThatThrownBy(() -> documents.read(text.getBytes(StandardCharsets.UTF_8)))
				.isInstanceOfSatisfying(UnigovException.class,
						ex -> assertThat(ex.error().spec().code()).isEqualTo("harvest_document_unreadable"));
		}
	}
}
