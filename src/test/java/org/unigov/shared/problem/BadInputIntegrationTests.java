package org.unigov.shared.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.unigov.LogTail;
import org.unigov.RawHttp.Response;
import org.unigov.RawHttp;
import org.unigov.UnigovTest;

/**
 * Input no well-behaved client sends, over real HTTP so that the servlet container's own checks
 * take part: each is refused with a 4xx, as problem+json for API clients and as the site's error
 * page for people, and logged in one line without a stack trace (issue 15).
 */
@UnigovTest
class BadInputIntegrationTests {

	static final Map<String, String> JSON = Map.of("Accept", "application/json");

	static final Map<String, String> PAGE = Map.of("Accept", "text/html");

	@LocalServerPort
	int port;

	@Autowired
	Environment environment;

	RawHttp admin;

	@BeforeEach
	void signIn() throws IOException {
		this.admin = new RawHttp(this.port).signIn("admin", "demo");
	}

	static void isProblem(Response response, int status, String code) {
		assertThat(response.status()).as(response.toString()).isEqualTo(status);
		assertThat(response.contentType()).as(response.toString()).startsWith("application/problem+json");
		assertThat((String) JsonPath.read(response.text(), "$.code")).isEqualTo(code);
		assertThat(response.text()).doesNotContain("Exception").doesNotContain("at org.");
	}

	static void isErrorPage(Response response, int status) {
		assertThat(response.status()).as(response.toString()).isEqualTo(status);
		assertThat(response.contentType()).as(response.toString()).startsWith("text/html");
		assertThat(response.text()).as("the site's style").contains("/css/unigov.css").doesNotContain("Apache Tomcat")
			.doesNotContain("Exception");
	}

	private Response postJson(String path, String json) throws IOException {
		return this.admin.send("POST", path, Map.of("Content-Type", "application/json", "Accept", "application/json",
				"X-CSRF-TOKEN", this.admin.csrf()), json.getBytes(StandardCharsets.UTF_8));
	}

	/** A token of the right shape that no session ever issued: the XOR mask decodes to non-UTF-8. */
	private String tamperedToken() {
		byte[] token = Base64.getUrlDecoder().decode(this.admin.csrf());
		token[3] ^= (byte) 0x80;
		return Base64.getUrlEncoder().withoutPadding().encodeToString(token);
	}

	@Nested
	class InvalidUtf8InQueries {

		@Test
		void anApiAnswersAProblem() throws IOException {
			isProblem(admin.get("/api/v1/systems?q=%ff", JSON), 400, "invalid_encoding");
		}

		@Test
		void theHealthEndpointAnswersAProblem() throws IOException {
			isProblem(admin.get("/actuator/health?x=%C0", Map.of()), 400, "invalid_encoding");
		}

		@Test
		void aPageAnswersTheErrorPage() throws IOException {
			isErrorPage(admin.get("/open?q=%ff", PAGE), 400);
			isErrorPage(new RawHttp(port).get("/login?x=%ff", PAGE), 400);
		}

		@Test
		void aFormBodyIsRefusedToo() throws IOException {
			Response response = admin.send("POST", "/login",
					Map.of("Content-Type", "application/x-www-form-urlencoded", "Accept", "text/html"),
					("username=%ff&password=x&_csrf=" + admin.csrf()).getBytes(StandardCharsets.US_ASCII));
			isErrorPage(response, 400);
		}
	}

	@Nested
	class NulCharacters {

		@Test
		void aNulInASearchIsAnInvalidParameterNotAConflict() throws IOException {
			Response response = admin.get("/api/v1/systems?q=a%00b", JSON);
			isProblem(response, 400, "invalid_parameter");
			assertThat((String) JsonPath.read(response.text(), "$.field")).isEqualTo("q");
		}

