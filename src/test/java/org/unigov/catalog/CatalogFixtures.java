package org.unigov.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.concurrent.atomic.AtomicInteger;

import com.jayway.jsonpath.JsonPath;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.unigov.SignIn;

/** Builds catalog entries through the API, as a department and its coordinator would. */
public final class CatalogFixtures {

	private static final AtomicInteger SEQUENCE = new AtomicInteger();

	private CatalogFixtures() {
	}

	/** A unique name, so that tests sharing one database do not see each other's entries. */
	public static String name(String base) {
		return base + SEQUENCE.incrementAndGet();
	}

	/** The JSON of an entry; {@code sharing} is the part after the common fields. */
	public static String entry(String name, String sharing) {
		return """
				{"name": "%s", "nameEn": "Resident register extract", "classification": "101",
				 "summary": "户籍人口基础信息，含身份号码、姓名、户籍地址。", "summaryEn": "Basic population data.",
				 "items": [
				   {"name": "公民身份号码", "nameEn": "Citizen ID", "type": "string", "elementCode": "citizen-id", "example": "11010519491231002X"},
				   {"name": "姓名", "nameEn": "Name", "type": "string", "elementCode": "person-name"},
				   {"name": "户籍地址", "nameEn": "Registered address", "type": "string", "elementCode": "address"}],
				 "format": "database", "updateFrequency": "daily", "sharingMethods": ["api"],
				 "grade": "important", "personalInfo": true, "secrecy": "none",
				 "assessmentApprovedBy": "赵厅长", "assessmentApprovedOn": "2026-11-02",
				 "keywords": ["户籍", "人口"], %s}""".formatted(name, sharing);
	}

	public static final String UNCONDITIONAL = "\"sharingType\": \"unconditional\", \"openAttribute\": \"not-open\"";

	public static final String CONDITIONAL = """
			"sharingType": "conditional", "openAttribute": "not-open",
			"conditions": [
			  {"kind": "purpose", "text": "仅用于社会保险待遇资格认证", "basis": "《社会保险法》第七十四条"},
			  {"kind": "scope", "text": "限人社部门业务系统使用", "basis": "《政务数据共享条例》第十五条"}]""";

	public static final String NOT_SHARED = """
			"sharingType": "not-shared", "openAttribute": "not-open",
			"notSharedReason": "涉及侦查工作信息", "notSharedBasis": "《中华人民共和国刑事诉讼法》第一百五十二条\"""";

	public static ResultActions send(MockMvc mvc, MockHttpServletRequestBuilder request, MockHttpSession session,
			String body) throws Exception {
		return mvc.perform(request.session(session).with(csrf()).contentType(MediaType.APPLICATION_JSON).content(body));
	}

	/** Compiles, submits and publishes an entry of the provincial public security department; returns its id. */
	public static String published(MockMvc mvc, String json) throws Exception {
		MockHttpSession staff = SignIn.as(mvc, "sn-psb-staff");
		String created = send(mvc, post("/api/v1/catalog/entries"), staff, json).andReturn().getResponse().getContentAsString();
		String id = JsonPath.read(created, "$.entry.id");
		assertThat(id).as(created).isNotNull();
		send(mvc, post("/api/v1/catalog/entries/" + id + "/submit"), staff, "{\"version\": 0}");
		String reviewed = send(mvc, post("/api/v1/catalog/entries/" + id + "/review"), SignIn.as(mvc, "sn-coord"),
				"{\"decision\": \"approve\", \"version\": 1}").andReturn().getResponse().getContentAsString();
		assertThat((String) JsonPath.read(reviewed, "$.status")).as(reviewed).isEqualTo("published");
		return id;
	}
}
