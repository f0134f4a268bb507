package org.unigov.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.unigov.RawHttp;
import org.unigov.UnigovTest;

/**
 * The page frame around every page, over real HTTP (error pages are rendered by the servlet
 * container's error dispatch, which MockMvc does not perform).
 */
@UnigovTest
class LayoutIntegrationTests {

	@Value("${local.server.port}")
	int port;

	@Test
	void anErrorPageShowsASignedInPersonAsSignedIn() throws Exception {
		RawHttp staff = new RawHttp(this.port).signIn("xa-coord", "demo");
		RawHttp.Response missing = staff.get("/no-such-page", Map.of("Accept", "text/html"));
		assertThat(missing.status()).isEqualTo(404);
		assertThat(missing.text()).contains("action=\"/logout\"").doesNotContain("href=\"/login\"");
	}

	@Test
	void theApiDocumentationLinkIsOfferedOnlyToThoseWhoMayOpenIt() throws Exception {
		RawHttp citizen = new RawHttp(this.port).signIn("citizen", "demo");
		assertThat(citizen.get("/", Map.of("Accept", "text/html")).text()).doesNotContain("swagger-ui");
		RawHttp.Response refused = citizen.get("/swagger-ui.html", Map.of("Accept", "text/html"));
		assertThat(refused.status()).isEqualTo(403);
		// the refusal page (the container's error dispatch) still shows who is signed in
		assertThat(refused.text()).contains("action=\"/logout\"").contains("张三");
		RawHttp staff = new RawHttp(this.port).signIn("xa-coord", "demo");
		assertThat(staff.get("/", Map.of("Accept", "text/html")).text()).contains("/swagger-ui.html");
		assertThat(staff.get("/swagger-ui.html", Map.of("Accept", "text/html")).status()).isIn(200, 302);
	}
}
