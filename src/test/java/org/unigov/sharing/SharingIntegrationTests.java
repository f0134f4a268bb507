package org.unigov.sharing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.unigov.catalog.CatalogFixtures.CONDITIONAL;
import static org.unigov.catalog.CatalogFixtures.NOT_SHARED;
import static org.unigov.catalog.CatalogFixtures.UNCONDITIONAL;
import static org.unigov.catalog.CatalogFixtures.entry;
import static org.unigov.catalog.CatalogFixtures.name;
import static org.unigov.catalog.CatalogFixtures.send;

import java.time.Duration;
import java.time.LocalDate;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.unigov.SignIn;
import org.unigov.UnigovTest;
import org.unigov.calendar.WorkingCalendar;
import org.unigov.catalog.CatalogFixtures;
import org.unigov.organization.DemoOrganization;
import org.unigov.organization.OrganizationDirectory;
import org.unigov.sharing.internal.DeadlineClock;
import org.unigov.sharing.internal.DisputeProcedure;
import org.unigov.sharing.internal.GrantDesk;
import org.unigov.sharing.internal.Requests;

/**
 * The sharing rules S1-S11 on the real application and database. The provincial public security
 * department provides; Xi'an human resources (a city agency) and Yanta civil affairs (a county
 * agency) request.
 */
