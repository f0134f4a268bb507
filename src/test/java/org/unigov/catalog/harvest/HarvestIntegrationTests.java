package org.unigov.catalog.harvest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.unigov.UnigovTest;
import org.unigov.catalog.CatalogEntry;
import org.unigov.catalog.EntryStatus;
import org.unigov.catalog.harvest.HarvestJob.Action;
import org.unigov.catalog.harvest.HarvestJob.DatasetResult;
import org.unigov.catalog.internal.EntryEditing;
import org.unigov.catalog.internal.EntryReads;
import org.unigov.catalog.internal.EntryReview;
import org.unigov.shared.Actor;
import org.unigov.shared.Role;
import org.unigov.shared.problem.UnigovException;

/**
 * Harvesting real public catalogues into an agency's catalog on the real database: dry run,
 * real run, re-harvest, what is kept and what is listed, and who may do it.
 */
@UnigovTest
class HarvestIntegrationTests {

	@Autowired
	Harvester harvester;

	@Autowired
	EntryReads catalog;

	@Autowired
	EntryEditing editing;

	@Autowired
	EntryReview review;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	org.springframework.test.web.servlet.MockMvc mvc;

	Actor actor(String username) {
		return jdbc.sql("""
				select a.id, a.username, a.display_name, g.id as agency_id, g.credit_code, g.division_code, a.roles[1]
				from identity_account a join org_agency g on g.id = a.agency_id
				where a.username = ?""")
			.param(username)
			.query((rs, n) -> new Actor(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), Actor.Kind.STAFF,
					rs.getObject(4, UUID.class), rs.getString(5), rs.getString(6), Set.of(Role.valueOf(rs.getString(7)))))
			.single();
	}

	HarvestSource source(Actor admin, String name) {
		return harvester.createSource(admin, new Harvester.SourceInput(admin.agencyId(), name + UUID.randomUUID(), null,
				null, new HarvestDefaults("207", "unconditional", "open", "yearly", "file", List.of("file-download"))));
	}

	HarvestJob finished(Actor actor, HarvestJob started) throws InterruptedException {
		long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		HarvestJob job = started;
		while (job.running() && System.nanoTime() < until) {
			Thread.sleep(100);
			job = harvester.job(actor, started.id());
		}
		assertThat(job.running()).as("the job finished").isFalse();
		assertThat(job.failure()).isNull();
		return job;
	}

	long entries(UUID agency) {
		return jdbc.sql("select count(*) from cat_entry where provider_agency_id = ?").param(agency).query(Long.class).single();
	}

	static List<String> codes(DatasetResult r) {
		return r.problems().stream().map(HarvestProblem::code).toList();
	}

	@Test
	@DisplayName("data.json: the dry run changes nothing; the real run creates a draft that keeps every field, listing what does not fit")
	void dataJsonDryRunThenRealRun() throws Exception {
		Actor admin = actor("bl-samr-admin");
		HarvestSource source = source(admin, "data.ny.gov ");
		byte[] document = CatalogDocumentsTests.resource("ny.data.json");
		long before = entries(admin.agencyId());

		HarvestJob dry = finished(admin, harvester.upload(admin, source.id(), "ny.data.json", document, true));
		assertThat(dry.dryRun()).isTrue();
		assertThat(dry.total()).isEqualTo(1);
		assertThat(dry.percent()).isEqualTo(100);
		assertThat(dry.results()).singleElement().satisfies(r -> {
			assertThat(r.action()).isEqualTo(Action.CREATE);
			assertThat(r.entryId()).isNull();
			assertThat(codes(r)).contains("title_too_long", "licence_missing", "items_missing")
				.contains("frequency_defaulted").doesNotContain("format_defaulted");
		});
		assertThat(entries(admin.agencyId())).isEqualTo(before);

		HarvestJob real = finished(admin, harvester.confirm(admin, dry.id()));
		assertThat(real.dryRun()).isFalse();
		assertThat(real.created()).isEqualTo(1);
		assertThat(entries(admin.agencyId())).isEqualTo(before + 1);
		DatasetResult result = real.results().get(0);
		CatalogEntry entry = catalog.get(result.entryId()).orElseThrow();
		assertThat(entry.status()).isEqualTo(EntryStatus.DRAFT);
		assertThat(entry.providerAgencyId()).isEqualTo(admin.agencyId());
		assertThat(entry.content().name()).hasSizeLessThanOrEqualTo(50).endsWith("…").startsWith("State of New York Mortgage Agency");
		assertThat(entry.content().nameEn())
			.isEqualTo("State of New York Mortgage Agency (SONYMA) Loans Purchased: Beginning 2004");
		assertThat(entry.content().summary())
			.isEqualTo("Financial and Geographic Information on SONYMA Loans purchased since 2004.");
		assertThat(entry.content().keywords()).hasSize(13);
		assertThat(entry.content().format().code()).isEqualTo("spreadsheet");
		assertThat(entry.content().contactEmail()).isEqualTo("opendata@its.ny.gov");
		HarvestedDataset kept = harvester.sourceMetadata(entry.id()).orElseThrow();
		assertThat(kept.title()).isEqualTo("State of New York Mortgage Agency (SONYMA) Loans Purchased: Beginning 2004");
		assertThat(kept.licence()).isNull();
		assertThat(kept.publisher()).isEqualTo("State of New York");
		assertThat(kept.issued()).isEqualTo("2016-07-21");
		assertThat(kept.modified()).isEqualTo("2019-06-10");
		assertThat(kept.distributions()).hasSize(4).allSatisfy(d -> assertThat(d.url()).startsWith("https://data.ny.gov/"));
		assertThat(jdbc.sql("select action from audit_entry where subject_id = ? order by sequence")
			.param(source.id().toString()).query(String.class).list())
			.containsSubsequence("catalog.harvest.source.created", "catalog.harvest.dry-run.started",
					"catalog.harvest.started", "catalog.harvest.finished");

		HarvestJob again = finished(admin, harvester.upload(admin, source.id(), "ny.data.json", document, false));
		assertThat(again.results()).singleElement().satisfies(r -> {
			assertThat(r.action()).isEqualTo(Action.UNCHANGED);
			assertThat(r.entryId()).isEqualTo(entry.id());
		});

		byte[] changed = new String(document, StandardCharsets.UTF_8)
			.replace("Financial and Geographic Information", "Financial and geographic information")
			.getBytes(StandardCharsets.UTF_8);
		HarvestJob update = finished(admin, harvester.upload(admin, source.id(), "ny.data.json", changed, false));
		assertThat(update.results()).singleElement().satisfies(r -> {
			assertThat(r.action()).isEqualTo(Action.UPDATE);
			assertThat(r.entryId()).isEqualTo(entry.id());
		});
		assertThat(entries(admin.agencyId())).isEqualTo(before + 1);
		assertThat(catalog.get(entry.id()).orElseThrow().content().summary()).startsWith("Financial and geographic information");
	}

	@Test
	@DisplayName("a stated licence is kept as stated, never replaced by a default; unreadable dates are listed, not dropped")
	void statedLicenceIsKept() throws Exception {
		Actor admin = actor("bl-samr-admin");
		HarvestSource source = source(admin, "ARM ");
		HarvestJob job = finished(admin, harvester.upload(admin, source.id(), "arm.data.json",
				CatalogDocumentsTests.resource("arm.data.json"), false));
		assertThat(job.created()).isEqualTo(5);
		for (DatasetResult r : job.results()) {
			assertThat(codes(r)).contains("licence_unknown", "date_unreadable").doesNotContain("licence_missing");
			HarvestedDataset kept = harvester.sourceMetadata(r.entryId()).orElseThrow();
			assertThat(kept.licence()).isEqualTo("https://project-open-data.cio.gov/unknown-license");
			assertThat(kept.modified()).isEqualTo("2019-06-27 12:41:27");
		}
		assertThat(job.results().get(4).title()).isEqualTo("X-SAPR");
		assertThat(codes(job.results().get(4))).doesNotContain("title_too_long");
	}

	@Test
	@DisplayName("DCAT-AP Turtle from datos.gob.es: the yearly frequency maps, the spreadsheet format maps, the licence is kept")
	void dcatApTurtle() throws Exception {
		Actor admin = actor("bl-samr-admin");
		HarvestSource source = source(admin, "datos.gob.es ");
		HarvestJob job = finished(admin, harvester.upload(admin, source.id(), "madrid.ttl",
				CatalogDocumentsTests.resource("datos-gob-es.ttl"), false));
		assertThat(job.documentFormat()).isEqualTo("turtle");
		DatasetResult r = job.results().get(0);
		assertThat(r.action()).isEqualTo(Action.CREATE);
		assertThat(codes(r)).contains("title_too_long", "description_too_long")
			.doesNotContain("frequency_defaulted", "format_defaulted", "licence_missing");
		CatalogEntry entry = catalog.get(r.entryId()).orElseThrow();
		assertThat(entry.content().updateFrequency().code()).isEqualTo("yearly");
		assertThat(entry.content().format().code()).isEqualTo("spreadsheet");
		assertThat(entry.content().nameEn()).as("a Spanish title is not put in the English name").isNull();
		assertThat(entry.content().summary()).hasSizeLessThanOrEqualTo(256).endsWith("…");
		assertThat(harvester.sourceMetadata(entry.id()).orElseThrow().licence())
			.isEqualTo("https://datos.madrid.es/egob/catalogo/aviso-legal");
	}

	@Test
	@DisplayName("once published, a harvested entry is exported with the licence its source states, not the platform's")
	void exportKeepsTheStatedLicence() throws Exception {
		Actor admin = actor("bl-samr-admin");
		HarvestSource source = source(admin, "datos.gob.es export ");
		HarvestJob job = finished(admin, harvester.upload(admin, source.id(), "madrid.ttl",
				CatalogDocumentsTests.resource("datos-gob-es.ttl"), false));
		CatalogEntry draft = catalog.get(job.results().get(0).entryId()).orElseThrow();
		org.unigov.catalog.internal.EntryInput in = org.unigov.catalog.internal.EntryInput.of(draft.content());
		org.unigov.catalog.internal.EntryInput ready = new org.unigov.catalog.internal.EntryInput("马德里校园体育项目满意度调查", in.nameEn(),
				in.classification(), "马德里市中小学校长对市立体育学校项目的满意度调查。", in.summaryEn(),
				List.of(new org.unigov.catalog.internal.EntryInput.ItemInput("满意度", null, "decimal", null, null, null, null, null)),
				in.format(), in.updateFrequency(), in.sharingType(), in.sharingMethods(), in.conditions(), null, null,
				in.openAttribute(), null, in.grade(), false, in.secrecy(), "赵厅长", java.time.LocalDate.of(2026, 11, 2),
				in.relatedCodes(), null, in.keywords(), null, null, null, null, null, null);
		CatalogEntry revised = editing.update(admin, draft.id(), ready, draft.version()).entry();
		CatalogEntry submitted = editing.submit(admin, draft.id(), revised.version()).entry();
		review.review(actor("bl-coord"), draft.id(), EntryReview.Decision.APPROVE, null, submitted.version());
		String turtle = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get("/open/catalog.ttl"))
			.andReturn().getResponse().getContentAsString();
		org.apache.jena.rdf.model.Model model = org.apache.jena.rdf.model.ModelFactory.createDefaultModel();
		org.apache.jena.riot.RDFParser.create().fromString(turtle).lang(org.apache.jena.riot.Lang.TURTLE).parse(model);
		org.apache.jena.rdf.model.Resource dataset = model.createResource("http://localhost/open/datasets/" + draft.id());
		org.apache.jena.rdf.model.Resource distribution = dataset
			.getPropertyResourceValue(model.createProperty("http://www.w3.org/ns/dcat#distribution"));
		assertThat(distribution.listProperties(model.createProperty("http://purl.org/dc/terms/license")).toList())
			.singleElement()
			.satisfies(s -> assertThat(s.getResource().getURI()).isEqualTo("https://datos.madrid.es/egob/catalogo/aviso-legal"));
		assertThat(model.contains(model.createResource("https://datos.madrid.es/egob/catalogo/aviso-legal"),
				org.apache.jena.vocabulary.RDF.type, model.createResource("http://purl.org/dc/terms/LicenseDocument")))
			.isTrue();
	}

	@Test
	@DisplayName("only the agency's admins and platform admins harvest into its catalog")
	void permissions() throws Exception {
		Actor admin = actor("bl-samr-admin");
		HarvestSource source = source(admin, "mine ");
		Actor staff = actor("sn-psb-staff");
		assertThatThrownBy(() -> source(staff, "staff "))
			.isInstanceOfSatisfying(UnigovException.class, ex -> assertThat(ex.error().spec().code()).isEqualTo("harvest_not_yours"));
		Actor other = actor("xa-hrss-admin");
		assertThatThrownBy(() -> harvester.upload(other, source.id(), "x.json", new byte[] { '{', '}' }, true))
			.isInstanceOfSatisfying(UnigovException.class,
					ex -> assertThat(ex.error().spec().code()).isEqualTo("harvest_source_not_found"));
		assertThat(harvester.sources(other)).noneMatch(s -> s.id().equals(source.id()));
	}

	@Test
	@DisplayName("a source URL must be public http(s): loopback, private and non-http addresses are refused")
	void urlsAreChecked() {
		Actor admin = actor("bl-samr-admin");
		for (String url : List.of("http://127.0.0.1:8080/data.json", "http://localhost/data.json",
				"http://10.1.2.3/data.json", "http://169.254.169.254/latest/meta-data", "file:///etc/passwd",
				"ftp://example.org/data.json")) {
			assertThatThrownBy(() -> harvester.createSource(admin, new Harvester.SourceInput(admin.agencyId(),
					"bad " + UUID.randomUUID(), url, 24,
					new HarvestDefaults("207", "unconditional", "open", "yearly", "file", List.of("file-download")))))
				.as(url)
				.isInstanceOfSatisfying(UnigovException.class, ex -> {
					assertThat(ex.error().spec().code()).isEqualTo("invalid_harvest_source");
					assertThat((List<?>) ex.properties().get("errors")).anySatisfy(
							e -> assertThat(((Map<?, ?>) e).get("code")).isEqualTo("harvest_url_refused"));
				});
		}
	}

	@Test
	@DisplayName("a due scheduled source is claimed once, its next run moved on, and a refused fetch recorded as a failed run")
	void scheduledFetchIsClaimedAndChecked() {
		Actor admin = actor("bl-samr-admin");
		HarvestSource source = source(admin, "scheduled ");
		// A URL that was public when registered and now resolves to an internal address.
		jdbc.sql("update cat_harvest_source set url = 'http://127.0.0.1:9/data.json', interval_hours = 24, next_run_at = now() - interval '1 minute' where id = ?")
			.param(source.id()).update();
		harvester.scheduled();
		assertThat(jdbc.sql("select next_run_at > now() + interval '23 hours' from cat_harvest_source where id = ?")
			.param(source.id()).query(Boolean.class).single()).isTrue();
		assertThat(harvester.jobs(admin, source.id())).singleElement().satisfies(job -> {
			assertThat(job.state()).isEqualTo(HarvestJob.State.FAILED);
			assertThat(job.failure()).contains("internal address");
		});
		harvester.scheduled();
		assertThat(harvester.jobs(admin, source.id())).as("not due again for a day").hasSize(1);
	}

	@Test
	@DisplayName("a file that is no catalogue is refused before any job starts")
	void unreadableUpload() {
		Actor admin = actor("bl-samr-admin");
		HarvestSource source = source(admin, "broken ");
		assertThatThrownBy(() -> harvester.upload(admin, source.id(), "x.json",
				"{\"dataset\": [".getBytes(StandardCharsets.UTF_8), true))
			.isInstanceOfSatisfying(UnigovException.class,
					ex -> assertThat(ex.error().spec().code()).isEqualTo("harvest_document_unreadable"));
		assertThat(harvester.jobs(admin, source.id())).isEmpty();
	}
}
