package org.unigov.catalog.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.unigov.SignIn;
import org.unigov.UnigovTest;

/** The harvest pages and API: progress polling, refusals as problem+json, who may use them. */
@UnigovTest
class HarvestPagesIntegrationTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	String agency(String username) {
		return jdbc.sql("select agency_id::text from identity_account where username = ?").param(username)
			.query(String.class).single();
	}

	String createSource(MockHttpSession session, String agencyId) throws Exception {
		String body = mvc.perform(post("/api/v1/catalog/harvest/sources").session(session).with(csrf())
			.contentType(MediaType.APPLICATION_JSON)
			.content("""
					{"agencyId": "%s", "name": "api %s", "classification": "207"}""".formatted(agencyId, UUID.randomUUID())))
			.andExpect(status().isCreated())
			.andReturn().getResponse().getContentAsString();
		return JsonPath.read(body, "$.id");
	}

	@Test
	@DisplayName("a running job's fragment shows a progress bar that polls itself; a finished one stops polling")
	void progressFragmentPolls() throws Exception {
		MockHttpSession admin = SignIn.as(mvc, "bl-samr-admin");
		String source = createSource(admin, agency("bl-samr-admin"));
		UUID job = UUID.randomUUID();
		jdbc.sql("""
				insert into cat_harvest_job (id, source_id, dry_run, state, document_name, document, total, processed, started_by)
				values (?, ?::uuid, true, 'running', 'big.data.json', '\\x7b7d'::bytea, 40, 10, 'bl-samr-admin')""")
			.params(job, source).update();
		String running = mvc.perform(get("/catalog/harvest/jobs/" + job).param("fragment", "1").session(admin))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(running).contains("<progress", "value=\"25\"", "hx-get=\"/catalog/harvest/jobs/" + job + "?fragment=1\"",
				"hx-trigger=\"load delay:700ms\"", "已处理 10 / 40 个数据集");
		jdbc.sql("update cat_harvest_job set state = 'done', processed = 40, finished_at = now() where id = ?").param(job).update();
		String done = mvc.perform(get("/catalog/harvest/jobs/" + job).param("fragment", "1").session(admin))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(done).doesNotContain("<progress", "hx-get").contains("试运行完成");
	}

	@Test
	@DisplayName("the API refuses a private URL and an unreadable file with problem+json codes; staff may not harvest")
	void apiRefusals() throws Exception {
		MockHttpSession admin = SignIn.as(mvc, "bl-samr-admin");
		mvc.perform(post("/api/v1/catalog/harvest/sources").session(admin).with(csrf())
			.contentType(MediaType.APPLICATION_JSON)
			.content("""
					{"agencyId": "%s", "name": "internal", "url": "http://127.0.0.1:8080/api/v1/catalog/resources",
					 "intervalHours": 24, "classification": "207"}""".formatted(agency("bl-samr-admin"))))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.code").value("invalid_harvest_source"))
			.andExpect(jsonPath("$.errors[0].code").value("harvest_url_refused"));
		String source = createSource(admin, agency("bl-samr-admin"));
		mvc.perform(multipart("/api/v1/catalog/harvest/sources/" + source + "/jobs")
			.file(new MockMultipartFile("file", "x.ttl", "text/turtle", "this is not turtle".getBytes()))
			.session(admin).with(csrf()))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.code").value("harvest_document_unreadable"));
		MockHttpSession staff = SignIn.as(mvc, "sn-psb-staff");
		mvc.perform(get("/catalog/harvest").session(staff)).andExpect(status().isForbidden());
		mvc.perform(get("/api/v1/catalog/harvest/sources/" + source + "/jobs").session(staff)).andExpect(status().isForbidden());
		MockHttpSession otherAdmin = SignIn.as(mvc, "xa-hrss-admin");
		mvc.perform(get("/api/v1/catalog/harvest/sources/" + source + "/jobs").session(otherAdmin))
			.andExpect(status().isNotFound())
			.andExpect(jsonPath("$.code").value("harvest_source_not_found"));
	}

	@Test
	@DisplayName("the harvest page in English has no Chinese labels of its own")
	void englishPage() throws Exception {
		MockHttpSession admin = SignIn.as(mvc, "bl-samr-admin");
		String page = mvc.perform(get("/catalog/harvest").param("lang", "en").session(admin))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(page).contains("Harvest external catalogues", "New harvest source", "Default update frequency");
	}
}
