package org.unigov.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.net.URI;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.util.UriComponentsBuilder;
import org.unigov.UnigovTest;
import org.unigov.identity.internal.DemoAccounts;

/** The sign-in page an application sends a person to names the application by its registered client name. */
@UnigovTest
class SignInForAppIntegrationTests {

	@Autowired
	MockMvc mvc;

	@Test
	@DisplayName("an OIDC sign-in names the application asking, not only its client id")
	void signInNamesTheApplication() throws Exception {
		URI authorize = UriComponentsBuilder.fromPath("/oauth2/authorize")
			.queryParam("response_type", "code")
			.queryParam("client_id", DemoAccounts.DEMO_APP)
			.queryParam("redirect_uri", DemoAccounts.DEMO_APP_REDIRECT)
			.queryParam("scope", "openid profile")
			.queryParam("state", "s1")
			.queryParam("code_challenge", "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM")
			.queryParam("code_challenge_method", "S256")
			.encode()
			.build()
			.toUri();
		MockHttpSession session = new MockHttpSession();
		String location = this.mvc.perform(get(authorize).session(session).accept(MediaType.TEXT_HTML))
			.andExpect(status().is3xxRedirection())
			.andReturn()
			.getResponse()
			.getRedirectedUrl();
		assertThat(location).endsWith("/login");
		String page = this.mvc.perform(get("/login").session(session)).andExpect(status().isOk()).andReturn().getResponse()
			.getContentAsString();
		assertThat(page).contains("id=\"asking-app\"").contains("「Unigov 演示应用」请求您以统一身份登录")
			.contains(DemoAccounts.DEMO_APP);
		// an ordinary sign-in names no application
		assertThat(this.mvc.perform(get("/login")).andReturn().getResponse().getContentAsString()).doesNotContain("asking-app");
	}
}
