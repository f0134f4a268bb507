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
	void anAgencyAdminCannotTakeOverAHigherAccountInTheSameAgency() throws Exception {
		String coordinator = this.accounts.byUsername("sn-coord").orElseThrow().id().toString();
		MockHttpSession dataBureauAdmin = SignIn.as(this.mvc, "admin");
		// 陕西省数据和政务服务局 employs both the platform admin and the provincial coordinator; an
		// agency admin created there must not be able to reset or unlock either of them

		String agencyId = this.accounts.byUsername("sn-coord").orElseThrow().agencyId().toString();
		this.mvc.perform(post("/api/v1/staff").session(dataBureauAdmin)
			.with(csrf())
			.contentType(org.springframework.http.MediaType.APPLICATION_JSON)
			.content("{\"username\":\"sn-data-admin\",\"displayName\":\"数据局 管理员\",\"agencyId\":\"" + agencyId
					+ "\",\"roles\":[\"AGENCY_ADMIN\"],\"password\":\"Qinling-Mountains-2026\"}"))
			.andExpect(status().isCreated());
		MockHttpSession agencyAdmin = SignIn.asWithPassword(this.mvc, "sn-data-admin", "Qinling-Mountains-2026");
		String platformAdmin = this.accounts.byUsername("admin").orElseThrow().id().toString();
		for (String target : new String[] { coordinator, platformAdmin }) {
			this.mvc.perform(post("/api/v1/staff/" + target + "/password").session(agencyAdmin)
				.with(csrf())
				.contentType(org.springframework.http.MediaType.APPLICATION_JSON)
				.content("{\"password\":\"Stolen-Keys-To-The-Kingdom\"}"))
				.andExpect(status().isForbidden())
				.andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath("$.code")
					.value("role_not_grantable"));
			this.mvc.perform(post("/api/v1/staff/" + target + "/unlock").session(agencyAdmin).with(csrf()))
				.andExpect(status().isForbidden());
		}
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