		@Test
		void aNulInJsonTextIsInvalidText() throws IOException {
			Response response = postJson("/api/v1/systems/similar",
					"{\"name\":\"a\\u0000b\",\"summary\":\"x\",\"capabilities\":[],\"divisionCode\":\"610100\"}");
			isProblem(response, 422, "invalid_text");
			assertThat((String) JsonPath.read(response.text(), "$.field")).isEqualTo("name");
		}
	}

	@Nested
	class SortParameters {

		@Test
		void aPercentSignInSortIsAnInvalidParameter() throws IOException {
			Response response = admin.get("/api/v1/systems?sort=%25", JSON);
			isProblem(response, 400, "invalid_parameter");
			assertThat((String) JsonPath.read(response.text(), "$.field")).isEqualTo("sort");
			isProblem(admin.get("/api/v1/agencies?sort=name,%25", JSON), 400, "invalid_parameter");
		}
	}

	@Nested
	class TamperedCsrfTokens {

		@Test
		void signingInWithATamperedTokenIsForbidden() throws IOException {
			RawHttp browser = new RawHttp(port);
			browser.get("/login", PAGE);
			Response response = browser.send("POST", "/login",
					Map.of("Content-Type", "application/x-www-form-urlencoded", "Accept", "text/html"),
					("username=admin&password=demo&_csrf=" + tamperedToken()).getBytes(StandardCharsets.US_ASCII));
			isErrorPage(response, 403);
		}

		@Test
		void aFormPostWithATamperedTokenGetsTheErrorPage() throws IOException {
			Response response = admin.send("POST", "/logout",
					Map.of("Content-Type", "application/x-www-form-urlencoded", "Accept", "text/html"),
					("_csrf=" + tamperedToken()).getBytes(StandardCharsets.US_ASCII));
			isErrorPage(response, 403);
		}

		@Test
		void anApiCallWithATamperedTokenIsAProblem() throws IOException {
			Response response = admin.send("POST", "/api/v1/divisions",
					Map.of("Content-Type", "application/json", "X-CSRF-TOKEN", tamperedToken()),
					"{}".getBytes(StandardCharsets.UTF_8));
			isProblem(response, 403, "forbidden");
		}

		@Test
		void aTokenInTheQueryStringDoesNotCount() throws IOException {
			Response response = admin.send("POST", "/api/v1/divisions?_csrf=" + admin.csrf(),
					Map.of("Content-Type", "application/json"), "{}".getBytes(StandardCharsets.UTF_8));
			isProblem(response, 403, "forbidden");
		}
	}

	@Nested
	class LoneSurrogatesInPasswords {

		@Test
		void aNewStaffPasswordIsRefused() throws IOException {
			String agency = JsonPath.read(admin.get("/api/v1/agencies?size=1", JSON).text(), "$.content[0].id");
			Response response = postJson("/api/v1/staff", """
					{"username":"surrogate-test","displayName":"S","agencyId":"%s","roles":["AGENCY_STAFF"],
					 "password":"abcdefghijkl\\ud800mn"}""".formatted(agency));
			isProblem(response, 422, "invalid_text");
			assertThat((String) JsonPath.read(response.text(), "$.field")).isEqualTo("password");
		}

		@Test
		void anOwnPasswordChangeIsRefused() throws IOException {
			isProblem(postJson("/api/v1/me/password", """
					{"currentPassword":"demo","newPassword":"abcdefghijkl\\udc00mn"}"""), 422, "invalid_text");
			isProblem(postJson("/api/v1/me/password", """
					{"currentPassword":"de\\ud800mo","newPassword":"abcdefghijklmn"}"""), 422, "invalid_text");
		}
	}

	@Nested
	class TheErrorPathOpenedDirectly {

		@Test
		void isNotFound() throws IOException {
			isProblem(admin.get("/error", JSON), 404, "not_found");
			isErrorPage(admin.get("/error", PAGE), 404);
		}
	}

	@Nested
	class PathsTheServletContainerRefuses {

