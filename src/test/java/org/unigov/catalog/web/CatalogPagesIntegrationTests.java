package org.unigov.catalog.web;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.unigov.SignIn;
import org.unigov.UnigovTest;

/** The catalog's staff pages refuse what the catalog refuses. */
@UnigovTest
class CatalogPagesIntegrationTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	private UUID publishedEntry(String agencyOf, boolean own) {
		return this.jdbc.sql("select e.id from cat_entry e where e.status = 'published' and (e.provider_agency_id = "
				+ "(select agency_id from identity_account where username = ?)) = ? order by e.code limit 1")
			.params(agencyOf, own)
			.query(UUID.class)
			.single();
	}

	@Test
	void anotherAgencysEntryOffersNoEditForm() throws Exception {
		MockHttpSession staff = SignIn.as(this.mvc, "sn-psb-staff");
		// published entries are announced to every department (C2), but only their provider edits them
		this.mvc.perform(get("/catalog/entries/" + publishedEntry("sn-psb-staff", false) + "/edit").session(staff))
			.andExpect(status().isForbidden());
		this.mvc.perform(get("/catalog/entries/" + publishedEntry("sn-psb-staff", true) + "/edit").session(staff))
			.andExpect(status().isOk());
	}
}
