package org.unigov.organization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
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

/** Division forms: a platform admin renames with the version read; a stale form changes nothing. */
@UnigovTest
class OrganizationPagesIntegrationTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	OrganizationDirectory directory;

	@Test
	void aPlatformAdminRenamesADivisionAndAStaleFormIsRefused() throws Exception {
		MockHttpSession admin = SignIn.as(this.mvc, "admin");
		long version = this.directory.requireDivision("610112").version();
		this.mvc.perform(post("/organization/divisions/610112").session(admin)
			.with(csrf())
			.param("nameZh", "未央区")
			.param("nameEn", "Weiyang")
			.param("version", String.valueOf(version))).andExpect(redirectedUrl("/organization/divisions/610112"));
		assertThat(this.directory.requireDivision("610112").nameEn()).isEqualTo("Weiyang");
		this.mvc.perform(post("/organization/divisions/610112").session(admin)
			.with(csrf())
			.param("nameZh", "未央")
			.param("nameEn", "Weiyang District")
			.param("version", String.valueOf(version)))
			.andExpect(status().isOk())
			.andExpect(content().string(Matchers.containsString("stale_version")));
		assertThat(this.directory.requireDivision("610112").nameZh()).isEqualTo("未央区");
	}

	@Test
	void aCoordinatorCannotRenameDivisions() throws Exception {
		this.mvc.perform(post("/organization/divisions/610113").session(SignIn.as(this.mvc, "yt-coord"))
			.with(csrf())
			.param("nameZh", "雁塔")
			.param("version", "0")).andExpect(status().isForbidden());
	}
}
