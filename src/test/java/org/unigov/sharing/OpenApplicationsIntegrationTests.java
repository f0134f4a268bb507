package org.unigov.sharing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.unigov.SignIn;
import org.unigov.UnigovTest;
import org.unigov.calendar.WorkingCalendar;
import org.unigov.sharing.internal.OpenApplications;
import org.unigov.sharing.internal.RequestRules;

/**
 * Applications for conditionally open data (C5) by signed-in citizens: validated with every problem
 * listed, filed to the providing department with the 10-working-day reply clock of a conditional
 * sharing request (S2), answered by the provider's staff only, visible to the applicant, escalated
 * when overdue, and audited.
 */
@UnigovTest
class OpenApplicationsIntegrationTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	WorkingCalendar calendar;

	@Autowired
	OpenApplications applications;

	/** 宝鸡市国土空间规划数据: open on conditions, provided by 宝鸡市自然资源和规划局 (bj-nr-staff). */
	String conditional() {
		return jdbc.sql("select id::text from cat_entry where name = '宝鸡市国土空间规划数据'").query(String.class).single();
	}

	String item() {
		return jdbc.sql("""
				select jsonb_array_elements(r.content -> 'items') ->> 'name' from cat_revision r
				join cat_entry e on e.id = r.entry_id and r.revision = e.published_revision
				where e.name = '宝鸡市国土空间规划数据' limit 1""").query(String.class).single();
	}

	MockHttpServletRequestBuilder application(MockHttpSession session, String purpose) {
		LocalDate today = calendar.today();
		return post("/open-applications").session(session)
			.with(csrf())
			.param("entryId", conditional())
			.param("applicantKind", "organization")
			.param("organizationName", "西安某某规划设计有限公司")
			.param("organizationCode", "91610000MA6TG1234X".substring(0, 17) + org.unigov.shared.ident.CreditCode
				.checkCharacter("91610000MA6TG1234X".substring(0, 17)))
			.param("contact", "029-88886666")
			.param("purpose", purpose)
			.param("items", item())
			.param("periodFrom", today.toString())
			.param("periodTo", today.plusMonths(6).toString());
	}

	String number(String purpose) {
		return jdbc.sql("select number from shr_open_application where purpose = ?").param(purpose).query(String.class).single();
	}

	@Nested
	class Applying {

		@Test
		@DisplayName("C5 S2 a citizen applies; the provider gets it with the 10-working-day reply clock, audited")
		void citizenApplies() throws Exception {
			MockHttpSession citizen = SignIn.as(mvc, "citizen");
			String form = mvc.perform(get("/open-applications/new").param("entry", conditional()).session(citizen))
				.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
			assertThat(form).contains("有条件开放数据申请").contains("宝鸡市国土空间规划数据").contains("application-form");

			String purpose = "编制雁塔区国土空间详细规划的现状分析 " + System.nanoTime();
			mvc.perform(application(citizen, purpose)).andExpect(status().is3xxRedirection())
				.andExpect(redirectedUrl("/open-applications"));
			var row = jdbc.sql("select status, reply_due, applicant_name, provider_division from shr_open_application where purpose = ?")
				.param(purpose).query().singleRow();
			assertThat(row.get("status")).isEqualTo("submitted");
			assertThat(row.get("applicant_name")).isEqualTo("西安某某规划设计有限公司");
			assertThat(((java.sql.Date) row.get("reply_due")).toLocalDate())
				.isEqualTo(calendar.addWorkingDays(calendar.today(), RequestRules.REPLY_DAYS).due());
			String number = number(purpose);
			assertThat(jdbc.sql("select action from audit_entry where subject_type = 'sharing-open-application' and details like ?")
				.param("%" + number + "%").query(String.class).list()).containsExactly("open-application.filed");
			assertThat(mvc.perform(get("/open-applications").session(citizen)).andReturn().getResponse()
				.getContentAsString()).contains(number).contains("待答复");

			String received = mvc.perform(get("/sharing/open-applications").session(SignIn.as(mvc, "bj-nr-staff")))
				.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
			assertThat(received).contains(number).contains("西安某某规划设计有限公司").contains(purpose);
			assertThat(mvc.perform(get("/sharing/open-applications").session(SignIn.as(mvc, "sn-psb-staff")))
				.andReturn().getResponse().getContentAsString()).doesNotContain(number);
		}

		@Test
		@DisplayName("every problem of an application is listed at once, the input is kept and nothing is filed")
		void validation() throws Exception {
			MockHttpSession citizen = SignIn.as(mvc, "citizen");
			long before = jdbc.sql("select count(*) from shr_open_application").query(Long.class).single();
			String page = mvc.perform(post("/open-applications").session(citizen).with(csrf())
				.param("entryId", conditional())
				.param("applicantKind", "organization")
				.param("organizationName", "某公司")
				.param("organizationCode", "123")
				.param("contact", "")
				.param("purpose", "太短")
				.param("periodFrom", "2026-12-10")
				.param("periodTo", "2026-12-01"))
				.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
			assertThat(page).contains("请填写 18 位统一社会信用代码").contains("请说明用途，至少 10 个字")
				.contains("value=\"某公司\"").contains("value=\"2026-12-10\"").contains("id=\"refusal\"");
			assertThat(jdbc.sql("select count(*) from shr_open_application").query(Long.class).single()).isEqualTo(before);
		}

		@Test
		@DisplayName("applicants sign in with a citizen account; staff are told to use sharing requests")
		void citizensOnly() throws Exception {
			mvc.perform(get("/open-applications/new").param("entry", conditional()).accept("text/html"))
				.andExpect(status().is3xxRedirection())
				.andExpect(redirectedUrl("/login"));
			String staffPage = mvc.perform(get("/open-applications/new").param("entry", conditional())
				.session(SignIn.as(mvc, "xa-hrss-staff"))).andReturn().getResponse().getContentAsString();
			assertThat(staffPage).contains("not-applicant").doesNotContain("application-form");
			mvc.perform(application(SignIn.as(mvc, "xa-hrss-staff"), "部门工作人员不应以开放申请获取数据"))
				.andExpect(status().isOk());
			assertThat(jdbc.sql("select count(*) from shr_open_application where purpose = '部门工作人员不应以开放申请获取数据'")
				.query(Long.class).single()).isZero();
			String open = jdbc.sql("select id::text from cat_entry where name = '公安派出所名录'").query(String.class).single();
			mvc.perform(get("/open-applications/new").param("entry", open).session(SignIn.as(mvc, "citizen")))
				.andExpect(status().isNotFound());
		}
	}

	@Nested
	class Replying {

		@Test
		@DisplayName("S3 only the provider replies, with a reason; the applicant sees the reply")
		void providerReplies() throws Exception {
			MockHttpSession citizen = SignIn.as(mvc, "citizen");
			String purpose = "宝鸡市地质灾害风险研究 " + System.nanoTime();
			mvc.perform(application(citizen, purpose)).andExpect(status().is3xxRedirection());
			String id = jdbc.sql("select id::text from shr_open_application where purpose = ?").param(purpose).query(String.class).single();

			mvc.perform(post("/sharing/open-applications/" + id + "/reply").session(SignIn.as(mvc, "sn-psb-staff"))
				.with(csrf()).param("decision", "approve").param("reply", "同意，请到本局领取光盘。").param("version", "0"))
				.andExpect(status().is3xxRedirection());
			MockHttpSession provider = SignIn.as(mvc, "bj-nr-staff");
			mvc.perform(post("/sharing/open-applications/" + id + "/reply").session(provider).with(csrf())
				.param("decision", "refuse").param("reply", "不行").param("version", "0"))
				.andExpect(status().is3xxRedirection());
			assertThat(jdbc.sql("select status from shr_open_application where id = ?::uuid").param(id).query(String.class)
				.single()).isEqualTo("submitted");

			String reply = "同意。数据以加密压缩包通过电子邮件发送，仅限所述研究使用，期满后删除。";
			mvc.perform(post("/sharing/open-applications/" + id + "/reply").session(provider).with(csrf())
				.param("decision", "approve").param("reply", reply).param("version", "0"))
				.andExpect(status().is3xxRedirection());
			assertThat(jdbc.sql("select status from shr_open_application where id = ?::uuid").param(id).query(String.class)
				.single()).isEqualTo("approved");
			assertThat(mvc.perform(get("/open-applications").session(citizen)).andReturn().getResponse()
				.getContentAsString()).contains(reply).contains("同意开放");
			List<String> actions = jdbc.sql("select action from audit_entry where subject_id = ? order by sequence")
				.param(id).query(String.class).list();
			assertThat(actions).containsExactly("open-application.filed", "open-application.approved");
		}

		@Test
		@DisplayName("S5 an overdue reply is handed to the coordinator once")
		void overdueEscalated() throws Exception {
			String purpose = "逾期答复测试用途说明文字 " + System.nanoTime();
			mvc.perform(application(SignIn.as(mvc, "citizen"), purpose)).andExpect(status().is3xxRedirection());
			jdbc.sql("update shr_open_application set reply_due = ? where purpose = ?")
				.params(calendar.today().minusDays(1), purpose).update();
			assertThat(applications.escalateOverdue()).isPositive();
			assertThat(applications.escalateOverdue()).isZero();
			String id = jdbc.sql("select id::text from shr_open_application where purpose = ?").param(purpose).query(String.class).single();
			assertThat(jdbc.sql("select count(*) from audit_entry where subject_id = ? and action = 'open-application.reply.overdue'")
				.param(id).query(Long.class).single()).isEqualTo(1);
		}
	}

	@Nested
	class Api {

		@Test
		@DisplayName("S1 S3 over JSON: every problem in one 422; filed, listed by the provider, withdrawn by the applicant, audited")
		void overJson() throws Exception {
			MockHttpSession citizen = SignIn.as(mvc, "citizen");
			mvc.perform(post("/api/v1/open-applications").session(citizen).with(csrf())
				.contentType("application/json")
				.content("{\"entryId\": \"" + conditional() + "\", \"applicantKind\": \"person\", \"purpose\": \"短\"}"))
				.andExpect(status().isUnprocessableContent())
				.andExpect(jsonPath("$.code").value("invalid_request"))
				.andExpect(jsonPath("$.errors[*].field").value(org.hamcrest.Matchers.hasItems("contact", "purpose", "items", "periodTo")));
			LocalDate today = calendar.today();
			String purpose = "城市规划课题研究使用 " + System.nanoTime();
			String body = mvc.perform(post("/api/v1/open-applications").session(citizen).with(csrf())
				.contentType("application/json")
				.content("""
						{"entryId": "%s", "applicantKind": "person", "contact": "zhangsan@example.cn", "purpose": "%s",
						 "items": ["%s"], "periodFrom": "%s", "periodTo": "%s"}""".formatted(conditional(), purpose, item(),
						today, today.plusMonths(1))))
				.andExpect(status().isCreated())
				.andExpect(jsonPath("$.status").value("submitted"))
				.andExpect(jsonPath("$.applicantName").value("张三"))
				.andReturn().getResponse().getContentAsString();
			String id = com.jayway.jsonpath.JsonPath.read(body, "$.id");
			mvc.perform(get("/api/v1/sharing/open-applications").param("size", "100").session(SignIn.as(mvc, "bj-nr-staff")))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.items[*].id").value(org.hamcrest.Matchers.hasItem(id)));
			mvc.perform(post("/api/v1/open-applications").session(SignIn.as(mvc, "bj-nr-staff")).with(csrf())
				.contentType("application/json").content("{}"))
				.andExpect(status().isForbidden());
			mvc.perform(post("/api/v1/open-applications/" + id + "/withdraw").session(citizen).with(csrf())
				.contentType("application/json").content("{\"version\": 0}"))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.status").value("withdrawn"));
			mvc.perform(post("/api/v1/sharing/open-applications/" + id + "/reply").session(SignIn.as(mvc, "bj-nr-staff"))
				.with(csrf()).contentType("application/json")
				.content("{\"decision\": \"approve\", \"reply\": \"同意提供，请查收电子邮件。\", \"version\": 1}"))
				.andExpect(status().isConflict())
				.andExpect(jsonPath("$.code").value("request_wrong_state"));
			assertThat(jdbc.sql("select action from audit_entry where subject_id = ? order by sequence").param(id)
				.query(String.class).list()).containsExactly("open-application.filed", "open-application.withdrawn");
		}
	}
}
