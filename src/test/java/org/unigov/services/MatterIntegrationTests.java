package org.unigov.services;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;

import com.jayway.jsonpath.JsonPath;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.unigov.SignIn;
import org.unigov.UnigovTest;

/**
 * Service matters over the API and the pages: an agency drafts, its admin publishes, applicants
 * find them by life event; bindings must name a published catalog data item; only the offering
 * agency changes a matter; drafts stay inside the agency (and its overseers); every change audited.
 */
@UnigovTest
class MatterIntegrationTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	String populationEntry() {
		return this.jdbc.sql("select code from cat_entry where name = '全省户籍人口基础信息'").query(String.class).single();
	}

	String body(String name, String entryCode, String itemName) {
		return """
				{"name":"%s","legalBasis":"《社会救助暂行办法》第十一条","timeLimitDays":20,"applicant":"citizen",
				 "lifeEvents":["hardship"],
				 "fields":[{"label":"姓名","type":"text","required":true,"entryCode":"%s","itemName":"%s"},
				           {"label":"家庭月收入","type":"number","required":true}],
				 "materials":[{"name":"户口簿","required":true,"licence":true}]}""".formatted(name, entryCode, itemName);
	}

	String create(MockHttpSession session, String name) throws Exception {
		String created = this.mvc.perform(post("/api/v1/services/matters").session(session)
			.with(csrf())
			.contentType(MediaType.APPLICATION_JSON)
			.content(body(name, populationEntry(), "姓名")))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.status").value("draft"))
			.andExpect(jsonPath("$.fields[0].entryCode").value(populationEntry()))
			.andExpect(jsonPath("$.code").value(Matchers.startsWith("SX")))
			.andReturn()
			.getResponse()
			.getContentAsString();
		return JsonPath.read(created, "$.id");
	}

	long audits(String id) {
		return this.jdbc.sql("select count(*) from audit_entry where subject_type = 'matter' and subject_id = ?")
			.param(id)
			.query(Long.class)
			.single();
	}

	@Nested
	class Drafting {

		@Test
		void staffDraftAndTheAdminPublishesThenApplicantsFindItByLifeEvent() throws Exception {
			MockHttpSession staff = SignIn.as(mvc, "yt-civil-staff");
			String id = create(staff, "最低生活保障申请（测试一）");
			MockHttpSession citizen = SignIn.as(mvc, "citizen");
			// a draft is the agency's own
			mvc.perform(get("/api/v1/services/matters/" + id).session(citizen)).andExpect(status().isNotFound());
			// staff draft; the agency's admin publishes
			mvc.perform(post("/api/v1/services/matters/" + id + "/publish").session(staff)
				.with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"version\":0}")).andExpect(status().isForbidden());
			mvc.perform(post("/api/v1/services/matters/" + id + "/publish").session(SignIn.as(mvc, "yt-civil-admin"))
				.with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"version\":0}"))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.status").value("published"));
			mvc.perform(get("/api/v1/services/matters").session(citizen).param("lifeEvent", "hardship").param("q", "测试一"))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.content[0].id").value(id));
			mvc.perform(get("/api/v1/services/matters").session(citizen).param("lifeEvent", "birth").param("q", "测试一"))
				.andExpect(jsonPath("$.page.totalElements").value(0));
			mvc.perform(get("/services").session(citizen).param("lifeEvent", "hardship"))
				.andExpect(status().isOk())
				.andExpect(content().string(Matchers.containsString("最低生活保障申请（测试一）")))
				.andExpect(content().string(Matchers.containsString("困难救助")));
			assertThat(audits(id)).isEqualTo(2);
		}

		@Test
		void anotherAgencyCannotChangeIt() throws Exception {
			String id = create(SignIn.as(mvc, "yt-civil-staff"), "最低生活保障申请（测试二）");
			mvc.perform(put("/api/v1/services/matters/" + id).session(SignIn.as(mvc, "xa-hrss-staff"))
				.with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.content(body("改名", populationEntry(), "姓名").replace("}]}", "}],\"version\":0}")))
				.andExpect(status().isNotFound());
			mvc.perform(get("/api/v1/services/matters/" + id).session(SignIn.as(mvc, "yt-coord")))
				.andExpect(status().isOk());
		}

		@Test
		void aStaleEditIsRefusedAndChangesNothing() throws Exception {
			MockHttpSession staff = SignIn.as(mvc, "yt-civil-staff");
			String id = create(staff, "最低生活保障申请（测试三）");
			String edit = body("最低生活保障申请（测试三改）", populationEntry(), "姓名").replace("}]}", "}],\"version\":%d}");
			mvc.perform(put("/api/v1/services/matters/" + id).session(staff).with(csrf())
				.contentType(MediaType.APPLICATION_JSON).content(edit.formatted(0)))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.version").value(1))
				.andExpect(jsonPath("$.fields.length()").value(2));
			mvc.perform(put("/api/v1/services/matters/" + id).session(staff).with(csrf())
				.contentType(MediaType.APPLICATION_JSON).content(edit.replace("测试三改", "测试三再改").formatted(0)))
				.andExpect(status().isConflict())
				.andExpect(jsonPath("$.code").value("stale_version"));
			assertThat(jdbc.sql("select name from svc_matter where id = ?::uuid").param(id).query(String.class).single())
				.isEqualTo("最低生活保障申请（测试三改）");
		}
	}

	@Nested
	class Demo {

		@Test
		void theDemoPublishesThreeMattersWithFieldsBoundToTheCatalog() throws Exception {
			MockHttpSession citizen = SignIn.as(mvc, "citizen");
			for (String name : List.of("城乡居民养老保险参保登记", "最低生活保障申请", "个体工商户登记")) {
				mvc.perform(get("/api/v1/services/matters").session(citizen).param("q", name))
					.andExpect(jsonPath("$.content[?(@.name == '" + name + "')].status").value("published"))
					.andExpect(jsonPath("$.content[?(@.name == '" + name + "')].fields[0].entryCode").value(populationEntry()));
			}
			mvc.perform(get("/api/v1/services/life-events").session(citizen))
				.andExpect(jsonPath("$.hardship").value(Matchers.greaterThanOrEqualTo(1)));
		}
	}

	@Nested
	class BadInput {

		@Test
		void aBindingToAnItemTheEntryDoesNotHaveIsRefusedWithItsField() throws Exception {
			long before = jdbc.sql("select count(*) from svc_matter").query(Long.class).single();
			mvc.perform(post("/api/v1/services/matters").session(SignIn.as(mvc, "yt-civil-staff"))
				.with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.content(body("错误绑定", populationEntry(), "存款余额")))
				.andExpect(status().isUnprocessableContent())
				.andExpect(jsonPath("$.code").value("matter_invalid"))
				.andExpect(jsonPath("$.errors[0].field").value("fields[0].itemName"))
				.andExpect(jsonPath("$.errors[0].code").value("field_binding_unknown"));
			assertThat(jdbc.sql("select count(*) from svc_matter").query(Long.class).single()).isEqualTo(before);
		}

		@Test
		void unknownCodesAndMissingFieldsAreProblemsNotErrors() throws Exception {
			MockHttpSession staff = SignIn.as(mvc, "yt-civil-staff");
			mvc.perform(post("/api/v1/services/matters").session(staff)
				.with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.content(body("坏类型", populationEntry(), "姓名").replace("\"number\"", "\"money\"")))
				.andExpect(status().isBadRequest())
				.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
			mvc.perform(post("/api/v1/services/matters").session(staff)
				.with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"name\":\"\",\"fields\":[]}"))
				.andExpect(status().isBadRequest())
				.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
			mvc.perform(put("/api/v1/services/matters/" + create(staff, "无版本编辑")).session(staff)
				.with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.content(body("无版本编辑", populationEntry(), "姓名")))
				.andExpect(status().isUnprocessableContent())
				.andExpect(jsonPath("$.errors[0].field").value("version"));
			// a direction override makes text read differently from what is stored
			mvc.perform(post("/api/v1/services/matters").session(staff)
				.with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.content(body("依据含控制字符", populationEntry(), "姓名").replace("第十一条", "第十一条\\u202e")))
				.andExpect(status().isUnprocessableContent())
				.andExpect(jsonPath("$.errors[0].field").value("legalBasis"))
				.andExpect(jsonPath("$.errors[0].code").value("control_characters"));
			mvc.perform(get("/api/v1/services/matters").session(staff).param("lifeEvent", "holiday"))
				.andExpect(status().isUnprocessableContent())
				.andExpect(jsonPath("$.code").value("matter_invalid"));
		}

		@Test
		void aCitizenCannotDraftAMatter() throws Exception {
			mvc.perform(post("/api/v1/services/matters").session(SignIn.as(mvc, "citizen"))
				.with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.content(body("市民草拟", populationEntry(), "姓名"))).andExpect(status().isForbidden());
		}
	}

	@Nested
	class Pages {

		@Test
		void theFormSendsAMatterAndShowsProblemsInChinese() throws Exception {
			MockHttpSession staff = SignIn.as(mvc, "yt-civil-staff");
			mvc.perform(post("/services/matters").session(staff)
				.with(csrf())
				.param("name", "页面事项")
				.param("legalBasis", "依据")
				.param("timeLimitDays", "10")
				.param("applicant", "citizen")
				.param("lifeEvents", "housing")
				.param("fields[0].label", "姓名")
				.param("fields[0].type", "text")
				.param("fields[0].entryCode", populationEntry())
				.param("fields[0].itemName", "不存在的数据项"))
				.andExpect(status().isOk())
				.andExpect(content().string(Matchers.containsString("目录中没有这个已发布的数据项")));
			String location = mvc.perform(post("/services/matters").session(staff)
				.with(csrf())
				.param("name", "页面事项")
				.param("legalBasis", "依据")
				.param("timeLimitDays", "10")
				.param("applicant", "citizen")
				.param("lifeEvents", "housing")
				.param("fields[0].label", "姓名")
				.param("fields[0].type", "text")
				.param("fields[0].required", "true")
				.param("fields[0].entryCode", populationEntry())
				.param("fields[0].itemName", "姓名")
				.param("fields[1].label", "")
				.param("materials[0].name", "租赁合同"))
				.andExpect(status().is3xxRedirection())
				.andReturn()
				.getResponse()
				.getRedirectedUrl();
			mvc.perform(get(location).session(staff))
				.andExpect(status().isOk())
				.andExpect(content().string(Matchers.containsString("全省户籍人口基础信息（姓名）")))
				.andExpect(content().string(Matchers.containsString("租赁合同")));
			assertThat(List.of(location)).allMatch(l -> l.startsWith("/services/matters/"));
		}
	}
}
