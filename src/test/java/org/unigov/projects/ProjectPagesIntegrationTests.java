package org.unigov.projects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.unigov.SignIn;
import org.unigov.UnigovTest;
import org.unigov.projects.internal.Projects;

/** Every project page renders for the people who use it, in both languages; the form saves and shows its problems. */
@UnigovTest
class ProjectPagesIntegrationTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	String page(MockHttpSession session, String path) throws Exception {
		return mvc.perform(get(path).session(session)).andExpect(status().isOk()).andReturn().getResponse()
			.getContentAsString();
	}

	@Test
	void theFormSavesAProposalAndThePagesRender() throws Exception {
		MockHttpSession civil = SignIn.as(mvc, "yt-civil-admin");
		assertThat(page(civil, "/projects/new")).contains("项目申报").contains("budgetYuan[0]").contains("targetIndicator[2]");
		assertThat(page(civil, "/projects/new?lang=en")).contains("New proposal").contains("Outcome targets (P7)");
		// nothing readable: every problem on the form, nothing saved
		String refused = mvc.perform(post("/projects").session(civil).with(csrf()).param("name", "")
				.param("budgetYuan[0]", "十万").param("budgetYear[0]", "2027")
				.param("obtainCode[1]", "NO-SUCH-CODE").param("obtainItems[1]", "姓名，身份证号").param("obtainPurpose[1]", "核对身份"))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(refused).contains("项目申报缺少或填错了内容").contains("budgetLines[0].amountFen");
		// the rows come back as typed
		assertThat(refused).contains("value=\"NO-SUCH-CODE\"").contains("value=\"姓名，身份证号\"");
		String location = mvc.perform(post("/projects").session(civil).with(csrf())
				.param("name", "雁塔区社区老年学堂报名系统").param("summary", "老年学堂课程报名与签到。")
				.param("type", "new-system").param("path", "urgent").param("urgencyReason", "春季学期开学前上线")
				.param("capabilities", "education").param("signIn", "unified-identity")
				.param("publishes", "老年学堂报名记录 | 按月汇总").param("collects", "课程偏好")
				.param("budgetKind[0]", "build").param("budgetYear[0]", "2027").param("budgetSource[0]", "county-fiscal")
				.param("budgetYuan[0]", "280,000.50")
				.param("targetIndicator[0]", "service-applications").param("targetName[0]", "课程网上报名量")
				.param("targetUnit[0]", "件/月").param("targetBaseline[0]", "0").param("targetValue[0]", "800")
				.param("targetDue[0]", LocalDate.now().plusYears(1).toString()))
			.andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
		assertThat(location).startsWith("/projects/");
		String id = location.substring("/projects/".length());
		assertThat(jdbc.sql("select total_fen from prj_project where id = ?::uuid").param(id).query(Long.class).single())
			.isEqualTo(28_000_050L);
		String detail = page(civil, "/projects/" + id);
		assertThat(detail).contains("雁塔区社区老年学堂报名系统").contains("¥280,000.50").contains("提交审核").contains("重复建设");
		assertThat(page(civil, "/projects/" + id + "/edit")).contains("280000.50").contains("老年学堂报名记录 | 按月汇总");
		assertThat(page(civil, "/projects")).contains("雁塔区社区老年学堂报名系统");
		assertThat(page(civil, "/projects?lang=en&status=draft")).contains("Projects");
		// submitted through the page; the county coordinator sees it in the queue and decides there
		long version = jdbc.sql("select version from prj_project where id = ?::uuid").param(id).query(Long.class).single();
		mvc.perform(post("/projects/" + id + "/submit").session(civil).with(csrf()).param("version", String.valueOf(version)))
			.andExpect(status().is3xxRedirection());
		MockHttpSession coordinator = SignIn.as(mvc, "yt-coord");
		assertThat(page(coordinator, "/projects/reviews")).contains("雁塔区社区老年学堂报名系统");
		assertThat(page(coordinator, "/projects/" + id)).contains("审核决定").contains("退回修改");
		assertThat(page(coordinator, "/projects/" + id + "?lang=en")).contains("Your decision");
		assertThat(page(SignIn.as(mvc, "yt-auditor"), "/projects/portfolio")).contains("项目全景").contains("pipeline-chart");
		assertThat(page(SignIn.as(mvc, "sn-coord"), "/projects/portfolio?lang=en")).contains("Projects by stage");
		// approved: execution, acceptance and evaluation appear, with the agency's forms
		for (String reviewer : java.util.List.of("yt-coord", "yt-auditor")) {
			long v = jdbc.sql("select version from prj_project where id = ?::uuid").param(id).query(Long.class).single();
			mvc.perform(post("/projects/" + id + "/decision").session(SignIn.as(mvc, reviewer)).with(csrf())
					.param("version", String.valueOf(v)).param("decision", "approve"))
				.andExpect(status().is3xxRedirection());
		}
		mvc.perform(post("/projects/" + id + "/spend").session(civil).with(csrf()).param("spentOn", LocalDate.now().toString())
				.param("kind", "build").param("amountYuan", "1,000.01"))
			.andExpect(status().is3xxRedirection());
		assertThat(jdbc.sql("select sum(amount_fen) from prj_spend where project_id = ?::uuid").param(id).query(Long.class)
			.single()).isEqualTo(100_001L);
		assertThat(page(civil, "/projects/" + id)).contains("项目实施").contains("验收清单").contains("记录支出").contains("¥1,000.01");
		// a correction from the page, and milestone rows with nothing readable: refused, not a 500
		mvc.perform(post("/projects/" + id + "/spend").session(civil).with(csrf()).param("spentOn", LocalDate.now().toString())
				.param("kind", "build").param("amountYuan", "-0.01").param("note", "多付一分"))
			.andExpect(status().is3xxRedirection());
		assertThat(jdbc.sql("select spent_fen from prj_project where id = ?::uuid").param(id).query(Long.class).single())
			.isEqualTo(100_000L);
		long planned = jdbc.sql("select version from prj_project where id = ?::uuid").param(id).query(Long.class).single();
		mvc.perform(post("/projects/" + id + "/milestones").session(civil).with(csrf()).param("version", String.valueOf(planned))
				.param("milestoneName[0]", "").param("milestoneWeight[0]", "%").param("milestoneName[1]", "上线")
				.param("milestonePlanned[1]", "2026/13/45").param("milestoneWeight[1]", "1e2"))
			.andExpect(status().is3xxRedirection())
			.andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash().attributeExists("error"));
		assertThat(page(coordinator, "/projects/" + id + "?lang=en")).contains("Acceptance (P6)").contains("Evaluation (P7)");
		mvc.perform(get("/projects/portfolio").session(civil)).andExpect(status().isForbidden());
		mvc.perform(get("/projects/reviews").session(civil)).andExpect(status().isForbidden());
	}

	@Test
	void thePlatformAdminChangesTheThresholdsOnTheSettingsPage() throws Exception {
		MockHttpSession civil = SignIn.as(mvc, "yt-civil-admin");
		assertThat(page(civil, "/projects/settings")).contains("审批阈值").contains("1000000.00").doesNotContain("save-settings");
		mvc.perform(post("/projects/settings").session(civil).with(csrf()).param("countyToCityYuan", "1"))
			.andExpect(status().isForbidden());
		MockHttpSession admin = SignIn.as(mvc, "admin");
		assertThat(page(admin, "/projects/settings?lang=en")).contains("Approval thresholds").contains("save-settings");
		long version = jdbc.sql("select version from prj_settings").query(Long.class).single();
		try {
			mvc.perform(post("/projects/settings").session(admin).with(csrf()).param("version", String.valueOf(version))
					.param("countyToCityYuan", "800,000").param("toProvinceYuan", "5000000").param("duplicateThreshold", "0.5")
					.param("reviewDays", "10"))
				.andExpect(status().is3xxRedirection());
			assertThat(jdbc.sql("select county_to_city_fen from prj_settings").query(Long.class).single()).isEqualTo(80_000_000L);
			assertThat(page(admin, "/projects/settings")).contains("已保存审批阈值").contains("800000.00");
		}
		finally {
			jdbc.sql("update prj_settings set county_to_city_fen = 100000000, to_province_fen = 500000000, duplicate_threshold = 0.5, review_days = 10")
				.update();
		}
	}

	@Test
	void theEditFormKeepsEveryBudgetLineAndTarget() throws Exception {
		MockHttpSession civil = SignIn.as(mvc, "yt-civil-admin");
		java.util.List<Object> lines = new java.util.ArrayList<>();
		for (int i = 1; i <= 7; i++) {
			lines.add(ProjectFixtures.budget(i % 2 == 0 ? "om" : "build", 1_000_000L * i));
		}
		String id = ProjectFixtures.created(mvc, civil, ProjectFixtures.with(ProjectFixtures.proposal(), "budgetLines", lines));
		String edit = page(civil, "/projects/" + id + "/edit");
		assertThat(edit).contains("budgetYuan[6]").contains("70000.00").contains("budgetYuan[7]");
	}
}