@UnigovTest
@RecordApplicationEvents
class SharingIntegrationTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	WorkingCalendar calendar;

	@Autowired
	DeadlineClock clock;

	@Autowired
	Requests requests;

	@Autowired
	GrantDesk grants;

	@Autowired
	OrganizationDirectory directory;

	@Autowired
	ApplicationEvents events;

	String system(String agencyKey) {
		String agency = directory.agencyByCreditCode(DemoOrganization.agency(agencyKey).creditCode()).orElseThrow().id().toString();
		return jdbc.sql("select id::text from reg_system where agency_id = ?::uuid order by name limit 1")
			.param(agency).query(String.class).single();
	}

	String request(String entryId, String systemId) {
		return """
				{"entryId": "%s", "consumerSystemId": "%s", "items": ["公民身份号码", "姓名"],
				 "legalBasis": "《社会保险法》第七十四条", "useCase": "养老保险待遇领取资格认证",
				 "useScope": "西安市人社局社保经办", "sharingMethod": "api", "periodFrom": "%s", "periodTo": "%s",
				 "expectedVolume": "每日约2万次"}""".formatted(entryId, systemId, calendar.today(),
				calendar.today().plusYears(1));
	}

	MockHttpSession hrss() throws Exception {
		return SignIn.as(mvc, "xa-hrss-staff");
	}

	MockHttpSession psb() throws Exception {
		return SignIn.as(mvc, "sn-psb-staff");
	}

	ResultActions file(String entryId) throws Exception {
		return send(mvc, post("/api/v1/sharing/requests"), hrss(), request(entryId, system("xa-hrss")));
	}

	String filed(String entryId) throws Exception {
		return JsonPath.read(file(entryId).andExpect(status().isCreated()).andReturn().getResponse().getContentAsString(),
				"$.request.id");
	}

	long version(String requestId) {
		return jdbc.sql("select version from shr_request where id = ?::uuid").param(requestId).query(Long.class).single();
	}

	String conditional() throws Exception {
		return CatalogFixtures.published(mvc, entry(name("户籍人口"), CONDITIONAL));
	}

	@Nested
	@DisplayName("S1 requests through the published catalog")
	class Filing {

		@Test
		@DisplayName("S1 every missing statement is listed in one answer")
		void allMissingAtOnce() throws Exception {
			String entry = conditional();
			send(mvc, post("/api/v1/sharing/requests"), hrss(),
					"{\"entryId\": \"" + entry + "\", \"consumerSystemId\": \"" + system("xa-hrss") + "\"}")
				.andExpect(status().isUnprocessableContent())
				.andExpect(jsonPath("$.code").value("invalid_request"))
				.andExpect(jsonPath("$.rule").value("S1"))
				.andExpect(jsonPath("$.errors.length()").value(7))
				.andExpect(jsonPath("$.errors[*].field", hasItem("legalBasis")))
				.andExpect(jsonPath("$.errors[*].field", hasItem("useScope")))
				.andExpect(jsonPath("$.errors[*].field", hasItem("periodTo")));
			assertThat(jdbc.sql("select count(*) from shr_request where entry_id = ?::uuid").param(entry).query(Long.class).single()).isZero();
		}

		@Test
		@DisplayName("S1 only published entries, only the requester's own systems, only the entry's items")
		void throughTheCatalog() throws Exception {
			String body = send(mvc, post("/api/v1/catalog/entries"), psb(), entry(name("草稿"), CONDITIONAL))
				.andReturn().getResponse().getContentAsString();
			file(JsonPath.read(body, "$.entry.id")).andExpect(status().isNotFound());
			String entry = conditional();
			send(mvc, post("/api/v1/sharing/requests"), hrss(), request(entry, system("yt-civil")))
				.andExpect(jsonPath("$.errors[0].code").value("consumer_system_unknown"));
			send(mvc, post("/api/v1/sharing/requests"), hrss(), request(entry, system("xa-hrss")).replace("\"姓名\"", "\"血型\""))
				.andExpect(jsonPath("$.errors[0].code").value("unknown_item"));
		}
	}

	@Nested
	@DisplayName("S2 reply deadlines")
	class Deadlines {

		@Test
		@DisplayName("S2 an unconditional entry is granted at once")
		void unconditionalAtOnce() throws Exception {
			String entry = CatalogFixtures.published(mvc, entry(name("人口"), UNCONDITIONAL));
			String body = file(entry).andExpect(status().isCreated())
				.andExpect(jsonPath("$.request.status").value("approved"))
				.andExpect(jsonPath("$.request.replyWorkingDays").value(0))
				.andExpect(jsonPath("$.clock.stage").value("delivery"))
				.andReturn().getResponse().getContentAsString();
			String id = JsonPath.read(body, "$.request.id");
			assertThat(grants.forRequest(java.util.UUID.fromString(id))).get()
				.satisfies(g -> assertThat(g.items()).containsExactly("公民身份号码", "姓名"));
			assertThat(events.stream(GrantIssued.class).anyMatch(e -> e.entryId().toString().equals(entry))).isTrue();
		}

		@Test
		@DisplayName("S2 a conditional entry is answered within 10 working days, extended once by the coordinator")
		void conditionalClockAndOneExtension() throws Exception {
			String id = filed(conditional());
			LocalDate due = calendar.addWorkingDays(calendar.today(), 10).due();
			mvc.perform(get("/api/v1/sharing/requests/" + id).session(hrss()))
				.andExpect(jsonPath("$.request.status").value("submitted"))
				.andExpect(jsonPath("$.request.replyDue").value(due.toString()))
				.andExpect(jsonPath("$.clock.workingDaysLeft").value(10))
				.andExpect(jsonPath("$.clock.overdue").value(false));
			send(mvc, post("/api/v1/sharing/requests/" + id + "/extension"), psb(),
					"{\"days\": 11, \"reason\": \"需核对\", \"version\": " + version(id) + "}")
				.andExpect(jsonPath("$.code").value("extension_too_long"));
			send(mvc, post("/api/v1/sharing/requests/" + id + "/extension"), psb(),
					"{\"days\": 10, \"reason\": \"需会同派出所核对数据口径\", \"version\": " + version(id) + "}")
				.andExpect(jsonPath("$.request.extensionState").value("requested"));
			send(mvc, post("/api/v1/sharing/requests/" + id + "/extension/decision"), SignIn.as(mvc, "xa-coord"),
					"{\"approve\": true, \"version\": " + version(id) + "}")
				.andExpect(status().isForbidden());
			send(mvc, post("/api/v1/sharing/requests/" + id + "/extension/decision"), SignIn.as(mvc, "sn-coord"),
					"{\"approve\": true, \"version\": " + version(id) + "}")
				.andExpect(jsonPath("$.request.replyDue").value(calendar.addWorkingDays(calendar.today(), 20).due().toString()));
			send(mvc, post("/api/v1/sharing/requests/" + id + "/extension"), psb(),
					"{\"days\": 1, \"reason\": \"再延期\", \"version\": " + version(id) + "}")
				.andExpect(status().isConflict())
				.andExpect(jsonPath("$.code").value("extension_already_used"))
				.andExpect(jsonPath("$.rule").value("S2"));
		}

		@Test
		@DisplayName("S2 an extension counts only once the coordinator approves it, and only while the request is open")
		void pendingExtensionDoesNotCount() throws Exception {
			String id = filed(conditional());
			LocalDate due = calendar.addWorkingDays(calendar.today(), 10).due();
			send(mvc, post("/api/v1/sharing/requests/" + id + "/extension"), psb(),
					"{\"days\": 10, \"reason\": \"需核对\", \"version\": " + version(id) + "}");
			clock.recomputeDeadlines();
			assertThat(requests.get(java.util.UUID.fromString(id)).orElseThrow().replyDue()).isEqualTo(due);
			send(mvc, post("/api/v1/sharing/requests/" + id + "/refuse"), psb(),
					"{\"category\": \"security\", \"reasons\": \"接口并发能力不足，存在安全风险\", \"version\": " + version(id) + "}")
				.andExpect(jsonPath("$.request.extensionState").value("lapsed"));
			send(mvc, post("/api/v1/sharing/requests/" + id + "/extension/decision"), SignIn.as(mvc, "sn-coord"),
					"{\"approve\": true, \"version\": " + version(id) + "}")
				.andExpect(status().isConflict());
			assertThat(requests.get(java.util.UUID.fromString(id)).orElseThrow().replyDue()).isEqualTo(due);
		}
	}

	@Nested
	@DisplayName("S3 notices and refusals")
	class Refusals {

		@Test
		@DisplayName("S3 a not-shared entry is refused at once, citing its basis")
		void notSharedRefusedAutomatically() throws Exception {
			String entry = CatalogFixtures.published(mvc, entry(name("侦查"), NOT_SHARED));
			file(entry).andExpect(status().isCreated())
				.andExpect(jsonPath("$.request.status").value("refused"))
				.andExpect(jsonPath("$.request.refusalCategory").value("not-shared"))
				.andExpect(jsonPath("$.request.refusalReasons").value(org.hamcrest.Matchers.containsString("刑事诉讼法")));
		}

		@Test
		@DisplayName("S3 one notice lists everything missing; the supplement restarts the clock")
		void oneNotice() throws Exception {
			String id = filed(conditional());
			send(mvc, post("/api/v1/sharing/requests/" + id + "/incomplete"), psb(),
					"{\"missing\": {\"legalBasis\": \"请写明具体条款\", \"useScope\": \"请说明使用范围涉及的区县\"}, \"version\": " + version(id) + "}")
				.andExpect(jsonPath("$.request.status").value("incomplete"))
				.andExpect(jsonPath("$.clock.stage").value("supplement"));
			send(mvc, post("/api/v1/sharing/requests/" + id + "/supplement"), hrss(),
					"{\"request\": " + request(conditional(), system("xa-hrss")) + ", \"version\": " + version(id) + "}")
				.andExpect(jsonPath("$.errors[0].code").value("fixed"));
			String entryId = jdbc.sql("select entry_id::text from shr_request where id = ?::uuid").param(id).query(String.class).single();
			send(mvc, post("/api/v1/sharing/requests/" + id + "/supplement"), hrss(),
					"{\"request\": " + request(entryId, system("xa-hrss")) + ", \"version\": " + version(id) + "}")
				.andExpect(jsonPath("$.request.status").value("submitted"))
				.andExpect(jsonPath("$.request.clockStart").value(calendar.today().toString()));
			send(mvc, post("/api/v1/sharing/requests/" + id + "/incomplete"), psb(),
					"{\"missing\": {\"useCase\": \"再补充\"}, \"version\": " + version(id) + "}")
				.andExpect(status().isConflict())
				.andExpect(jsonPath("$.code").value("incomplete_notice_already_sent"))
				.andExpect(jsonPath("$.rule").value("S3"));
		}

		@Test
		@DisplayName("S3 a refusal needs reasons; C4 an unmet condition must be a published one")
		void refusalNeedsReasons() throws Exception {
			String id = filed(conditional());
			send(mvc, post("/api/v1/sharing/requests/" + id + "/refuse"), psb(), "{\"version\": " + version(id) + "}")
				.andExpect(status().isUnprocessableContent())
				.andExpect(jsonPath("$.code").value("refusal_reasons_required"));
			send(mvc, post("/api/v1/sharing/requests/" + id + "/refuse"), psb(),
					"{\"category\": \"condition-not-met\", \"reasons\": \"须经分管领导签批，本次未附签批件\", \"condition\": 5, \"version\": " + version(id) + "}")
				.andExpect(jsonPath("$.code").value("unpublished_condition"))
				.andExpect(jsonPath("$.rule").value("C4"));
			send(mvc, post("/api/v1/sharing/requests/" + id + "/refuse"), psb(),
					"{\"category\": \"condition-not-met\", \"reasons\": \"申请用途为就业统计，不属于目录载明的社保资格认证用途\", \"condition\": 0, \"version\": " + version(id) + "}")
				.andExpect(jsonPath("$.request.status").value("refused"))
				.andExpect(jsonPath("$.request.refusalCondition").value(0));
		}
	}

	@Nested
	@DisplayName("S4 working days on real 2026 dates")
	class RealDates {

		@Test
		@DisplayName("S4 a request filed on the make-up Saturday before the Spring Festival is due on 6 March 2026")
		void springFestivalRequest() throws Exception {
			String id = filed(conditional());
			jdbc.sql("update shr_request set clock_start = '2026-02-14' where id = ?::uuid").param(id).update();
			clock.recomputeDeadlines();
			assertThat(requests.get(java.util.UUID.fromString(id)).orElseThrow().replyDue()).isEqualTo(LocalDate.parse("2026-03-06"));
		}

		@Test
		@DisplayName("S4 an extension across Mid-Autumn and National Day moves the reply to 21 October 2026")
		void nationalDayExtension() throws Exception {
			String id = filed(conditional());
			// the provider asks in time, the coordinator approves: the clock is now 10 + 10 working days
			send(mvc, post("/api/v1/sharing/requests/" + id + "/extension"), psb(),
					"{\"days\": 10, \"reason\": \"节假日期间无法核对\", \"version\": " + version(id) + "}");
			send(mvc, post("/api/v1/sharing/requests/" + id + "/extension/decision"), SignIn.as(mvc, "sn-coord"),
					"{\"approve\": true, \"version\": " + version(id) + "}")
				.andExpect(jsonPath("$.request.extensionDays").value(10));
			// as if filed on Thursday 17 September 2026: 10 working days end on 8 October, 20 on 21 October
			jdbc.sql("update shr_request set clock_start = '2026-09-17' where id = ?::uuid").param(id).update();
			clock.recomputeDeadlines();
			assertThat(requests.get(java.util.UUID.fromString(id)).orElseThrow().replyDue()).isEqualTo(LocalDate.parse("2026-10-21"));
			assertThat(calendar.addWorkingDays(LocalDate.parse("2026-09-17"), 10).due()).isEqualTo(LocalDate.parse("2026-10-08"));
		}

		@Test
		@DisplayName("S4 a calendar year entered later moves the stored deadlines of open requests, after its commit")
		void calendarChangeMovesDeadlines() throws Exception {
			String id = filed(conditional());
			// as if filed on Monday 2 March 2037, a year without an official notice: provisional, due 16 March
			jdbc.sql("update shr_request set clock_start = '2037-03-02' where id = ?::uuid").param(id).update();
			clock.recomputeDeadlines();
			assertThat(requests.get(java.util.UUID.fromString(id)).orElseThrow())
				.extracting(SharingRequest::replyDue, SharingRequest::replyProvisional)
				.containsExactly(LocalDate.parse("2037-03-16"), true);
			send(mvc, put("/api/v1/calendar/years/2037"), SignIn.as(mvc, "admin"), """
					{"source": "国务院办公厅关于2037年部分节假日安排的通知", "days": [
					  {"date": "2037-03-04", "kind": "day-off", "nameZh": "调休", "nameEn": "Bridge day"}]}""")
				.andExpect(status().isOk());
			// the recompute is an application module listener: it runs after the calendar's commit
			await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
					requests.get(java.util.UUID.fromString(id)).orElseThrow())
				.extracting(SharingRequest::replyDue, SharingRequest::replyProvisional)
				.containsExactly(LocalDate.parse("2037-03-17"), false));
			await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql(
					"select count(*) from audit_entry where action = 'sharing.deadlines.recomputed' and subject_id = '2037'")
				.query(Long.class).single() == 1);
		}
	}

	@Nested
	@DisplayName("S5 delivery and lateness")
	class Delivery {

		@Test
		@DisplayName("S5 approval starts a 20-working-day delivery clock; late replies and deliveries go to the coordinator")
		void deliveryAndEscalation() throws Exception {
			String entry = conditional();
			String id = filed(entry);
			send(mvc, post("/api/v1/sharing/requests/" + id + "/approve"), psb(),
					"{\"rateLimitPerMinute\": 120, \"version\": " + version(id) + "}")
				.andExpect(jsonPath("$.request.status").value("approved"))
				.andExpect(jsonPath("$.request.deliveryDue").value(calendar.addWorkingDays(calendar.today(), 20).due().toString()));
			String late = filed(entry);
			jdbc.sql("update shr_request set reply_due = ? where id = ?::uuid").params(calendar.today().minusDays(3), late).update();
			jdbc.sql("update shr_request set delivery_due = ? where id = ?::uuid").params(calendar.today().minusDays(1), id).update();
			clock.escalateOverdue();
			assertThat(jdbc.sql("select count(*) from shr_request where id in (?::uuid, ?::uuid) and (escalated_at is not null or delivery_escalated_at is not null)")
				.params(late, id).query(Long.class).single()).isEqualTo(2);
			assertThat(clock.escalateOverdue()).as("escalated once").isZero();
			assertThat(jdbc.sql("select count(*) from audit_entry where subject_id in (?, ?) and action like 'request.%.overdue'")
				.params(late, id).query(Long.class).single()).isEqualTo(2);
			MockHttpSession coordinator = SignIn.as(mvc, "sn-coord");
			mvc.perform(get("/api/v1/sharing/requests?escalated=true&size=100").session(coordinator))
				.andExpect(jsonPath("$.content[*].request.id", hasItem(late)))
				.andExpect(jsonPath("$.content[*].request.id", hasItem(id)));
			mvc.perform(get("/api/v1/sharing/requests/" + late).session(hrss()))
				.andExpect(jsonPath("$.clock.overdue").value(true));
			mvc.perform(get("/api/v1/sharing/statistics").session(coordinator))
				.andExpect(jsonPath("$[?(@.overdueReplies > 0)]").exists())
				.andExpect(jsonPath("$[?(@.overdueDeliveries > 0)]").exists());
			send(mvc, post("/api/v1/sharing/requests/" + id + "/delivery"), psb(),
					"{\"method\": \"api\", \"note\": \"接口已开通\", \"version\": " + version(id) + "}")
				.andExpect(jsonPath("$.request.deliveryMethod").value("api"));
			assertThat(jdbc.sql("select details from audit_entry where action = 'request.delivered' and subject_id = ?")
				.param(id).query(String.class).single()).contains("\"inTime\":false");
		}
	}

	@Nested
	@DisplayName("S7 suspension, ending and disposal")
	class Ending {

		String granted() throws Exception {
			String id = filed(conditional());
			send(mvc, post("/api/v1/sharing/requests/" + id + "/approve"), psb(), "{\"version\": " + version(id) + "}");
			return grants.forRequest(java.util.UUID.fromString(id)).orElseThrow().id().toString();
		}

		long grantVersion(String grant) {
			return jdbc.sql("select version from shr_grant where id = ?::uuid").param(grant).query(Long.class).single();
		}

		@Test
		@DisplayName("S7 misuse suspends until corrected; uncorrected by the deadline it ends by itself")
		void suspension() throws Exception {
			String grant = granted();
			send(mvc, post("/api/v1/sharing/grants/" + grant + "/suspend"), psb(),
					"{\"reason\": \"超范围向第三方提供\", \"version\": " + grantVersion(grant) + "}")
				.andExpect(jsonPath("$.status").value("suspended"))
				.andExpect(jsonPath("$.correctionDue").value(calendar.addWorkingDays(calendar.today(), 10).due().toString()));
			assertThat(events.stream(GrantSuspended.class).anyMatch(e -> e.grantId().toString().equals(grant))).isTrue();
			jdbc.sql("update shr_grant set correction_due = ? where id = ?::uuid").params(calendar.today().minusDays(1), grant).update();
			grants.expireAndEnd();
			mvc.perform(get("/api/v1/sharing/grants/" + grant).session(hrss()))
				.andExpect(jsonPath("$.status").value("ended"))
				.andExpect(jsonPath("$.endKind").value("misuse_uncorrected"));
		}

		@Test
		@DisplayName("S7 a provider ends a grant only with reasons and a record of consulting the consumer, filed with the coordinator")
		void providerEnding() throws Exception {
			String grant = granted();
			send(mvc, post("/api/v1/sharing/grants/" + grant + "/end"), psb(),
					"{\"reason\": \"系统迁移\", \"version\": " + grantVersion(grant) + "}")
				.andExpect(status().isUnprocessableContent())
				.andExpect(jsonPath("$.code").value("consultation_required"))
				.andExpect(jsonPath("$.rule").value("S7"));
			send(mvc, post("/api/v1/sharing/grants/" + grant + "/end"), psb(),
					"{\"reason\": \"系统迁移至新平台\", \"consultation\": \"2026-11-20 与西安市人社局电话会商，同意迁移\", \"version\": " + grantVersion(grant) + "}")
				.andExpect(jsonPath("$.status").value("ended"))
				.andExpect(jsonPath("$.filedAt").exists());
			assertThat(events.stream(GrantRevoked.class).anyMatch(e -> e.grantId().toString().equals(grant))).isTrue();
			// S10: the consumer records disposal, kept with the grant
			send(mvc, post("/api/v1/sharing/grants/" + grant + "/disposal"), hrss(),
					"{\"method\": \"deleted\", \"on\": \"" + calendar.today() + "\", \"note\": \"已删除缓存数据\", \"version\": " + grantVersion(grant) + "}")
				.andExpect(jsonPath("$.disposalMethod").value("deleted"))
				.andExpect(jsonPath("$.consumerSystemId").exists())
				.andExpect(jsonPath("$.purpose").value("养老保险待遇领取资格认证"));
		}

		@Test
		@DisplayName("S7 an entry with grants in force cannot be withdrawn")
		void withdrawalBlocked() throws Exception {
			String grant = granted();
			String entry = jdbc.sql("select entry_id::text from shr_grant where id = ?::uuid").param(grant).query(String.class).single();
			long version = jdbc.sql("select version from cat_entry where id = ?::uuid").param(entry).query(Long.class).single();
			send(mvc, post("/api/v1/catalog/entries/" + entry + "/withdraw"), SignIn.as(mvc, "sn-psb-admin"),
					"{\"reason\": \"不再提供\", \"version\": " + version + "}")
				.andExpect(status().isConflict())
				.andExpect(jsonPath("$.code").value("entry_in_use"));
		}

		@Test
		@DisplayName("S7 an entry with requests awaiting a reply cannot be withdrawn either")
		void withdrawalBlockedByOpenRequests() throws Exception {
			String entry = conditional();
			filed(entry);
			long version = jdbc.sql("select version from cat_entry where id = ?::uuid").param(entry).query(Long.class).single();
			send(mvc, post("/api/v1/catalog/entries/" + entry + "/withdraw"), SignIn.as(mvc, "sn-psb-admin"),
					"{\"reason\": \"不再提供\", \"version\": " + version + "}")
				.andExpect(status().isConflict())
				.andExpect(jsonPath("$.blockers[0]").value(org.hamcrest.Matchers.containsString("request")));
		}

		@Test
		@DisplayName("S7 grants past their validity expire")
		void expiry() throws Exception {
			String grant = granted();
			jdbc.sql("update shr_grant set valid_to = ? where id = ?::uuid").params(calendar.today().minusDays(1), grant).update();
			grants.expireAndEnd();
			assertThat(grants.get(new GrantId(java.util.UUID.fromString(grant))).orElseThrow().status()).isEqualTo(GrantStatus.EXPIRED);
			assertThat(events.stream(GrantExpired.class).anyMatch(e -> e.grantId().toString().equals(grant))).isTrue();
		}
	}

	@Nested
	@DisplayName("S6 S10 what the exchange enforces and records")
	class ForTheExchange {

		@Test
		@DisplayName("S6 a grant event names the consumer system, the allowed items, the purpose, the validity and the rate limit")
		void grantEventCarriesTheScope() throws Exception {
			String id = filed(conditional());
			send(mvc, post("/api/v1/sharing/requests/" + id + "/approve"), psb(),
					"{\"rateLimitPerMinute\": 60, \"version\": " + version(id) + "}");
			GrantIssued issued = events.stream(GrantIssued.class)
				.filter(e -> grants.get(new GrantId(e.grantId())).orElseThrow().requestId().toString().equals(id))
				.findFirst()
				.orElseThrow();
			assertThat(issued.consumerSystemId().toString()).isEqualTo(system("xa-hrss"));
			assertThat(issued.items()).containsExactly("公民身份号码", "姓名");
			assertThat(issued.purpose()).isEqualTo("养老保险待遇领取资格认证");
			assertThat(issued.validFrom()).isEqualTo(calendar.today());
			assertThat(issued.validTo()).isEqualTo(calendar.today().plusYears(1));
			assertThat(issued.rateLimitPerMinute()).isEqualTo(60);
		}

		@Test
		@DisplayName("S10 every grant is attributable to a consumer system, its department and a purpose, and its history is in the audit chain")
		void attributable() throws Exception {
			String id = filed(conditional());
			send(mvc, post("/api/v1/sharing/requests/" + id + "/approve"), psb(), "{\"version\": " + version(id) + "}");
			Grant grant = grants.forRequest(java.util.UUID.fromString(id)).orElseThrow();
			assertThat(grant.consumerAgencyId().toString()).isEqualTo(directory
				.agencyByCreditCode(DemoOrganization.agency("xa-hrss").creditCode()).orElseThrow().id().toString());
			assertThat(grant.consumerSystemId().toString()).isEqualTo(system("xa-hrss"));
			assertThat(grant.purpose()).isNotBlank();
			assertThat(jdbc.sql("select count(*) from audit_entry where subject_type = 'grant' and subject_id = ? and action = 'grant.issued'")
				.param(grant.id().toString()).query(Long.class).single()).isEqualTo(1);
		}
	}

	@Nested
	@DisplayName("S8 data quality")
	class Quality {

		@Test
		@DisplayName("S8 a consumer asks for a check; the provider answers within 10 working days; open checks show on the entry")
		void qualityCheck() throws Exception {
			String entry = CatalogFixtures.published(mvc, entry(name("人口"), UNCONDITIONAL));
			String check = "{\"entryId\": \"" + entry + "\", \"items\": [\"户籍地址\"], \"description\": \"部分地址缺少门牌号，例如雁塔区某小区\"}";
			send(mvc, post("/api/v1/sharing/quality-checks"), hrss(), check)
				.andExpect(status().isForbidden())
				.andExpect(jsonPath("$.rule").value("S8"));
			file(entry).andExpect(status().isCreated());
			String body = send(mvc, post("/api/v1/sharing/quality-checks"), hrss(), check)
				.andExpect(status().isCreated())
				.andExpect(jsonPath("$.due").value(calendar.addWorkingDays(calendar.today(), 10).due().toString()))
				.andReturn().getResponse().getContentAsString();
			String id = JsonPath.read(body, "$.id");
			mvc.perform(get("/api/v1/sharing/quality-checks?entryId=" + entry).session(SignIn.as(mvc, "yt-civil-staff")))
				.andExpect(jsonPath("$[0].status").value("open"));
			send(mvc, post("/api/v1/sharing/quality-checks/" + id + "/answer"), hrss(),
					"{\"outcome\": \"corrected\", \"answer\": \"x\", \"version\": 0}")
				.andExpect(status().isForbidden());
			send(mvc, post("/api/v1/sharing/quality-checks/" + id + "/answer"), psb(),
					"{\"outcome\": \"corrected\", \"answer\": \"已补全门牌号\", \"version\": 0}")
				.andExpect(jsonPath("$.status").value("corrected"));
		}
	}

	@Nested
	@DisplayName("S9 disputes by tier")
	class Disputing {

		@Test
		@DisplayName("S9 negotiation first, then the common higher-level coordinator decides across levels")
		void tiers() throws Exception {
			String id = filed(conditional());
			send(mvc, post("/api/v1/sharing/requests/" + id + "/refuse"), psb(),
					"{\"category\": \"security\", \"reasons\": \"接口并发能力不足，存在安全风险\", \"version\": " + version(id) + "}");
			String body = send(mvc, post("/api/v1/sharing/requests/" + id + "/disputes"), hrss(),
					"{\"grounds\": \"安全风险可通过限流解决\", \"version\": " + version(id) + "}")
				.andExpect(status().isCreated())
				.andExpect(jsonPath("$.tier").value("negotiation"))
				.andExpect(jsonPath("$.coordinatorDivision").value("610000"))
				.andReturn().getResponse().getContentAsString();
			String dispute = JsonPath.read(body, "$.id");
			send(mvc, post("/api/v1/sharing/disputes/" + dispute + "/resolve"), SignIn.as(mvc, "sn-coord"),
					"{\"outcome\": \"sharing-ordered\", \"resolution\": \"予以共享\", \"version\": 0}")
				.andExpect(status().isForbidden());
			send(mvc, post("/api/v1/sharing/disputes/" + dispute + "/escalate"), hrss(), "{\"note\": \"协商未果\", \"version\": 0}")
				.andExpect(jsonPath("$.tier").value("higher-coordinator"));
			send(mvc, post("/api/v1/sharing/disputes/" + dispute + "/resolve"), SignIn.as(mvc, "xa-coord"),
					"{\"outcome\": \"sharing-ordered\", \"resolution\": \"予以共享\", \"version\": 1}")
				.andExpect(status().isForbidden());
			mvc.perform(get("/api/v1/sharing/disputes?mine=true").session(SignIn.as(mvc, "sn-coord")))
				.andExpect(jsonPath("$[*].id", hasItem(dispute)));
			send(mvc, post("/api/v1/sharing/disputes/" + dispute + "/resolve"), SignIn.as(mvc, "sn-coord"),
					"{\"outcome\": \"sharing-ordered\", \"resolution\": \"设置每分钟120次限流后予以共享\", \"version\": 1}")
				.andExpect(jsonPath("$.outcome").value("sharing-ordered"));
			mvc.perform(get("/api/v1/sharing/requests/" + id).session(hrss()))
				.andExpect(jsonPath("$.request.status").value("approved"));
			assertThat(grants.forRequest(java.util.UUID.fromString(id))).isPresent();
		}

		@Test
		@DisplayName("S9 a refusal upheld by the coordinator stands: the dispute cannot be opened again")
		void decidedDisputeStands() throws Exception {
			String id = filed(conditional());
			send(mvc, post("/api/v1/sharing/requests/" + id + "/refuse"), psb(),
					"{\"category\": \"security\", \"reasons\": \"接口并发能力不足，存在安全风险\", \"version\": " + version(id) + "}");
			String body = send(mvc, post("/api/v1/sharing/requests/" + id + "/disputes"), hrss(),
					"{\"grounds\": \"可以限流\", \"version\": " + version(id) + "}").andReturn().getResponse().getContentAsString();
			String dispute = JsonPath.read(body, "$.id");
			send(mvc, post("/api/v1/sharing/disputes/" + dispute + "/escalate"), psb(), "{\"version\": 0}");
			send(mvc, post("/api/v1/sharing/disputes/" + dispute + "/resolve"), SignIn.as(mvc, "sn-coord"),
					"{\"outcome\": \"refusal-upheld\", \"resolution\": \"安全评估未通过\", \"version\": 1}")
				.andExpect(jsonPath("$.outcome").value("refusal-upheld"));
			send(mvc, post("/api/v1/sharing/requests/" + id + "/disputes"), hrss(),
					"{\"grounds\": \"再次申请\", \"version\": " + version(id) + "}")
				.andExpect(status().isConflict())
				.andExpect(jsonPath("$.code").value("dispute_wrong_state"));
		}

		@Test
		@DisplayName("S9 departments of one division take their dispute to that division's coordinator")
		void sameLevel() {
			assertThat(DisputeProcedure.commonDivision("610113", "610113")).isEqualTo("610113");
			assertThat(DisputeProcedure.commonDivision("610113", "610100")).isEqualTo("610100");
			assertThat(DisputeProcedure.commonDivision("610113", "610103")).isEqualTo("610100");
			assertThat(DisputeProcedure.commonDivision("610113", "610302")).isEqualTo("610000");
		}
	}

	@Nested
	@DisplayName("S11 sharing downward")
	class Downward {

		@Test
		@DisplayName("S11 a provincial provider returns data to a county agency's system; not sideways")
		void returnData() throws Exception {
			String entry = conditional();
			String body = send(mvc, post("/api/v1/sharing/returns"), psb(), """
					{"entryId": "%s", "consumerSystemId": "%s", "items": ["姓名", "户籍地址"], "purpose": "社会救助对象核对",
					 "periodTo": "%s"}""".formatted(entry, system("yt-civil"), calendar.today().plusYears(1)))
				.andExpect(status().isCreated())
				.andExpect(jsonPath("$.request.kind").value("return"))
				.andExpect(jsonPath("$.request.status").value("approved"))
				.andReturn().getResponse().getContentAsString();
			assertThat(grants.forRequest(java.util.UUID.fromString(JsonPath.read(body, "$.request.id")))).isPresent();
			send(mvc, post("/api/v1/sharing/returns"), psb(), """
					{"entryId": "%s", "consumerSystemId": "%s", "items": ["姓名"], "purpose": "核对",
					 "periodTo": "%s"}""".formatted(entry, system("sn-hrss"), calendar.today().plusYears(1)))
				.andExpect(status().isUnprocessableContent())
				.andExpect(jsonPath("$.code").value("return_not_downward"))
				.andExpect(jsonPath("$.rule").value("S11"));
			String notShared = CatalogFixtures.published(mvc, entry(name("侦查"), NOT_SHARED));
			send(mvc, post("/api/v1/sharing/returns"), psb(), """
					{"entryId": "%s", "consumerSystemId": "%s", "items": ["姓名"], "purpose": "核对",
					 "periodTo": "%s"}""".formatted(notShared, system("yt-civil"), calendar.today().plusYears(1)))
				.andExpect(jsonPath("$.code").value("entry_not_requestable"));
		}

		@Test
		@DisplayName("S11 a county agency requests a provincial entry like anyone else")
		void countyRequests() throws Exception {
			String entry = CatalogFixtures.published(mvc, entry(name("人口"), UNCONDITIONAL));
			send(mvc, post("/api/v1/sharing/requests"), SignIn.as(mvc, "yt-civil-staff"), request(entry, system("yt-civil")))
				.andExpect(jsonPath("$.request.status").value("approved"));
		}
	}
}
