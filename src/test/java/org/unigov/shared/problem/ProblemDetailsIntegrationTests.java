package org.unigov.shared.problem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.unigov.SignIn;
import org.unigov.UnigovTest;

/** Every kind of bad input gets RFC 9457 problem+json with a stable code and nothing internal. */
@UnigovTest
class ProblemDetailsIntegrationTests {

	@Autowired
	MockMvc mvc;

	MockHttpSession admin;

	@BeforeEach
	void signIn() throws Exception {
		this.admin = SignIn.as(this.mvc, "admin");
	}

	private ResultActions postAgency(String contentType, byte[] body) throws Exception {
		return this.mvc.perform(post("/api/v1/agencies").session(this.admin).with(csrf()).contentType(contentType).content(body));
	}

	private static void isProblem(ResultActions result, int status, String code) throws Exception {
		String body = result.andExpect(status().is(status))
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.code").value(code))
			.andExpect(jsonPath("$.status").value(status))
			.andExpect(jsonPath("$.type").value(org.hamcrest.Matchers.startsWith(Problems.TYPE_BASE)))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(body).doesNotContain("Exception").doesNotContain("at org.").doesNotContainIgnoringCase("select ");
	}

	@Test
	void malformedJson() throws Exception {
		isProblem(postAgency("application/json", "{\"creditCode\": ".getBytes()), 400, "malformed_json");
	}

	@Test
	void wrongFieldType() throws Exception {
		isProblem(this.mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
			.put("/api/v1/agencies/00000000-0000-0000-0000-000000000000")
			.session(this.admin)
			.with(csrf())
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"nameZh\":\"x\",\"active\":\"maybe\",\"version\":0}")), 400, "invalid_field_type");
	}

	@Test
	void unknownField() throws Exception {
		isProblem(postAgency("application/json", "{\"creditCode\":\"x\",\"isAdmin\":true}".getBytes()), 400,
				"unknown_field");
	}

	@Test
	void failedValidationNamesTheFields() throws Exception {
		postAgency("application/json",
				"{\"creditCode\":\"91110108551385082A\",\"nameZh\":\"\",\"divisionCode\":\"61\"}".getBytes("UTF-8"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.code").value("validation_failed"))
			.andExpect(jsonPath("$.errors[*].field").value(org.hamcrest.Matchers.containsInAnyOrder("creditCode",
					"nameZh", "divisionCode")));
	}

	@Test
	void oversizedBody() throws Exception {
		byte[] big = new byte[1024 * 1024 + 10];
		java.util.Arrays.fill(big, (byte) ' ');
		isProblem(postAgency("application/json", big), 413, "payload_too_large");
	}

	@Test
	void wrongContentType() throws Exception {
		isProblem(postAgency("text/plain", "hello".getBytes()), 415, "unsupported_media_type");
	}

	@Test
	void unknownApiPath() throws Exception {
		isProblem(this.mvc.perform(get("/api/v1/nothing-here").session(this.admin)), 404, "not_found");
	}

	@Test
	void wrongMethod() throws Exception {
		isProblem(this.mvc.perform(delete("/api/v1/divisions").session(this.admin).with(csrf())), 405,
				"method_not_allowed");
	}

	@Test
	void ruleRefusalIsUnprocessable() throws Exception {
		isProblem(this.mvc.perform(post("/api/v1/divisions").session(this.admin)
			.with(csrf())
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"code\":\"620100\",\"nameZh\":\"兰州市\",\"nameEn\":\"Lanzhou\",\"parentCode\":\"610000\"}")), 422,
				"division_hierarchy_invalid");
	}

	@Test
	void missingCredentials() throws Exception {
		isProblem(this.mvc.perform(get("/api/v1/agencies")), 401, "unauthenticated");
	}

	@Test
	void insufficientRole() throws Exception {
		MockHttpSession staff = SignIn.as(this.mvc, "xa-hrss-staff");
		isProblem(this.mvc.perform(post("/api/v1/divisions").session(staff)
			.with(csrf())
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"code\":\"610114\",\"nameZh\":\"x\",\"nameEn\":\"x\",\"parentCode\":\"610100\"}")), 403, "forbidden");
	}

	@Test
	void missingCsrfTokenIsForbiddenForSessions() throws Exception {
		this.mvc.perform(post("/api/v1/divisions").session(this.admin)
			.contentType(MediaType.APPLICATION_JSON)
			.content("{}")).andExpect(status().isForbidden());
	}

	@Test
	void titlesFollowTheLanguage() throws Exception {
		this.mvc.perform(get("/api/v1/nothing-here").session(this.admin).header("Accept-Language", "en"))
			.andExpect(jsonPath("$.title").value("Not found"));
		this.mvc.perform(get("/api/v1/nothing-here").session(this.admin))
			.andExpect(jsonPath("$.title").value("资源不存在"))
			.andExpect(header().string("Content-Type", org.hamcrest.Matchers.containsString("problem+json")));
	}
}