		@Test
		void anApiAnswersAProblem() throws IOException {
			for (String path : List.of("/api/v1/systems/%2F", "/api/v1/systems/a%00b", "/api/v1/systems/a\\b",
					"/api/v1/systems/%5C..")) {
				isProblem(admin.get(path, JSON), 400, "malformed_request");
			}
		}

		@Test
		void aPageAnswersTheErrorPage() throws IOException {
			isErrorPage(admin.get("/registry/%2F", PAGE), 400);
			isErrorPage(admin.get("/registry/a%00b", PAGE), 400);
		}
	}

	@Nested
	class WrongContentTypes {

		@Test
		void aMultipartBodyWithoutBoundaryIsMalformed() throws IOException {
			isProblem(admin.send("POST", "/api/v1/agencies", Map.of("Content-Type", "multipart/form-data",
					"X-CSRF-TOKEN", admin.csrf()), "--x--".getBytes(StandardCharsets.US_ASCII)), 400, "malformed_request");
		}

		@Test
		void aFormWithBrokenEscapesSentByPutIsAnUnsupportedType() throws IOException {
			isProblem(admin.send("PUT", "/api/v1/agencies/" + UUID.randomUUID(),
					Map.of("Content-Type", "application/x-www-form-urlencoded", "X-CSRF-TOKEN", admin.csrf()),
					"a=%&b=%ZZ".getBytes(StandardCharsets.US_ASCII)), 415, "unsupported_media_type");
		}
	}

	@Nested
	class JsonTypes {

		@Test
		void aNumberGivenAsAStringIsRefused() throws IOException {
			Response response = admin.send("PUT", "/api/v1/agencies/" + UUID.randomUUID(),
					Map.of("Content-Type", "application/json", "X-CSRF-TOKEN", admin.csrf()),
					"{\"nameZh\":\"x\",\"active\":true,\"version\":\"0\"}".getBytes(StandardCharsets.UTF_8));
			isProblem(response, 400, "invalid_field_type");
			assertThat((String) JsonPath.read(response.text(), "$.field")).isEqualTo("version");
		}

		@Test
		void aBooleanOrNumberGivenForAStringIsRefused() throws IOException {
			Response response = postJson("/api/v1/systems/similar",
					"{\"name\":true,\"summary\":\"x\",\"capabilities\":[],\"divisionCode\":\"610100\"}");
			isProblem(response, 400, "invalid_field_type");
			assertThat((String) JsonPath.read(response.text(), "$.field")).isEqualTo("name");
			response = postJson("/api/v1/me/password",
					"{\"currentPassword\":123456789012,\"newPassword\":\"abcdefghijklmn\"}");
			isProblem(response, 400, "invalid_field_type");
			assertThat((String) JsonPath.read(response.text(), "$.field")).isEqualTo("currentPassword");
		}
	}

	@Nested
	class Logging {

		@Test
		void badInputIsLoggedWithoutAStackTrace() throws IOException {
			LogTail log = LogTail.of(environment);
			admin.get("/api/v1/systems?q=%ff", JSON);
			admin.get("/api/v1/systems?sort=%25", JSON);
			admin.get("/api/v1/systems/a%00b", JSON);
			admin.get("/api/v1/systems/a\\b", JSON);
			admin.get("/error", JSON);
			admin.send("POST", "/api/v1/divisions", Map.of("Content-Type", "application/json", "X-CSRF-TOKEN",
					tamperedToken()), "{}".getBytes(StandardCharsets.UTF_8));
			postJson("/api/v1/me/password", "{\"currentPassword\":\"de\\ud800mo\",\"newPassword\":\"abcdefghijklmn\"}");
			admin.send("POST", "/login", Map.of("Content-Type", "application/x-www-form-urlencoded"),
					("username=%ff&password=x&_csrf=" + admin.csrf()).getBytes(StandardCharsets.US_ASCII));
			assertThat(log.stackTraces()).isEmpty();
			assertThat(log.events()).as("at most one line per request").hasSizeLessThanOrEqualTo(8);
		}
	}
}
