package org.unigov.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.unigov.SignIn;
import org.unigov.UnigovTest;
import org.unigov.registry.internal.SystemNames;

/**
 * Issue 16: the duplicate check runs on save and a likely duplicate is saved only on explicit
 * confirmation, recorded with its matches; names that differ only in whitespace are one name.
 */
@UnigovTest
class RegistryDuplicateSaveIntegrationTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	MockHttpSession staff;

	@BeforeEach
	void signIn() throws Exception {
		this.staff = SignIn.as(this.mvc, "yt-civil-staff");
		// the finder's index loads in the background after start-up; the finder waits for it
		this.mvc.perform(post("/api/v1/systems/similar").session(this.staff)
			.with(csrf())
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\":\"预热\",\"divisionCode\":\"610113\"}")).andExpect(status().isOk());
	}

	/** A system much like the demo's 雁塔区社会救助信息管理系统 of the same agency. */
	static String assistance(String name) {
		return """
				{"name":"%s","aliases":[],"summary":"办理最低生活保障、特困供养和临时救助申请审核，开展家庭经济状况核对和救助资金发放。",
				 "capabilities":["social-assistance"],"status":"live","goLiveDate":"2024-03-01","buildCostFen":100000000,
				 "annualOmCostFen":20000000,"fundingSource":"county-fiscal","vendor":"西安某科技有限公司","hosting":"gov-cloud",
				 "registeredUsers":100,"monthlyActiveUsers":10,"loginMethod":"unified-identity","integrations":[],
				 "publicFacing":false}""".formatted(name);
	}

	ResultActions create(String body, String query) throws Exception {
		return this.mvc.perform(post("/api/v1/systems" + query).session(this.staff)
			.with(csrf())
			.contentType(MediaType.APPLICATION_JSON)
			.content(body));
	}

	@Test
	void aLikelyDuplicateIsRefusedWithItsMatchesUntilConfirmedAndTheConfirmationIsAudited() throws Exception {
		String name = RegistryFixtures.unique("雁塔区社会救助综合管理平台");
		create(assistance(name), "").andExpect(status().isConflict())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.code").value("possible_duplicate"))
			.andExpect(jsonPath("$.matches[0].name").value("雁塔区社会救助信息管理系统"))
			.andExpect(jsonPath("$.matches[0].agency").value("雁塔区民政局"))
			.andExpect(jsonPath("$.matches[0].score").value(org.hamcrest.Matchers.greaterThanOrEqualTo(0.5)))
			.andExpect(jsonPath("$.matches[0].reasons[*].type").value(org.hamcrest.Matchers.hasItem("matching_words")));
		assertThat(this.jdbc.sql("select count(*) from reg_system where name = ?").param(name).query(Long.class).single())
			.isZero();
		String created = create(assistance(name), "?confirmDuplicates=true").andExpect(status().isCreated())
			.andReturn()
			.getResponse()
			.getContentAsString();
		String id = JsonPath.read(created, "$.id");
		String history = this.mvc.perform(get("/api/v1/systems/" + id + "/history").session(this.staff))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		String details = JsonPath.read(history, "$[0].details");
		assertThat((Boolean) JsonPath.read(details, "$.duplicateCheck.confirmed")).isTrue();
		List<String> matched = JsonPath.read(details, "$.duplicateCheck.matches[*].name");
		assertThat(matched).contains("雁塔区社会救助信息管理系统");
		// an edit that leaves name, summary and capabilities alone is not asked again
		String change = assistance(name).replace("\"annualOmCostFen\":20000000", "\"annualOmCostFen\":25000000")
			.replace("}", ",\"version\":0}");
		this.mvc.perform(put("/api/v1/systems/" + id).session(this.staff)
			.with(csrf())
			.contentType(MediaType.APPLICATION_JSON)
			.content(change)).andExpect(status().isOk());
	}

	@Test
	void theBodyFlagConfirmsAsWell() throws Exception {
		String name = RegistryFixtures.unique("雁塔区救助资金发放系统");
		create(assistance(name).replace("}", ",\"confirmDuplicates\":true}"), "").andExpect(status().isCreated());
	}

	@Test
	void aSharedCapabilityCodeAloneDoesNotHoldUpASave() throws Exception {
		String body = """
				{"name":"%s","aliases":[],"summary":"Weekly lunch menu of the bureau's staff cafeteria, meal booking and canteen card top-up.",
				 "capabilities":["social-assistance"],"status":"live","goLiveDate":"2024-03-01","buildCostFen":0,
				 "annualOmCostFen":0,"fundingSource":"county-fiscal","vendor":"","hosting":"gov-cloud",
				 "registeredUsers":0,"monthlyActiveUsers":0,"loginMethod":"none","integrations":[],
				 "publicFacing":false}""".formatted(RegistryFixtures.unique("Staff cafeteria lunch menu "));
		// the demo's 雁塔区社会救助信息管理系统 of the same agency shares the code and nothing else (the
		// only systems this may resemble are those other runs registered with random name suffixes)
		String answer = create(body, "").andReturn().getResponse().getContentAsString();
		if (answer.contains("possible_duplicate")) {
			List<String> names = JsonPath.read(answer, "$.matches[*].name");
			assertThat(names).isNotEmpty().doesNotContain("雁塔区社会救助信息管理系统");
		}
		else {
			assertThat((String) JsonPath.read(answer, "$.id")).isNotBlank();
		}
	}

	@Test
	void namesDifferingOnlyInWhitespaceAreOneName() throws Exception {
		String name = RegistryFixtures.unique("雁塔区婚姻登记预约系统");
		String summary = "婚姻登记网上预约取号。";
		String body = assistance(name).replace("办理最低生活保障、特困供养和临时救助申请审核，开展家庭经济状况核对和救助资金发放。", summary)
			.replace("social-assistance", "service-acceptance");
		create(body, "?confirmDuplicates=true").andExpect(status().isCreated());
		String spaced = "\u3000" + name.substring(0, 3) + "\u00a0 " + name.substring(3, 5) + "  " + name.substring(5) + " ";
		create(body.replace(name, spaced), "?confirmDuplicates=true").andExpect(status().isConflict())
			.andExpect(jsonPath("$.code").value("system_exists"));
		// a new name is stored clean
		String other = RegistryFixtures.unique("雁塔区 收养登记\u3000管理系统");
		String created = create(body.replace(name, "  " + other + "\u00a0"), "?confirmDuplicates=true")
			.andExpect(status().isCreated())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat((String) JsonPath.read(created, "$.name")).isEqualTo(SystemNames.clean(other))
			.startsWith("雁塔区收养登记管理系统");
		// the import's "already registered" check compares the same way
		String row = RegistryFixtures.row(spaced.replace(",", ""), "yt-civil", "2023-01-01", "100", "10");
		String report = this.mvc.perform(multipart("/api/v1/systems/import")
			.file(new MockMultipartFile("file", "spaces.csv", "text/csv", RegistryFixtures.csv(List.of(row))))
			.param("dryRun", "true")
			.session(this.staff)
			.with(csrf())).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		List<String> codes = JsonPath.read(report, "$.problems[*].code");
		assertThat(codes).contains("system_exists");
	}

	@Test
	void cleanNamesCollapseEveryKindOfBlank() {
		assertThat(SystemNames.clean("\u3000雁塔区\u00a0 城市大脑  ")).isEqualTo("雁塔区城市大脑");
		assertThat(SystemNames.clean("Staff  cafeteria\u00a0lunch\u3000menu ")).isEqualTo("Staff cafeteria lunch menu");
		assertThat(SystemNames.key("雁塔区 App")).isEqualTo(SystemNames.key("雁塔区app"));
		assertThat(SystemNames.key("Staff cafeteria")).isNotEqualTo(SystemNames.key("Staffcafeteria"));
	}
}
