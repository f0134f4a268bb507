package org.unigov.projects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.unigov.catalog.CatalogFixtures.NOT_SHARED;
import static org.unigov.catalog.CatalogFixtures.UNCONDITIONAL;
import static org.unigov.catalog.CatalogFixtures.entry;
import static org.unigov.catalog.CatalogFixtures.name;
import static org.unigov.catalog.CatalogFixtures.send;
import static org.unigov.projects.ProjectFixtures.budget;
import static org.unigov.projects.ProjectFixtures.create;
import static org.unigov.projects.ProjectFixtures.created;
import static org.unigov.projects.ProjectFixtures.json;
import static org.unigov.projects.ProjectFixtures.proposal;
import static org.unigov.projects.ProjectFixtures.with;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.unigov.SignIn;
import org.unigov.UnigovTest;
import org.unigov.catalog.CatalogFixtures;
import org.unigov.organization.Agency;
import org.unigov.organization.DemoOrganization;
import org.unigov.organization.OrganizationDirectory;
import org.unigov.projects.internal.Project;
import org.unigov.projects.internal.ProjectInput;
import org.unigov.projects.internal.ProjectSettings;
import org.unigov.projects.internal.ProposalDrafting;
import org.unigov.projects.internal.ReviewDesk;
import org.unigov.shared.Actor;
import org.unigov.shared.Amounts;
import org.unigov.shared.Role;
import org.unigov.shared.problem.UnigovException;

/**
 * Project governance (P1-P5, P7) on the real application and database with the demo registry and
 * catalog. Yanta civil affairs (a county agency of Xi'an) proposes; the Yanta, Xi'an and Shaanxi
 * coordinators approve in turn; the auditors review the budget.
 */
