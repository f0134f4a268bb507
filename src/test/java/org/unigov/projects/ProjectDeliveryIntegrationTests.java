package org.unigov.projects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.unigov.catalog.CatalogFixtures.UNCONDITIONAL;
import static org.unigov.catalog.CatalogFixtures.entry;
import static org.unigov.catalog.CatalogFixtures.send;
import static org.unigov.projects.ProjectFixtures.budget;
import static org.unigov.projects.ProjectFixtures.created;
import static org.unigov.projects.ProjectFixtures.json;
import static org.unigov.projects.ProjectFixtures.proposal;
import static org.unigov.projects.ProjectFixtures.with;

import java.io.ByteArrayInputStream;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.unigov.SignIn;
import org.unigov.UnigovTest;
import org.unigov.calendar.WorkingCalendar;
import org.unigov.catalog.CatalogFixtures;
import org.unigov.exchange.ExchangeFixtures;
import org.unigov.projects.internal.ProjectExecution;

/**
 * After approval: execution with computed variances, acceptance from platform facts (P6),
 * evaluation against measured use (P7), the portfolio and its spreadsheet.
 */
@UnigovTest
class ProjectDeliveryIntegrationTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	WorkingCalendar calendar;

	MockHttpSession as(String user) throws Exception {
		return SignIn.as(mvc, user);
	}

	long version(String id) {
		return jdbc.sql("select version from prj_project where id = ?::uuid").param(id).query(Long.class).single();
	}

	/** A county project approved by the Yanta coordinator and auditor. */
	String approved(Map<String, Object> proposal) throws Exception {
		MockHttpSession civil = as("yt-civil-admin");
		String id = created(mvc, civil, proposal);
		send(mvc, post("/api/v1/projects/" + id + "/submit"), civil, "{\"version\": " + version(id) + "}")
			.andExpect(status().isOk());
		for (String reviewer : List.of("yt-coord", "yt-auditor")) {
			send(mvc, post("/api/v1/projects/" + id + "/decision"), as(reviewer),
					json(Map.of("decision", "approve", "version", version(id))))
				.andExpect(status().isOk());
		}
		assertThat(jdbc.sql("select status from prj_project where id = ?::uuid").param(id).query(String.class).single())
			.isEqualTo("approved");
		return id;
	}

	/**
	 * Registers a live system of Yanta civil affairs; returns its id. Its capability (video
	 * conferencing) is one no proposal of these tests plans, so the registered systems do not make
	 * the other tests' proposals duplicates.
	 */
	String system(String name, String goLive) throws Exception {
		String body = """
				{"name":"%s","aliases":[],"summary":"民政业务视频会商和远程培训。","capabilities":["video-conference"],
				 "status":"live","goLiveDate":"%s","buildCostFen":30000000,"annualOmCostFen":6000000,
				 "fundingSource":"county-fiscal","vendor":"西安某科技有限公司","hosting":"gov-cloud",
				 "registeredUsers":0,"monthlyActiveUsers":0,"loginMethod":"unified-identity",
				 "integrations":[],"publicFacing":false}""".formatted(name, goLive);
		String created = send(mvc, post("/api/v1/systems?confirmDuplicates=true"), as("yt-civil-admin"), body).andExpect(status().isCreated())
			.andReturn().getResponse().getContentAsString();
		return JsonPath.read(created, "$.id");
	}

	/** Publishes a catalog entry of Yanta civil affairs from the system; returns its id. */
	String publishedFrom(String name, String systemId) throws Exception {
		MockHttpSession staff = as("yt-civil-staff");
		String created = send(mvc, post("/api/v1/catalog/entries"), staff,
				entry(name, UNCONDITIONAL + ", \"sourceSystemId\": \"" + systemId + "\"")).andReturn().getResponse()
			.getContentAsString();
		String id = JsonPath.read(created, "$.entry.id");
		send(mvc, post("/api/v1/catalog/entries/" + id + "/submit"), staff, "{\"version\": 0}").andExpect(status().isOk());
		send(mvc, post("/api/v1/catalog/entries/" + id + "/review"), as("yt-coord"), "{\"decision\": \"approve\", \"version\": 1}")
			.andExpect(status().isOk());
		return id;
	}

	void deliver(String project, String system, String goLive) throws Exception {
		send(mvc, post("/api/v1/projects/" + project + "/delivered"), as("yt-civil-admin"),
				json(Map.of("systemId", system, "goLiveDate", goLive, "version", version(project))))
			.andExpect(status().isOk());
	}

	@Test
	@DisplayName("execution: variances and the risk rating are computed from milestones and spend, not typed in")
	void execution() throws Exception {
		String id = approved(with(proposal(), "budgetLines", List.of(budget("build", 80_000_000L), budget("om", 10_000_000L))));
		LocalDate today = calendar.today();
		MockHttpSession civil = as("yt-civil-admin");
		mvc.perform(get("/api/v1/projects/" + id + "/execution").session(civil))
			.andExpect(jsonPath("$.variance.riskLevel").value("unplanned"));
		send(mvc, put("/api/v1/projects/" + id + "/milestones"), civil, json(Map.of("milestones", List.of(
				Map.of("name", "需求确认", "planned", today.minusDays(60).toString(), "weightPct", 30),
				Map.of("name", "系统上线", "planned", today.plusDays(60).toString(), "weightPct", 60)), "version", version(id))))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[0].code").value("weights_not_100"));
		send(mvc, put("/api/v1/projects/" + id + "/milestones"), civil, json(Map.of("milestones", List.of(
				Map.of("name", "需求确认", "planned", today.minusDays(60).toString(), "actual", today.minusDays(30).toString(),
						"weightPct", 40),
				Map.of("name", "系统上线", "planned", today.plusDays(60).toString(), "weightPct", 60)), "version", version(id))))
			.andExpect(status().isOk());
		// ¥400,000 paid against ¥320,000 earned: 25 % over; the first milestone 30 days late on a 120-day schedule
		send(mvc, post("/api/v1/projects/" + id + "/spend"), civil,
				json(Map.of("spentOn", today.minusDays(10).toString(), "kind", "build", "amountFen", 40_000_000L)))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.variance.budgetAtCompletionFen").value(80_000_000L))
			.andExpect(jsonPath("$.variance.plannedValueFen").value(32_000_000L))
			.andExpect(jsonPath("$.variance.earnedValueFen").value(32_000_000L))
			.andExpect(jsonPath("$.variance.actualCostFen").value(40_000_000L))
			.andExpect(jsonPath("$.variance.costVarianceFen").value(-8_000_000L))
			.andExpect(jsonPath("$.variance.costPerformanceIndex").value(0.8))
			.andExpect(jsonPath("$.variance.costOverrunPct").value(25))
			.andExpect(jsonPath("$.variance.maxSlipDays").value(30))
			.andExpect(jsonPath("$.variance.scheduleSlipPct").value(25))
			.andExpect(jsonPath("$.variance.riskRating").value(3))
			.andExpect(jsonPath("$.variance.riskLevel").value("medium"));
		send(mvc, post("/api/v1/projects/" + id + "/spend"), civil,
				json(Map.of("spentOn", today.toString(), "kind", "build", "amountFen", -1)))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[0].code").value("correction_needs_note"));
		send(mvc, post("/api/v1/projects/" + id + "/spend"), civil,
				json(Map.of("spentOn", today.toString(), "kind", "build", "amountFen", Long.MIN_VALUE, "note", "冲减")))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[0].code").value("invalid_amount"));
		send(mvc, post("/api/v1/projects/" + id + "/spend"), as("yt-coord"),
				json(Map.of("spentOn", today.toString(), "kind", "build", "amountFen", 1)))
			.andExpect(status().isForbidden());
		mvc.perform(get("/api/v1/projects/" + id + "/history").session(civil))
			.andExpect(jsonPath("$[*].action", hasItem("project.spend-recorded")))
			.andExpect(jsonPath("$[*].action", hasItem("project.milestones-planned")));
	}

	@Test
	@DisplayName("the risk rating bands: under 10 % is 5, under 20 % 4, under 30 % 3, under 50 % 2, else 1")
	void ratingBands() {
		assertThat(List.of(0, 9, 10, 19, 20, 29, 30, 49, 50, 400).stream().map(ProjectExecution::rating).toList())
			.containsExactly(5, 5, 4, 4, 3, 3, 2, 2, 1, 1);
	}

	@Test
	@DisplayName("P6 acceptance is a checklist of platform facts; declarations are kept apart and never verify")
	void acceptance() throws Exception {
		String project = approved(with(proposal(), "publishes", List.of(Map.of("name", "社区老年学堂开课记录"))));
		String system = system(CatalogFixtures.name("雁塔区民政视频会商系统"), calendar.today().minusMonths(1).toString());
		MockHttpSession civil = as("yt-civil-admin");
		mvc.perform(get("/api/v1/projects/" + project + "/acceptance").session(civil))
			.andExpect(jsonPath("$.status").value("not-requested"))
			.andExpect(jsonPath("$.checklist[0].code").value("system_registered"))
			.andExpect(jsonPath("$.checklist[0].passed").value(false));
		deliver(project, system, calendar.today().minusMonths(1).toString());
		String entryName = "社区老年学堂开课记录";
		String entry = publishedFrom(entryName, system);
		send(mvc, post("/api/v1/projects/" + project + "/acceptance"), civil,
				json(Map.of("securityAssessment", "2026年10月通过等保二级测评")))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.status").value("requested"))
			.andExpect(jsonPath("$.verifiedOk").value(false))
			.andExpect(jsonPath("$.checklist[?(@.code == 'data_published')].passed").value(hasItem(true)))
			.andExpect(jsonPath("$.checklist[?(@.code == 'exchange_services')].passed").value(hasItem(false)))
			.andExpect(jsonPath("$.checklist[?(@.code == 'security_assessment')].basis").value(hasItem("declared")))
			.andExpect(jsonPath("$.checklist[?(@.code == 'final_accounts')].passed").value(hasItem(false)));
		send(mvc, post("/api/v1/projects/" + project + "/acceptance/decision"), as("yt-coord"),
				json(Map.of("decision", "accept", "version", version(project))))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.code").value("acceptance_unverified"))
			.andExpect(jsonPath("$.rule").value("P6"));
		// the data service is registered: the facts now hold, though a declaration is still missing
		ExchangeFixtures.serviceAs(mvc, "yt-civil-admin", entry, UUID.fromString(system), "http://127.0.0.1:9/records",
				"/records/{id}", Map.of("name", "姓名"), "id", 2000, 4);
		send(mvc, post("/api/v1/projects/" + project + "/acceptance/decision"), as("xa-coord"),
				json(Map.of("decision", "accept", "version", version(project))))
			.andExpect(status().isForbidden());
		send(mvc, post("/api/v1/projects/" + project + "/acceptance/decision"), as("yt-coord"),
				json(Map.of("decision", "accept", "version", version(project))))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("accepted"))
			.andExpect(jsonPath("$.verifiedOk").value(true));
		assertThat(jdbc.sql("select status from prj_project where id = ?::uuid").param(project).query(String.class).single())
			.isEqualTo("accepted");
	}

	@Test
	@DisplayName("P6 a requested acceptance shows the checklist as the facts stand now: published after the request, it passes")
	void acceptanceChecklistFollowsThePlatformFacts() throws Exception {
		String resource = CatalogFixtures.name("社区老年学堂结业记录");
		String project = approved(with(proposal(), "publishes", List.of(Map.of("name", resource))));
		String system = system(CatalogFixtures.name("雁塔区民政视频培训系统"), calendar.today().minusMonths(1).toString());
		deliver(project, system, calendar.today().minusMonths(1).toString());
		MockHttpSession civil = as("yt-civil-admin");
		send(mvc, post("/api/v1/projects/" + project + "/acceptance"), civil,
				json(Map.of("securityAssessment", "2026年10月通过等保二级测评", "finalAccounts", "竣工财务决算已报审")))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.verifiedOk").value(false))
			.andExpect(jsonPath("$.checklist[?(@.code == 'data_published')].passed").value(hasItem(false)));
		// the promised resource is published and served after the request
		String entry = publishedFrom(resource, system);
		ExchangeFixtures.serviceAs(mvc, "yt-civil-admin", entry, UUID.fromString(system), "http://127.0.0.1:9/records",
				"/records/{id}", Map.of("name", "姓名"), "id", 2000, 4);
		mvc.perform(get("/api/v1/projects/" + project + "/acceptance").session(as("yt-coord")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("requested"))
			.andExpect(jsonPath("$.verifiedOk").value(true))
			.andExpect(jsonPath("$.checklist[?(@.code == 'data_published')].passed").value(hasItem(true)))
			.andExpect(jsonPath("$.checklist[?(@.code == 'exchange_services')].passed").value(hasItem(true)))
			.andExpect(jsonPath("$.checklist[?(@.code == 'security_assessment')].message").value(hasItem("2026年10月通过等保二级测评")));
		send(mvc, post("/api/v1/projects/" + project + "/acceptance/decision"), as("yt-coord"),
				json(Map.of("decision", "accept", "version", version(project))))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("accepted"));
	}

	@Test
	@DisplayName("P7 evaluation compares targets with measured exchange traffic; agency figures are marked self-reported")
	void evaluation() throws Exception {
		Map<String, Object> p = with(proposal(), "targets", List.of(
				Map.of("indicator", "exchange-calls-served", "name", "开课数据月调用量", "baseline", 0, "target", 1000, "due",
						calendar.today().plusYears(1).toString()),
				Map.of("indicator", "processing-days", "name", "报名办理时长", "unit", "工作日", "baseline", 5, "target", 1, "due",
						calendar.today().plusYears(1).toString())));
		String project = approved(p);
		String system = system(CatalogFixtures.name("雁塔区民政远程培训系统"), calendar.today().minusMonths(6).toString());
		deliver(project, system, calendar.today().minusMonths(6).toString());
		String entry = publishedFrom(CatalogFixtures.name("社区老年学堂开课记录"), system);
		ExchangeFixtures.serviceAs(mvc, "yt-civil-admin", entry, UUID.fromString(system), "http://127.0.0.1:9/records",
				"/records/{id}", Map.of("name", "姓名"), "id", 2000, 4);
		String code = jdbc.sql("select replace(code, '/', '-') from cat_entry where id = ?::uuid").param(entry)
			.query(String.class).single();
		// three months of traffic to the system's service, as the access log's daily roll-up holds it; taken
		// out again afterwards, since the exchange's tests check that the roll-up sums the log
		UUID consumer = UUID.randomUUID();
		YearMonth last = YearMonth.from(calendar.today()).minusMonths(1);
		try {
			for (int m = 0; m < 3; m++) {
				jdbc.sql("""
						insert into exc_traffic_daily (day, resource_code, consumer_system_id, consumer_agency_id, provider_agency_id,
						    calls, errors, denied)
						values (?, ?, ?, ?, ?, ?, 0, 100)""")
					.params(last.minusMonths(m).atDay(10), code, consumer, UUID.randomUUID(), UUID.randomUUID(), 1300 + m * 100)
					.update();
			}
			send(mvc, post("/api/v1/projects/" + project + "/evaluations"), as("yt-civil-admin"), "{}")
				.andExpect(status().isForbidden());
			send(mvc, post("/api/v1/projects/" + project + "/evaluations"), as("xa-coord"), "{\"reported\": {\"2\": 1e999999999}}")
				.andExpect(status().isUnprocessableContent())
				.andExpect(jsonPath("$.errors[0].code").value("invalid_number"));
			send(mvc, post("/api/v1/projects/" + project + "/evaluations"), as("xa-coord"), "{\"reported\": {\"9\": 1}}")
				.andExpect(status().isUnprocessableContent());
			send(mvc, post("/api/v1/projects/" + project + "/evaluations"), as("xa-coord"), json(Map.of("reported", Map.of("2", 2))))
				.andExpect(status().isCreated())
				.andExpect(jsonPath("$.targets[0].value").value(1300))
				.andExpect(jsonPath("$.targets[0].basis").value("measured"))
				.andExpect(jsonPath("$.targets[0].met").value(true))
				.andExpect(jsonPath("$.targets[1].value").value(2))
				.andExpect(jsonPath("$.targets[1].basis").value("self-reported"))
				.andExpect(jsonPath("$.targets[1].met").value(false))
				.andExpect(jsonPath("$.targets[1].progressPct").value(75))
				.andExpect(jsonPath("$.interim").value(true))
				.andExpect(jsonPath("$.zombie").value(false));
		}
		finally {
			jdbc.sql("delete from exc_traffic_daily where consumer_system_id = ?").param(consumer).update();
		}
	}

	@Test
	@DisplayName("P7 a live system with near-zero use for three months is flagged as a zombie, and shows in the portfolio")
	void zombie() throws Exception {
		String project = approved(with(proposal(), "name", "雁塔区社区老年学堂签到系统"));
		String system = system(CatalogFixtures.name("雁塔区民政视频调度系统"), calendar.today().minusMonths(8).toString());
		deliver(project, system, calendar.today().minusMonths(8).toString());
		send(mvc, post("/api/v1/projects/" + project + "/evaluations"), as("yt-coord"), "{}")
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.zombie").value(true))
			.andExpect(jsonPath("$.use.length()").value(3));
		mvc.perform(get("/api/v1/projects/portfolio").session(as("xa-auditor")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.zombieList[*].id", hasItem(project)));
	}

	@Test
	@DisplayName("portfolio: pipeline, spend by division, agency and capability, failing gates, overdue reviews; XLSX export")
	void portfolio() throws Exception {
		String approved = approved(with(proposal(), "budgetLines", List.of(budget("build", 12_345_678L))));
		send(mvc, post("/api/v1/projects/" + approved + "/spend"), as("yt-civil-admin"),
				json(Map.of("spentOn", calendar.today().toString(), "kind", "build", "amountFen", 1_000_001L)))
			.andExpect(status().isCreated());
		String failing = created(mvc, as("yt-civil-admin"), with(proposal(), "publicFacing", true, "signIn", "own-accounts"));
		String pending = created(mvc, as("yt-civil-admin"), proposal());
		send(mvc, post("/api/v1/projects/" + pending + "/submit"), as("yt-civil-admin"), "{\"version\": " + version(pending) + "}")
			.andExpect(status().isOk());
		jdbc.sql("update prj_review_step set due = ? where project_id = ?::uuid").params(calendar.today().minusDays(1), pending)
			.update();
		String body = mvc.perform(get("/api/v1/projects/portfolio").session(as("yt-auditor")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.scope").value("610113"))
			.andExpect(jsonPath("$.failing[*].id", hasItem(failing)))
			.andExpect(jsonPath("$.overdue[*].id", hasItem(pending)))
			.andExpect(jsonPath("$.byCapability[*].key", hasItem("education")))
			.andExpect(jsonPath("$.byAgency[*].key", hasItem(org.unigov.organization.DemoOrganization.agency("yt-civil").creditCode())))
			.andReturn().getResponse().getContentAsString();
		long spent = ((Number) JsonPath.read(body, "$.spentFen")).longValue();
		assertThat(spent).isGreaterThanOrEqualTo(1_000_001L);
		mvc.perform(get("/api/v1/projects/portfolio?division=610100").session(as("yt-auditor")))
			.andExpect(status().isForbidden());
		mvc.perform(get("/api/v1/projects/portfolio").session(as("yt-civil-admin"))).andExpect(status().isForbidden());
		byte[] xlsx = mvc.perform(get("/api/v1/projects/portfolio/export?lang=en").session(as("xa-coord")))
			.andExpect(status().isOk())
			.andReturn().getResponse().getContentAsByteArray();
		try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
			var sheet = workbook.getSheetAt(0);
			assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo("Code");
			String code = jdbc.sql("select code from prj_project where id = ?::uuid").param(approved).query(String.class).single();
			boolean found = false;
			for (int r = 1; r <= sheet.getLastRowNum(); r++) {
				if (sheet.getRow(r).getCell(0).getStringCellValue().equals(code)) {
					assertThat(sheet.getRow(r).getCell(8).getNumericCellValue()).isEqualTo(123456.78);
					assertThat(sheet.getRow(r).getCell(11).getNumericCellValue()).isEqualTo(10000.01);
					found = true;
				}
			}
			assertThat(found).isTrue();
		}
	}
}
