package org.unigov.identity;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.unigov.SignIn;
import org.unigov.UnigovTest;

/** The staff pages an agency admin uses, through the real forms. */
@UnigovTest
class StaffPagesIntegrationTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	Accounts accounts;

	@Test
	void anAgencyAdminResetsAPasswordAndTheNewOneSignsIn() throws Exception {
		MockHttpSession admin = SignIn.as(this.mvc, "bl-samr-admin");
		String id = this.accounts.byUsername("bl-samr-staff").orElseThrow().id().toString();
		this.mvc.perform(post("/organization/staff/" + id + "/password").session(admin).with(csrf()).param("password", "short"))
			.andExpect(status().isOk())
			.andExpect(content().string(Matchers.containsString("weak_password")));
		this.mvc.perform(post("/organization/staff/" + id + "/password").session(admin)
			.with(csrf())
			.param("password", "Qinling-Mountains-2026"))
			.andExpect(redirectedUrl("/organization/staff/" + id));
		this.mvc.perform(formLogin("/login").user("bl-samr-staff").password("Qinling-Mountains-2026"))
			.andExpect(redirectedUrl("/"));
		this.mvc.perform(get("/organization/staff/" + id).session(admin))
			.andExpect(content().string(Matchers.containsString("staff.password-reset")));
	}

	@Test
	void anAgencyAdminCannotResetSomeoneElsewhere() throws Exception {
		MockHttpSession admin = SignIn.as(this.mvc, "bl-samr-admin");
		String id = this.accounts.byUsername("yt-civil-staff").orElseThrow().id().toString();
		this.mvc.perform(post("/organization/staff/" + id + "/password").session(admin)
			.with(csrf())
			.param("password", "Qinling-Mountains-2026")).andExpect(status().isNotFound());
	}
}