@UnigovTest
class ProjectIntegrationTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ProposalDrafting drafting;

	@Autowired
	ReviewDesk reviews;

	@Autowired
	OrganizationDirectory directory;

	MockHttpSession as(String user) throws Exception {
		return SignIn.as(mvc, user);
	}

	MockHttpSession civil() throws Exception {
		return as("yt-civil-admin");
	}

	long version(String id) {
		return jdbc.sql("select version from prj_project where id = ?::uuid").param(id).query(Long.class).single();
	}

	String state(String id) {
		return jdbc.sql("select status from prj_project where id = ?::uuid").param(id).query(String.class).single();
	}

	ResultActions submit(String id) throws Exception {
		return send(mvc, post("/api/v1/projects/" + id + "/submit"), civil(), "{\"version\": " + version(id) + "}");
	}

	ResultActions decide(String user, String id, String decision, String comment) throws Exception {
		return send(mvc, post("/api/v1/projects/" + id + "/decision"), as(user), json(Map.of("decision", decision,
				"comment", comment == null ? "" : comment, "version", version(id))));
	}

	void approve(String user, String id) throws Exception {
		String body = decide(user, id, "approve", "同意").andReturn().getResponse().getContentAsString();
		assertThat(body).as(user).contains("\"project\"");
	}

	/** A proposal submitted into review; returns its id. */
	String submitted(Map<String, Object> proposal) throws Exception {
		String id = created(mvc, civil(), proposal);
		submit(id).andExpect(status().isOk());
		return id;
	}

	List<String> stepDivisions(String id, String kind) {
		return jdbc.sql("""
				select division_code from prj_review_step
				where project_id = ?::uuid and kind = ? and round = (select round from prj_project where id = ?::uuid)
				order by position""").params(id, kind, id).query(String.class).list();
	}

	String entryCode(String entryId) {
		return jdbc.sql("select code from cat_entry where id = ?::uuid").param(entryId).query(String.class).single();
	}

	@Nested
	@DisplayName("Proposals: validation, money in fen, visibility")
	class Proposals {

		@Test
		@DisplayName("an empty proposal gets every problem in one 422")
		void everyProblemAtOnce() throws Exception {
			send(mvc, post("/api/v1/projects"), civil(), "{}").andExpect(status().isUnprocessableContent())
				.andExpect(jsonPath("$.code").value("invalid_project"))
				.andExpect(jsonPath("$.errors[*].field", hasItem("name")))
				.andExpect(jsonPath("$.errors[*].field", hasItem("type")))
				.andExpect(jsonPath("$.errors[*].field", hasItem("budgetLines")))
				.andExpect(jsonPath("$.errors[*].field", hasItem("targets")))
				.andExpect(jsonPath("$.errors[*].field", hasItem("publicFacing")))
				.andExpect(jsonPath("$.errors[*].field", hasItem("signIn")));
		}

		@Test
		@DisplayName("money is summed exactly in fen: build, O&M and total")
		void moneyInFen() throws Exception {
			Map<String, Object> p = with(proposal(), "budgetLines", List.of(budget("build", 1), budget("build", 10_000_000_001L),
					budget("om", 99), budget("om", 1)));
			create(mvc, civil(), p).andExpect(status().isCreated())
				.andExpect(jsonPath("$.project.buildFen").value(10_000_000_002L))
				.andExpect(jsonPath("$.project.omFen").value(100))
				.andExpect(jsonPath("$.project.totalFen").value(10_000_000_102L))
				.andExpect(jsonPath("$.project.budgetLines.length()").value(4))
				.andExpect(jsonPath("$.project.status").value("draft"));
		}

		@Test
		@DisplayName("amounts of zero, negative, fractional fen or beyond ¥1 trillion are refused; totals cannot overflow")
		void badAmounts() throws Exception {
			create(mvc, civil(), with(proposal(), "budgetLines", List.of(budget("build", 0), budget("om", -5))))
				.andExpect(status().isUnprocessableContent())
				.andExpect(jsonPath("$.errors[*].field", hasItem("budgetLines[0].amountFen")))
				.andExpect(jsonPath("$.errors[*].field", hasItem("budgetLines[1].amountFen")));
			send(mvc, post("/api/v1/projects"), civil(), json(proposal()).replace("\"amountFen\":30000000", "\"amountFen\":300.5"))
				.andExpect(status().isBadRequest());
			create(mvc, civil(), with(proposal(), "budgetLines", List.of(budget("build", Amounts.MAX_FEN),
					budget("om", Amounts.MAX_FEN))))
				.andExpect(status().isUnprocessableContent())
				.andExpect(jsonPath("$.errors[*].code", hasItem("amount_too_large")));
			create(mvc, civil(), with(proposal(), "budgetLines", List.of(budget("build", Long.MAX_VALUE))))
				.andExpect(status().isUnprocessableContent())
				.andExpect(jsonPath("$.errors[0].code").value("invalid_amount"));
		}

		@Test
		@DisplayName("an O&M project names its registered system and has O&M lines only")
		void omProject() throws Exception {
			create(mvc, civil(), with(proposal(), "type", "om", "budgetLines", List.of(budget("build", 100))))
				.andExpect(status().isUnprocessableContent())
				.andExpect(jsonPath("$.errors[*].code", hasItem("build_in_om_project")))
				.andExpect(jsonPath("$.errors[*].field", hasItem("targetSystemId")));
			String otherAgencySystem = jdbc.sql("select id::text from reg_system where name = '西安市全民健康信息平台'")
				.query(String.class).single();
			create(mvc, civil(), with(proposal(), "type", "om", "targetSystemId", otherAgencySystem, "budgetLines",
					List.of(budget("om", 100))))
				.andExpect(status().isUnprocessableContent())
				.andExpect(jsonPath("$.errors[0].code").value("unknown_system"));
		}

		@Test
		@DisplayName("only the proposing agency writes; others do not even see the project")
		void whoWrites() throws Exception {
			create(mvc, as("yt-coord"), proposal()).andExpect(status().isForbidden());
			String id = created(mvc, civil(), proposal());
			mvc.perform(get("/api/v1/projects/" + id).session(as("bj-nr-staff")))
				.andExpect(status().isNotFound())
				.andExpect(jsonPath("$.code").value("project_not_found"));
			mvc.perform(get("/api/v1/projects/" + id).session(as("xa-coord"))).andExpect(status().isOk());
			mvc.perform(get("/api/v1/projects/" + id).session(as("bj-coord"))).andExpect(status().isNotFound());
			send(mvc, put("/api/v1/projects/" + id), as("yt-civil-staff"),
					json(Map.of("project", with(proposal(), "name", "改名后的系统"), "version", version(id))))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.project.name").value("改名后的系统"));
			send(mvc, put("/api/v1/projects/" + id), civil(), json(Map.of("project", proposal(), "version", 0)))
				.andExpect(status().isConflict())
				.andExpect(jsonPath("$.code").value("stale_version"));
			mvc.perform(get("/api/v1/projects/" + id + "/history").session(civil()))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$[*].action", hasItem("project.created")))
				.andExpect(jsonPath("$[*].action", hasItem("project.updated")));
		}
	}

	@Nested
	@DisplayName("P1 stages: proposal → feasibility study → preliminary design, with two shortcuts")
	class Stages {

		@Test
		@DisplayName("P1 a standard project goes through all three stages, each approved in turn")
		void standardPath() throws Exception {
			String id = created(mvc, civil(), with(proposal(), "path", "standard", "urgencyReason", null));
			assertThat(jdbc.sql("select stage from prj_project where id = ?::uuid").param(id).query(String.class).single())
				.isEqualTo("proposal");
			for (String stage : List.of("proposal", "feasibility", "preliminary-design")) {
				submit(id).andExpect(status().isOk()).andExpect(jsonPath("$.project.stage").value(stage));
				approve("yt-coord", id);
				approve("yt-auditor", id);
			}
			assertThat(state(id)).isEqualTo("approved");
			assertThat(jdbc.sql("select count(distinct round) from prj_review_step where project_id = ?::uuid").param(id)
				.query(Long.class).single()).isEqualTo(3);
		}

		@Test
		@DisplayName("P1 a project in the approved plan starts at the feasibility study and cites the plan")
		void inPlan() throws Exception {
			create(mvc, civil(), with(proposal(), "path", "in-plan")).andExpect(status().isUnprocessableContent())
				.andExpect(jsonPath("$.errors[0].field").value("planReference"));
			create(mvc, civil(), with(proposal(), "path", "in-plan", "planReference", "雁政办发〔2026〕12号"))
				.andExpect(status().isCreated())
				.andExpect(jsonPath("$.project.stage").value("feasibility"));
		}

		@Test
		@DisplayName("P1 an urgent project combines feasibility study and preliminary design, with its reason")
		void urgent() throws Exception {
			create(mvc, civil(), with(proposal(), "urgencyReason", null)).andExpect(status().isUnprocessableContent())
				.andExpect(jsonPath("$.errors[0].field").value("urgencyReason"));
			String id = submitted(proposal());
			assertThat(jdbc.sql("select stage from prj_project where id = ?::uuid").param(id).query(String.class).single())
				.isEqualTo("feasibility-design");
			approve("yt-coord", id);
			approve("yt-auditor", id);
			assertThat(state(id)).isEqualTo("approved");
		}

		@Test
		@DisplayName("P1 the path is fixed once the project has been submitted")
		void pathFixed() throws Exception {
			String id = submitted(proposal());
			decide("yt-coord", id, "return", "请补充各学堂的课程清单").andExpect(status().isOk());
			send(mvc, put("/api/v1/projects/" + id), civil(),
					json(Map.of("project", with(proposal(), "path", "standard"), "version", version(id))))
				.andExpect(status().isUnprocessableContent())
				.andExpect(jsonPath("$.errors[0].code").value("path_fixed"));
		}
	}

	@Nested
	@DisplayName("P2 and C8 the sharing gate")
	class SharingGate {

		@Test
		@DisplayName("P2 data to obtain must name a catalog resource")
		void unknownResource() throws Exception {
			create(mvc, civil(), with(proposal(), "obtains", List.of(Map.of("entryCode", "NO-SUCH-CODE"))))
				.andExpect(status().isUnprocessableContent())
				.andExpect(jsonPath("$.errors[0].code").value("unknown_resource"));
		}

		@Test
		@DisplayName("P2 an unpublished or not-shared resource fails the gate; the refused submission writes nothing")
		void unpublishedResource() throws Exception {
			MockHttpSession psb = as("sn-psb-staff");
			String draft = JsonPath.read(send(mvc, post("/api/v1/catalog/entries"), psb, entry(name("户籍人口"), UNCONDITIONAL))
				.andReturn().getResponse().getContentAsString(), "$.entry.id");
			String notShared = CatalogFixtures.published(mvc, entry(name("侦查线索"), NOT_SHARED));
			String id = created(mvc, civil(), with(proposal(), "obtains", List.of(Map.of("entryCode", entryCode(draft)),
					Map.of("entryCode", entryCode(notShared)))));
			long before = version(id);
			MockHttpSession civil = civil();
			long audit = jdbc.sql("select count(*) from audit_entry").query(Long.class).single();
			send(mvc, post("/api/v1/projects/" + id + "/submit"), civil, "{\"version\": " + before + "}")
				.andExpect(status().isUnprocessableContent())
				.andExpect(jsonPath("$.code").value("gates_failed"))
				.andExpect(jsonPath("$.gates[1].gate").value("sharing"))
				.andExpect(jsonPath("$.gates[1].outcome").value("fail"))
				.andExpect(jsonPath("$.gates[1].reasons[*].code", hasItem("unpublished_resource")))
				.andExpect(jsonPath("$.gates[1].reasons[*].code", hasItem("not_shared_resource")));
			assertThat(state(id)).isEqualTo("draft");
			assertThat(version(id)).isEqualTo(before);
			assertThat(jdbc.sql("select count(*) from prj_review_step where project_id = ?::uuid").param(id)
				.query(Long.class).single()).isZero();
			assertThat(jdbc.sql("select count(*) from prj_gate_result where project_id = ?::uuid").param(id)
				.query(Long.class).single()).isZero();
			assertThat(jdbc.sql("select count(*) from audit_entry").query(Long.class).single()).isEqualTo(audit);
		}

		@Test
		@DisplayName("P2 a published resource with its items passes; items it does not have fail")
		void publishedResource() throws Exception {
			String entry = CatalogFixtures.published(mvc, entry(name("户籍人口"), UNCONDITIONAL));
			String ok = created(mvc, civil(), with(proposal(), "obtains",
					List.of(Map.of("entryCode", entryCode(entry), "items", List.of("姓名"), "purpose", "核对就餐老人身份"))));
			mvc.perform(get("/api/v1/projects/" + ok + "/gates").session(civil()))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$[1].outcome").value("pass"))
				.andExpect(jsonPath("$[1].reasons[*].code", hasItem("obtains")));
			String bad = created(mvc, civil(), with(proposal(), "obtains",
					List.of(Map.of("entryCode", entryCode(entry), "items", List.of("婚姻状况")))));
			mvc.perform(get("/api/v1/projects/" + bad + "/gates").session(civil()))
				.andExpect(jsonPath("$[1].outcome").value("fail"))
				.andExpect(jsonPath("$[1].reasons[*].code", hasItem("unknown_items")));
		}

		@Test
		@DisplayName("C8 planned collection of data a published resource provides is flagged")
		void collectsSharedData() throws Exception {
			String entry = CatalogFixtures.published(mvc, entry(name("户籍人口"), UNCONDITIONAL));
			String id = created(mvc, civil(), with(proposal(), "collects", List.of("户籍地址", "课程偏好")));
			mvc.perform(get("/api/v1/projects/" + id + "/gates").session(civil()))
				.andExpect(jsonPath("$[1].outcome").value("warn"))
				.andExpect(jsonPath("$[1].reasons[*].code", hasItem("collects_shared_data")))
				.andExpect(jsonPath("$[1].reasons[?(@.code == 'collects_shared_data')].values.item", hasItem("户籍地址")))
				.andExpect(jsonPath("$[1].reasons[?(@.code == 'collects_shared_data')].values.entryCodes[*]",
						hasItem(entryCode(entry))));
		}

		@Test
		@DisplayName("P2 O&M of a system that publishes nothing in the catalog is flagged: operation funding follows sharing")
		void omOfASystemThatSharesNothing() throws Exception {
			String system = jdbc.sql("select id::text from reg_system where name = '雁塔区智慧养老服务平台'").query(String.class).single();
			assertThat(jdbc.sql("select count(*) from cat_entry_view where content ->> 'sourceSystemId' = ?").param(system)
				.query(Long.class).single()).isZero();
			String id = created(mvc, civil(), with(proposal(), "type", "om", "targetSystemId", system, "capabilities", List.of(),
					"budgetLines", List.of(budget("om", 5_000_000L))));
			mvc.perform(get("/api/v1/projects/" + id + "/gates").session(civil()))
				.andExpect(jsonPath("$[0].outcome").value("pass"))
				.andExpect(jsonPath("$[1].outcome").value("warn"))
				.andExpect(jsonPath("$[1].reasons[*].code", hasItem("om_system_shares_nothing")));
		}

		@Test
		@DisplayName("P2 a proposal must list its data: nothing to publish or obtain fails, nothing to publish is flagged")
		void publishesNothing() throws Exception {
			String id = created(mvc, civil(), with(proposal(), "publishes", List.of()));
			mvc.perform(get("/api/v1/projects/" + id + "/gates").session(civil()))
				.andExpect(jsonPath("$[1].outcome").value("fail"))
				.andExpect(jsonPath("$[1].reasons[*].code", hasItem("nothing_to_share")));
			String entry = CatalogFixtures.published(mvc, entry(name("户籍人口"), UNCONDITIONAL));
			String obtains = created(mvc, civil(), with(proposal(), "publishes", List.of(), "obtains",
					List.of(Map.of("entryCode", entryCode(entry), "items", List.of("姓名")))));
			mvc.perform(get("/api/v1/projects/" + obtains + "/gates").session(civil()))
				.andExpect(jsonPath("$[1].outcome").value("warn"))
				.andExpect(jsonPath("$[1].reasons[0].code").value("publishes_nothing"));
		}
	}

	@Nested
	@DisplayName("P3 the duplicate gate")
	class DuplicateGate {

		Map<String, Object> elderlyCare() {
			return with(proposal(), "name", "雁塔区智慧养老服务管理平台", "summary",
					"整合辖区养老机构和居家养老服务资源，提供老年人信息管理、服务派单和助餐补贴核算。", "capabilities",
					List.of("elderly-care", "smart-community"));
		}

		@Test
		@DisplayName("P3 a proposal overlapping registered systems fails until it justifies the overlap or reuses them")
		void overlap() throws Exception {
			String id = created(mvc, civil(), elderlyCare());
			String body = submit(id).andExpect(status().isUnprocessableContent())
				.andExpect(jsonPath("$.gates[0].gate").value("duplicate"))
				.andExpect(jsonPath("$.gates[0].outcome").value("fail"))
				.andExpect(jsonPath("$.gates[0].reasons[*].values.name", hasItem("雁塔区智慧养老服务平台")))
				.andExpect(jsonPath("$.gates[0].reasons[*].code", hasItem("overlap_unjustified")))
				.andReturn().getResponse().getContentAsString();
			List<String> overlapping = JsonPath.read(body, "$.gates[0].reasons[?(@.code in ['overlap', 'shared_platform'])].values.systemId");
			// justified: a warning the reviewers see
			send(mvc, put("/api/v1/projects/" + id), civil(), json(Map.of("project",
					with(elderlyCare(), "overlapJustification", "现有平台不支持助餐补贴核算，本项目在其基础上扩展。"), "version", version(id))))
				.andExpect(status().isOk());
			submit(id).andExpect(status().isOk())
				.andExpect(jsonPath("$.gates[0].outcome").value("warn"))
				.andExpect(jsonPath("$.gates[0].reasons[*].code", hasItem("overlap_justified")));
			mvc.perform(get("/api/v1/projects/" + id).session(as("yt-coord")))
				.andExpect(jsonPath("$.gates[0].outcome").value("warn"))
				.andExpect(jsonPath("$.gates[0].reasons[*].code", hasItem("overlap_justified")));
			// reuse chosen instead: passes
			String reuse = created(mvc, civil(), with(elderlyCare(), "reuseSystemIds", overlapping));
			mvc.perform(get("/api/v1/projects/" + reuse + "/gates").session(civil()))
				.andExpect(jsonPath("$[0].outcome").value("pass"))
				.andExpect(jsonPath("$[0].reasons[*].code", hasItem("reuse_chosen")));
		}

		@Test
		@DisplayName("P3 the threshold is the platform admin's setting")
		void threshold() throws Exception {
			String id = created(mvc, civil(), elderlyCare());
			mvc.perform(get("/api/v1/projects/" + id + "/gates").session(civil()))
				.andExpect(jsonPath("$[0].outcome").value("fail"));
			long v = jdbc.sql("select version from prj_settings").query(Long.class).single();
			send(mvc, put("/api/v1/projects/settings"), as("admin"), json(Map.of("countyToCityFen", 100_000_000L,
					"toProvinceFen", 500_000_000L, "duplicateThreshold", 0.1, "reviewDays", 10, "version", v)))
				.andExpect(status().isUnprocessableContent())
				.andExpect(jsonPath("$.errors[0].code").value("invalid_threshold"));
			try {
				send(mvc, put("/api/v1/projects/settings"), as("admin"), json(Map.of("countyToCityFen", 100_000_000L,
						"toProvinceFen", 500_000_000L, "duplicateThreshold", 0.99, "reviewDays", 10, "version", v)))
					.andExpect(status().isOk());
				mvc.perform(get("/api/v1/projects/" + id + "/gates").session(civil()))
					.andExpect(jsonPath("$[0].outcome").value("pass"));
			}
			finally {
				jdbc.sql("update prj_settings set duplicate_threshold = 0.5").update();
			}
		}
	}

	@Nested
	@DisplayName("P4 the identity gate")
	class IdentityGate {

		@Test
		@DisplayName("P4 a public-facing system with its own accounts fails without an exemption, warns with one")
		void ownAccounts() throws Exception {
			Map<String, Object> own = with(proposal(), "publicFacing", true, "signIn", "own-accounts");
			String id = created(mvc, civil(), own);
			submit(id).andExpect(status().isUnprocessableContent())
				.andExpect(jsonPath("$.gates[2].gate").value("identity"))
				.andExpect(jsonPath("$.gates[2].outcome").value("fail"))
				.andExpect(jsonPath("$.gates[2].reasons[0].code").value("separate_accounts"));
			send(mvc, put("/api/v1/projects/" + id), civil(), json(Map.of("project",
					with(own, "identityExemption", "社区学堂签到终端需离线刷卡登录，统一身份认证暂不支持。"), "version", version(id))))
				.andExpect(status().isOk());
			submit(id).andExpect(status().isOk())
				.andExpect(jsonPath("$.gates[2].outcome").value("warn"))
				.andExpect(jsonPath("$.gates[2].reasons[0].code").value("exemption_requested"));
			String unified = created(mvc, civil(), with(proposal(), "publicFacing", true));
			mvc.perform(get("/api/v1/projects/" + unified + "/gates").session(civil()))
				.andExpect(jsonPath("$[2].outcome").value("pass"))
				.andExpect(jsonPath("$[2].reasons[0].code").value("unified_identity"));
		}
	}

	@Nested
	@DisplayName("P5 approval up the hierarchy")
	class Approval {

		@Test
		@DisplayName("P5 the routing table: county, city and province projects at every threshold")
		void routingTable() {
			ProjectSettings defaults = new ProjectSettings(100_000_000L, 500_000_000L, 0.5, 10, 0, java.time.Instant.EPOCH,
					"system", null);
			assertThat(defaults.route(3, 99_999_999L)).containsExactly(3);
			assertThat(defaults.route(3, 100_000_000L)).containsExactly(3, 2);
			assertThat(defaults.route(3, 499_999_999L)).containsExactly(3, 2);
			assertThat(defaults.route(3, 500_000_000L)).containsExactly(3, 2, 1);
			assertThat(defaults.route(2, 100_000_000L)).containsExactly(2);
			assertThat(defaults.route(2, 499_999_999L)).containsExactly(2);
			assertThat(defaults.route(2, 500_000_000L)).containsExactly(2, 1);
			assertThat(defaults.route(1, 1L)).containsExactly(1);
			assertThat(defaults.route(1, 900_000_000L)).containsExactly(1);
		}

		@Test
		@DisplayName("P5 a county project of ¥5,000,000 goes county → city → province, with the province auditor's budget review")
		void fullChain() throws Exception {
			String id = submitted(with(proposal(), "budgetLines", List.of(budget("build", 450_000_000L), budget("om", 50_000_000L))));
			assertThat(stepDivisions(id, "approval")).containsExactly("610113", "610100", "610000");
			assertThat(stepDivisions(id, "budget")).containsExactly("610000");
			// no level is skipped
			decide("xa-coord", id, "approve", null).andExpect(status().isConflict())
				.andExpect(jsonPath("$.code").value("level_not_reached"))
				.andExpect(jsonPath("$.rule").value("P5"));
			decide("sn-coord", id, "approve", null).andExpect(status().isConflict())
				.andExpect(jsonPath("$.code").value("level_not_reached"));
			mvc.perform(get("/api/v1/projects/reviews/queue").session(as("yt-coord")))
				.andExpect(jsonPath("$.content[*].projectId", hasItem(id)));
			mvc.perform(get("/api/v1/projects/reviews/queue").session(as("xa-coord")))
				.andExpect(jsonPath("$.content[?(@.projectId == '" + id + "')]").isEmpty());
			approve("yt-coord", id);
			mvc.perform(get("/api/v1/projects/reviews/queue").session(as("xa-coord")))
				.andExpect(jsonPath("$.content[*].projectId", hasItem(id)));
			approve("xa-coord", id);
			approve("sn-coord", id);
			assertThat(state(id)).as("the budget review is still open").isEqualTo("in-review");
			mvc.perform(get("/api/v1/projects/reviews/queue").session(as("sn-auditor")))
				.andExpect(jsonPath("$.content[*].projectId", hasItem(id)));
			decide("yt-auditor", id, "approve", null).andExpect(status().isForbidden())
				.andExpect(jsonPath("$.code").value("review_not_yours"));
			approve("sn-auditor", id);
			assertThat(state(id)).isEqualTo("approved");
			mvc.perform(get("/api/v1/projects/" + id + "/history").session(civil()))
				.andExpect(jsonPath("$[?(@.action == 'project.reviewed')]").isArray())
				.andExpect(jsonPath("$.length()").value(6));
		}

		@Test
		@DisplayName("P5 a county project of ¥1,000,000 goes county → city; below it the county decides alone")
		void cityThreshold() throws Exception {
			String city = submitted(with(proposal(), "budgetLines", List.of(budget("build", 100_000_000L))));
			assertThat(stepDivisions(city, "approval")).containsExactly("610113", "610100");
			assertThat(stepDivisions(city, "budget")).containsExactly("610100");
			String county = submitted(with(proposal(), "budgetLines", List.of(budget("build", 99_999_999L))));
			assertThat(stepDivisions(county, "approval")).containsExactly("610113");
			assertThat(stepDivisions(county, "budget")).containsExactly("610113");
		}

		@Test
		@DisplayName("P5 the thresholds are configurable by a platform admin only, and audited")
		void configurableThresholds() throws Exception {
			String settings = mvc.perform(get("/api/v1/projects/settings").session(civil())).andReturn().getResponse()
				.getContentAsString();
			int v = JsonPath.read(settings, "$.version");
			send(mvc, put("/api/v1/projects/settings"), as("sn-coord"), json(Map.of("countyToCityFen", 1, "toProvinceFen", 2,
					"duplicateThreshold", 0.5, "reviewDays", 10, "version", v)))
				.andExpect(status().isForbidden());
			send(mvc, put("/api/v1/projects/settings"), as("admin"), json(Map.of("countyToCityFen", 600_000_000L,
					"toProvinceFen", 500_000_000L, "duplicateThreshold", 0.5, "reviewDays", 10, "version", v)))
				.andExpect(status().isUnprocessableContent())
				.andExpect(jsonPath("$.errors[0].code").value("threshold_order"));
			try {
				send(mvc, put("/api/v1/projects/settings"), as("admin"), json(Map.of("countyToCityFen", 50_000_000L,
						"toProvinceFen", 500_000_000L, "duplicateThreshold", 0.5, "reviewDays", 10, "version", v)))
					.andExpect(status().isOk())
					.andExpect(jsonPath("$.countyToCityFen").value(50_000_000L));
				String id = submitted(with(proposal(), "budgetLines", List.of(budget("build", 60_000_000L))));
				assertThat(stepDivisions(id, "approval")).containsExactly("610113", "610100");
				assertThat(jdbc.sql("select count(*) from audit_entry where action = 'project-settings.changed'")
					.query(Long.class).single()).isPositive();
			}
			finally {
				jdbc.sql("update prj_settings set county_to_city_fen = 100000000, to_province_fen = 500000000").update();
			}
		}

		@Test
		@DisplayName("P5 no one decides on their own agency's project")
		void ownAgency() throws Exception {
			Agency data = directory.agencyByCreditCode(DemoOrganization.agency("yt-data").creditCode()).orElseThrow();
			Actor dataStaff = new Actor(UUID.randomUUID(), "yt-data-staff", "雁塔区数据局 员工", Actor.Kind.STAFF,
					data.id().value(), data.creditCode(), data.divisionCode(), Set.of(Role.AGENCY_STAFF));
			Project project = drafting.create(dataStaff, new tools.jackson.databind.json.JsonMapper()
				.readValue(json(proposal()), ProjectInput.class));
			reviews.submit(dataStaff, project.id(), project.version());
			decide("yt-coord", project.id().toString(), "approve", null).andExpect(status().isForbidden())
				.andExpect(jsonPath("$.code").value("own_agency_project"))
				.andExpect(jsonPath("$.rule").value("P5"));
			assertThat(state(project.id().toString())).isEqualTo("in-review");
		}

		@Test
		@DisplayName("P5 reviewers of other divisions and agency staff cannot decide")
		void notYourReview() throws Exception {
			String id = submitted(proposal());
			decide("bl-coord", id, "approve", null).andExpect(status().isNotFound());
			decide("bj-coord", id, "approve", null).andExpect(status().isNotFound());
			decide("xa-coord", id, "approve", null).andExpect(status().isForbidden())
				.andExpect(jsonPath("$.code").value("review_not_yours"));
			decide("yt-civil-admin", id, "approve", null).andExpect(status().isForbidden());
		}

		@Test
		@DisplayName("a decision on a stale version gets 409, and only one of two concurrent decisions wins")
		void staleDecision() throws Exception {
			String id = submitted(proposal());
			long v = version(id);
			send(mvc, post("/api/v1/projects/" + id + "/decision"), as("yt-coord"),
					json(Map.of("decision", "approve", "version", v)))
				.andExpect(status().isOk());
			send(mvc, post("/api/v1/projects/" + id + "/decision"), as("yt-auditor"),
					json(Map.of("decision", "approve", "version", v)))
				.andExpect(status().isConflict())
				.andExpect(jsonPath("$.code").value("stale_version"));
			// two reviewers at once on the same version: one wins, the other gets 409
			String other = submitted(proposal());
			long ov = version(other);
			Actor coord = actor("yt-coord");
			Actor auditor = actor("yt-auditor");
			var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
			try {
				var a = pool.submit(() -> reviews.decide(coord, UUID.fromString(other), ReviewDesk.Decision.APPROVE, null, ov));
				var b = pool.submit(() -> reviews.decide(auditor, UUID.fromString(other), ReviewDesk.Decision.APPROVE, null, ov));
				int won = 0;
				int stale = 0;
				for (var f : List.of(a, b)) {
					try {
						f.get();
						won++;
					}
					catch (java.util.concurrent.ExecutionException ex) {
						assertThat(ex.getCause()).isInstanceOf(UnigovException.class);
						assertThat(((UnigovException) ex.getCause()).error().code()).isEqualTo("stale_version");
						stale++;
					}
				}
				assertThat(won).isEqualTo(1);
				assertThat(stale).isEqualTo(1);
			}
			finally {
				pool.shutdown();
			}
			assertThat(jdbc.sql("select count(*) from prj_review_step where project_id = ?::uuid and status = 'approved'")
				.param(other).query(Long.class).single()).isEqualTo(1);
		}

		Actor actor(String username) {
			return jdbc.sql("""
					select a.id, a.username, a.display_name, g.id as agency_id, g.credit_code, g.division_code, a.roles[1]
					from identity_account a join org_agency g on g.id = a.agency_id
					where a.username = ?""")
				.param(username)
				.query((rs, n) -> new Actor(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), Actor.Kind.STAFF,
						rs.getObject(4, UUID.class), rs.getString(5), rs.getString(6), Set.of(Role.valueOf(rs.getString(7)))))
				.single();
		}

		@Test
		@DisplayName("return for revision needs comments, cancels the round and restarts at the county on resubmission")
		void returnAndResubmit() throws Exception {
			String id = submitted(with(proposal(), "budgetLines", List.of(budget("build", 150_000_000L))));
			decide("yt-coord", id, "return", "").andExpect(status().isUnprocessableContent())
				.andExpect(jsonPath("$.code").value("review_comment_required"));
			approve("yt-coord", id);
			decide("xa-coord", id, "return", "请补充各学堂的建设内容和分年度预算。").andExpect(status().isOk())
				.andExpect(jsonPath("$.project.status").value("returned"));
			assertThat(jdbc.sql("select count(*) from prj_review_step where project_id = ?::uuid and status in ('pending', 'waiting')")
				.param(id).query(Long.class).single()).isZero();
			decide("xa-coord", id, "approve", null).andExpect(status().isConflict())
				.andExpect(jsonPath("$.code").value("project_wrong_state"));
			submit(id).andExpect(status().isOk())
				.andExpect(jsonPath("$.project.round").value(2))
				.andExpect(jsonPath("$.steps[?(@.kind == 'approval' && @.status == 'pending')].divisionCode").value(
						org.hamcrest.Matchers.contains("610113")));
			mvc.perform(get("/api/v1/projects/" + id + "/reviews").session(civil()))
				.andExpect(jsonPath("$[?(@.status == 'returned')].comment", hasItem("请补充各学堂的建设内容和分年度预算。")));
		}

		@Test
		@DisplayName("rejection needs its reason and ends the project")
		void reject() throws Exception {
			String id = submitted(proposal());
			decide("yt-coord", id, "reject", null).andExpect(status().isUnprocessableContent());
			decide("yt-coord", id, "reject", "与区级老年教育平台重复建设。").andExpect(status().isOk())
				.andExpect(jsonPath("$.project.status").value("rejected"));
			submit(id).andExpect(status().isConflict()).andExpect(jsonPath("$.code").value("project_wrong_state"));
		}

		@Test
		@DisplayName("every step has a due date; overdue ones show in the queue")
		void overdue() throws Exception {
			String id = submitted(proposal());
			mvc.perform(get("/api/v1/projects/" + id).session(as("yt-coord")))
				.andExpect(jsonPath("$.steps[0].step.due").isNotEmpty())
				.andExpect(jsonPath("$.steps[0].overdue").value(false));
			jdbc.sql("update prj_review_step set due = ? where project_id = ?::uuid and kind = 'approval'")
				.params(LocalDate.now().minusDays(3), id).update();
			mvc.perform(get("/api/v1/projects/reviews/queue?overdue=true").session(as("yt-coord")))
				.andExpect(jsonPath("$.content[?(@.projectId == '" + id + "')].overdue").value(hasItem(true)));
			mvc.perform(get("/api/v1/projects/" + id).session(as("yt-coord")))
				.andExpect(jsonPath("$.steps[?(@.step.kind == 'approval')].overdue").value(hasItem(true)));
		}
	}

	@Nested
	@DisplayName("P7 outcome targets")
	class Targets {

		Map<String, Object> target(String indicator, String name) {
			return Map.of("indicator", indicator, "name", name, "baseline", 0, "target", 100, "due",
					LocalDate.now().plusYears(1).toString());
		}

		@Test
		@DisplayName("P7 registered users alone are refused, naming monthly active users instead")
		void usersRegistered() throws Exception {
			create(mvc, civil(), with(proposal(), "targets", List.of(target("users-registered", "注册用户数达到5万"))))
				.andExpect(status().isUnprocessableContent())
				.andExpect(jsonPath("$.code").value("output_only_targets"))
				.andExpect(jsonPath("$.rule").value("P7"))
				.andExpect(jsonPath("$.detail", containsString("monthly-active-users")));
		}

		@Test
		@DisplayName("P7 a free-text target counting registrations is refused, naming monthly active users")
		void registrationsCount() throws Exception {
			create(mvc, civil(), with(proposal(), "targets", List.of(target("other", "注册用户达到10万"))))
				.andExpect(status().isUnprocessableContent())
				.andExpect(jsonPath("$.code").value("output_only_targets"))
				.andExpect(jsonPath("$.detail", containsString("monthly-active-users")));
		}

		@Test
		@DisplayName("P7 a free-text target counting platforms built is refused on its own")
		void builtCount() throws Exception {
			create(mvc, civil(), with(proposal(), "targets", List.of(target("other", "建成3个智慧养老平台"),
					target("systems-built", "建成系统数量"))))
				.andExpect(status().isUnprocessableContent())
				.andExpect(jsonPath("$.code").value("output_only_targets"))
				.andExpect(jsonPath("$.detail", containsString("exchange-calls-served")));
		}

		@Test
		@DisplayName("P7 an output count beside an outcome is accepted, each with the source of its measured value")
		void outputBesideOutcome() throws Exception {
			create(mvc, civil(), with(proposal(), "targets", List.of(target("users-registered", "注册用户数"),
					target("monthly-active-users", "月活跃用户数"))))
				.andExpect(status().isCreated())
				.andExpect(jsonPath("$.project.targets[1].source").value("registry"));
		}

		@Test
		@DisplayName("P7 a target needs a date after today and non-negative numbers")
		void targetFields() throws Exception {
			create(mvc, civil(), with(proposal(), "targets", List.of(Map.of("indicator", "monthly-active-users", "name", "月活",
					"baseline", -1, "target", 10, "due", "2020-01-01"))))
				.andExpect(status().isUnprocessableContent())
				.andExpect(jsonPath("$.errors[*].code", hasItem("due_in_past")))
				.andExpect(jsonPath("$.errors[*].code", hasItem("invalid_number")));
		}
	}

	@Test
	@DisplayName("withdrawing cancels the open reviews")
	void withdraw() throws Exception {
		String id = submitted(proposal());
		send(mvc, post("/api/v1/projects/" + id + "/withdraw"), civil(), "{\"version\": " + version(id) + "}")
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.project.status").value("withdrawn"));
		assertThat(jdbc.sql("select count(*) from prj_review_step where project_id = ?::uuid and status = 'cancelled'")
			.param(id).query(Long.class).single()).isEqualTo(2);
		assertThatThrownBy(() -> reviews.submit(Actor.SYSTEM, UUID.fromString(id), version(id)))
			.isInstanceOf(UnigovException.class);
	}
}
