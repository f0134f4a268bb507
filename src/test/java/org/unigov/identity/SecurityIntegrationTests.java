package org.unigov.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.util.UriComponentsBuilder;
import org.unigov.SignIn;
import org.unigov.UnigovTest;
import org.unigov.identity.internal.DemoAccounts;

/** Sign-in, tokens and the protective headers, end to end through the real filter chains. */
@UnigovTest
class SecurityIntegrationTests {

	@Autowired
	MockMvc mvc;

	private String clientToken() throws Exception {
		String body = mvc.perform(post("/oauth2/token")
			.header(HttpHeaders.AUTHORIZATION, "Basic " + Base64.getEncoder()
				.encodeToString("xa-hrss-social-insurance:demo-secret-hrss".getBytes(StandardCharsets.UTF_8)))
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.param("grant_type", "client_credentials")
			.param("scope", "exchange"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.token_type").value("Bearer"))
			.andReturn()
			.getResponse()
			.getContentAsString();
		return JsonPath.read(body, "$.access_token");
	}

	@Nested
	class Oidc {

		@Test
		void discoveryDocumentAnswers() throws Exception {
			mvc.perform(get("/.well-known/openid-configuration"))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.token_endpoint").value(org.hamcrest.Matchers.endsWith("/oauth2/token")))
				.andExpect(jsonPath("$.grant_types_supported").value(org.hamcrest.Matchers.hasItems(
						"client_credentials", "authorization_code")))
				.andExpect(jsonPath("$.code_challenge_methods_supported[0]").value("S256"));
		}

		@Test
		void aDepartmentSystemTokenWorksOnAProtectedApi() throws Exception {
			String token = clientToken();
			mvc.perform(get("/api/v1/me").header(HttpHeaders.AUTHORIZATION, "Bearer " + token))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.kind").value("SYSTEM"))
				.andExpect(jsonPath("$.username").value("xa-hrss-social-insurance"))
				.andExpect(jsonPath("$.divisionCode").value("610100"));
			mvc.perform(get("/api/v1/divisions").header(HttpHeaders.AUTHORIZATION, "Bearer " + token))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.content[0].code").value("610000"));
		}

		@Test
		void aSystemTokenHoldsNoStaffRole() throws Exception {
			mvc.perform(get("/api/v1/staff").header(HttpHeaders.AUTHORIZATION, "Bearer " + clientToken()))
				.andExpect(status().isForbidden())
				.andExpect(jsonPath("$.code").value("forbidden"));
		}

		@Test
		void aWrongClientSecretGetsNoToken() throws Exception {
			mvc.perform(post("/oauth2/token")
				.header(HttpHeaders.AUTHORIZATION, "Basic " + Base64.getEncoder()
					.encodeToString("xa-hrss-social-insurance:wrong".getBytes(StandardCharsets.UTF_8)))
				.contentType(MediaType.APPLICATION_FORM_URLENCODED)
				.param("grant_type", "client_credentials")).andExpect(status().isUnauthorized());
		}

		@Test
		void missingAndInvalidTokensGet401ProblemJson() throws Exception {
			mvc.perform(get("/api/v1/me"))
				.andExpect(status().isUnauthorized())
				.andExpect(header().string(HttpHeaders.CONTENT_TYPE, org.hamcrest.Matchers.containsString("problem+json")))
				.andExpect(jsonPath("$.code").value("unauthenticated"));
			String forged = clientToken();
			forged = forged.substring(0, forged.length() - 4) + "AAAA";
			mvc.perform(get("/api/v1/me").header(HttpHeaders.AUTHORIZATION, "Bearer " + forged))
				.andExpect(status().isUnauthorized())
				.andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, org.hamcrest.Matchers.containsString("invalid_token")))
				.andExpect(jsonPath("$.code").value("invalid_token"));
		}

		@Test
		void anAppSignsAPersonInWithAuthorizationCodeAndPkce() throws Exception {
			MockHttpSession session = SignIn.as(mvc, "xa-coord");
			String verifier = "verifier-" + "x".repeat(50);
			String challenge = Base64.getUrlEncoder()
				.withoutPadding()
				.encodeToString(MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
			// the authorization endpoint reads its parameters from the query string
			URI authorize = UriComponentsBuilder.fromPath("/oauth2/authorize")
				.queryParam("response_type", "code")
				.queryParam("client_id", DemoAccounts.DEMO_APP)
				.queryParam("redirect_uri", DemoAccounts.DEMO_APP_REDIRECT)
				.queryParam("scope", "openid profile")
				.queryParam("state", "s1")
				.queryParam("code_challenge", challenge)
				.queryParam("code_challenge_method", "S256")
				.encode()
				.build()
				.toUri();
			String location = mvc.perform(get(authorize).session(session))
				.andExpect(status().is3xxRedirection())
				.andReturn()
				.getResponse()
				.getRedirectedUrl();
			assertThat(location).startsWith(DemoAccounts.DEMO_APP_REDIRECT);
			String code = UriComponentsBuilder.fromUri(URI.create(location)).build().getQueryParams().getFirst("code");
			String body = mvc.perform(post("/oauth2/token").contentType(MediaType.APPLICATION_FORM_URLENCODED)
				.param("grant_type", "authorization_code")
				.param("client_id", DemoAccounts.DEMO_APP)
				.param("redirect_uri", DemoAccounts.DEMO_APP_REDIRECT)
				.param("code", code)
				.param("code_verifier", verifier))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.id_token").isString())
				.andReturn()
				.getResponse()
				.getContentAsString();
			String token = JsonPath.read(body, "$.access_token");
			mvc.perform(get("/api/v1/me").header(HttpHeaders.AUTHORIZATION, "Bearer " + token))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.username").value("xa-coord"))
				.andExpect(jsonPath("$.roles[0]").value("COORDINATOR"));
		}

		@Test
		void aPublicAppWithoutPkceIsRefused() throws Exception {
			MockHttpSession session = SignIn.as(mvc, "xa-coord");
			mvc.perform(get(UriComponentsBuilder.fromPath("/oauth2/authorize")
				.queryParam("response_type", "code")
				.queryParam("client_id", DemoAccounts.DEMO_APP)
				.queryParam("redirect_uri", DemoAccounts.DEMO_APP_REDIRECT)
				.queryParam("scope", "openid")
				.encode()
				.build()
				.toUri()).session(session))
				.andExpect(result -> assertThat(result.getResponse().getRedirectedUrl()).contains("error="));
		}
	}

	@Nested
	class Sessions {

		@Test
		void everyResponseCarriesTheProtectiveHeaders() throws Exception {
			for (String path : new String[] { "/", "/login", "/api/v1/me", "/.well-known/openid-configuration" }) {
				mvc.perform(get(path))
					.andExpect(header().string("Content-Security-Policy",
							org.hamcrest.Matchers.allOf(org.hamcrest.Matchers.containsString("frame-ancestors 'none'"),
									org.hamcrest.Matchers.containsString("script-src 'self'"),
									org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("unsafe-inline")))))
					.andExpect(header().string("X-Content-Type-Options", "nosniff"))
					.andExpect(header().string("X-Frame-Options", "DENY"))
					.andExpect(header().string("Permissions-Policy",
							org.hamcrest.Matchers.allOf(org.hamcrest.Matchers.containsString("camera=()"),
									org.hamcrest.Matchers.containsString("microphone=()"),
									org.hamcrest.Matchers.containsString("geolocation=()"))))
					.andExpect(header().string("Cross-Origin-Opener-Policy", "same-origin"));
			}
		}

		@Test
		void pagesExposeTheCsrfTokenForHtmx() throws Exception {
			MockHttpSession session = SignIn.as(mvc, "xa-coord");
			String html = mvc.perform(get("/").session(session).accept(MediaType.TEXT_HTML))
				.andExpect(status().isOk())
				.andReturn()
				.getResponse()
				.getContentAsString();
			assertThat(html).contains("<meta name=\"_csrf\" content=\"").contains("<meta name=\"_csrf_header\" content=\"X-CSRF-TOKEN\"");
			assertThat(html).doesNotContain("<script>").doesNotContain("onclick=");
		}

		@Test
		void pagesRedirectStrangersToSignIn() throws Exception {
			mvc.perform(get("/organization").accept(MediaType.TEXT_HTML))
				.andExpect(status().is3xxRedirection())
				.andExpect(redirectedUrl("/login"));
		}
	}
}
