package org.unigov.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.unigov.catalog.CatalogFixtures.name;
import static org.unigov.catalog.CatalogFixtures.send;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.support.TransactionTemplate;
import org.unigov.SignIn;
import org.unigov.UnigovTest;
import org.unigov.audit.AuditJournal;
import org.unigov.calendar.WorkingCalendar;
import org.unigov.organization.DemoOrganization;
import org.unigov.organization.OrganizationDirectory;
import org.unigov.projects.ReviewAwaited;
import org.unigov.sharing.internal.DeadlineClock;

/**
 * Telling people they have work, on the real application: the provincial public security
 * department is told of a request it received and sees it on its to-do list; the requester is told
 * of the answer; reviewers are told of projects awaiting them; only the recipient reads or marks a
 * notification, and marking is audited.
 */
@UnigovTest
class NotificationsIntegrationTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	WorkingCalendar calendar;

	@Autowired
	OrganizationDirectory directory;

	@Autowired
	DeadlineClock clock;

	@Autowired
	AuditJournal journal;

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	org.unigov.notifications.internal.DeadlineReminders reminders;

	String filed(String entryName) throws Exception {
		String entry = NotificationFixtures.conditionalEntry(mvc, entryName);
		return NotificationFixtures.fileRequest(mvc, jdbc, directory, calendar, entry);
	}

	String number(String requestId) {
		return jdbc.sql("select number from shr_request where id = ?::uuid").param(requestId).query(String.class).single();
	}

	/** The id of {@code username}'s notification about {@code subjectId} of {@code kind}. */
	String notificationOf(MockHttpSession session, String subjectId, String kind) throws Exception {
		String body = mvc.perform(get("/api/v1/notifications").param("size", "100").session(session))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		List<String> ids = JsonPath.read(body,
				"$.content[?(@.subjectId == '" + subjectId + "' && @.kind == '" + kind + "')].id");
		assertThat(ids).as(body).hasSize(1);
		return ids.getFirst();
	}

	long projectVersion(String id) {
		return jdbc.sql("select version from prj_project where id = ?::uuid").param(id).query(Long.class).single();
	}

	long unread(MockHttpSession session) throws Exception {
		String body = mvc.perform(get("/api/v1/notifications/unread-count").session(session))
			.andReturn()
			.getResponse()
			.getContentAsString();
		return ((Number) JsonPath.read(body, "$.unread")).longValue();
	}

	@Nested
	@DisplayName("in-app notifications")
	class InApp {

		@Test
		@DisplayName("S2 a provider's staff are told of a request they received, with the entry's name and the reply deadline")
		void providerIsTold() throws Exception {
			String entryName = name("通知户籍");
			MockHttpSession psb = SignIn.as(mvc, "sn-psb-staff");
			long before = unread(psb);
			String request = filed(entryName);
			String id = notificationOf(psb, request, "request-received");
			String due = jdbc.sql("select reply_due::text from shr_request where id = ?::uuid").param(request)
				.query(String.class).single();
			mvc.perform(get("/api/v1/notifications/" + id).session(psb))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.title").value("收到共享申请 " + number(request) + "（" + entryName + "），请于 " + due + " 前答复"))
				.andExpect(jsonPath("$.link").value("/sharing/requests/" + request))
				.andExpect(jsonPath("$.unread").value(true));
			assertThat(unread(psb)).isEqualTo(before + 1);
			// the agency admin is told too; the requester is not
			notificationOf(SignIn.as(mvc, "sn-psb-admin"), request, "request-received");
			String mine = mvc.perform(get("/api/v1/notifications").param("size", "100").session(SignIn.as(mvc, "xa-hrss-staff")))
				.andReturn().getResponse().getContentAsString();
			assertThat((List<?>) JsonPath.read(mine, "$.content[?(@.subjectId == '" + request + "' && @.kind == 'request-received')]"))
				.isEmpty();
		}

		@Test
		@DisplayName("the requester is told of the provider's answer")
		void requesterIsToldOfTheAnswer() throws Exception {
			String request = filed(name("通知答复"));
			long version = jdbc.sql("select version from shr_request where id = ?::uuid").param(request).query(Long.class).single();
			send(mvc, post("/api/v1/sharing/requests/" + request + "/approve"), SignIn.as(mvc, "sn-psb-staff"),
					"{\"version\": " + version + "}").andExpect(status().isOk());
			MockHttpSession hrss = SignIn.as(mvc, "xa-hrss-staff");
			String id = notificationOf(hrss, request, "request-answered");
			mvc.perform(get("/api/v1/notifications/" + id).session(hrss))
				.andExpect(jsonPath("$.title").value(org.hamcrest.Matchers.endsWith("已答复：同意")));
			mvc.perform(get("/api/v1/notifications/" + id).session(hrss).locale(java.util.Locale.ENGLISH))
				.andExpect(jsonPath("$.title").value(org.hamcrest.Matchers.endsWith("was answered: approved")));
		}

		@Test
		@DisplayName("S5 an overdue reply is told to the provider and to the coordinator of its division")
		void overdueIsTold() throws Exception {
			String request = filed(name("通知超期"));
			jdbc.sql("update shr_request set reply_due = ? where id = ?::uuid")
				.params(calendar.today().minusDays(3), request)
				.update();
			clock.escalateOverdue();
			notificationOf(SignIn.as(mvc, "sn-psb-staff"), request, "request-overdue");
			notificationOf(SignIn.as(mvc, "sn-coord"), request, "request-overdue");
		}

		@Test
		@DisplayName("S2 a reply due within two working days is reminded once to the provider's staff")
		void dueSoonReminded() throws Exception {
			String request = filed(name("通知临期"));
			LocalDate due = calendar.addWorkingDays(calendar.today(), 1).due();
			jdbc.sql("update shr_request set reply_due = ? where id = ?::uuid").params(due, request).update();
			reminders.remind();
			MockHttpSession psb = SignIn.as(mvc, "sn-psb-staff");
			String id = notificationOf(psb, request, "reply-due-soon");
			mvc.perform(get("/api/v1/notifications/" + id).session(psb))
				.andExpect(jsonPath("$.title").value(org.hamcrest.Matchers.endsWith("将于 " + due + " 到期，请及时答复")));
			reminders.remind();
			notificationOf(psb, request, "reply-due-soon");
			// a reply due later is not reminded yet
			String later = filed(name("通知远期"));
			reminders.remind();
			String body = mvc.perform(get("/api/v1/notifications").param("size", "100").session(psb))
				.andReturn().getResponse().getContentAsString();
			assertThat((List<?>) JsonPath.read(body, "$.content[?(@.subjectId == '" + later + "' && @.kind == 'reply-due-soon')]"))
				.isEmpty();
		}

		@Test
		@DisplayName("P5 a submitted project is told to its reviewers, and its return to the proposing agency")
		void projectReviewIsTold() throws Exception {
			MockHttpSession civil = SignIn.as(mvc, "yt-civil-admin");
			String project = org.unigov.projects.ProjectFixtures.created(mvc, civil, org.unigov.projects.ProjectFixtures.proposal());
			send(mvc, post("/api/v1/projects/" + project + "/submit"), civil, "{\"version\": " + projectVersion(project) + "}")
				.andExpect(status().isOk());
			MockHttpSession coord = SignIn.as(mvc, "yt-coord");
			String id = notificationOf(coord, project, "review-awaited");
			mvc.perform(get("/api/v1/notifications/" + id).session(coord))
				.andExpect(jsonPath("$.title").value(org.hamcrest.Matchers.startsWith("项目 雁塔区社区老年学堂课程管理系统（")));
			notificationOf(SignIn.as(mvc, "yt-auditor"), project, "review-awaited");
			send(mvc, post("/api/v1/projects/" + project + "/decision"), coord,
					"{\"decision\": \"return\", \"comment\": \"请补充课程数据来源\", \"version\": " + projectVersion(project) + "}")
				.andExpect(status().isOk());
			String decided = notificationOf(SignIn.as(mvc, "yt-civil-staff"), project, "project-decided");
			mvc.perform(get("/api/v1/notifications/" + decided).session(SignIn.as(mvc, "yt-civil-staff")))
				.andExpect(jsonPath("$.title").value(org.hamcrest.Matchers.endsWith("审查结果：退回修改")));
		}

		@Test
		@DisplayName("P5 the coordinators of the reviewing division are told a project awaits them; auditors of a budget review")
		void reviewersAreTold() throws Exception {
			UUID project = UUID.randomUUID();
			String agency = directory.agencyByCreditCode(DemoOrganization.agency("xa-hrss").creditCode()).orElseThrow().id().toString();
			transactions.executeWithoutResult(tx -> {
				events.publishEvent(new ReviewAwaited(project, "XM-T-1", "社保一网通办平台", UUID.fromString(agency), "610000",
						"approval", LocalDate.of(2026, 12, 18)));
				events.publishEvent(new ReviewAwaited(project, "XM-T-1", "社保一网通办平台", UUID.fromString(agency), "610000",
						"budget", LocalDate.of(2026, 12, 18)));
			});
			String id = notificationOf(SignIn.as(mvc, "sn-coord"), project.toString(), "review-awaited");
			mvc.perform(get("/api/v1/notifications/" + id).session(SignIn.as(mvc, "sn-coord")))
				.andExpect(jsonPath("$.title").value("项目 社保一网通办平台（XM-T-1）待您审查，请于 2026-12-18 前办理"))
				.andExpect(jsonPath("$.link").value("/projects/" + project));
			notificationOf(SignIn.as(mvc, "sn-auditor"), project.toString(), "review-awaited");
			// a city coordinator is not a reviewer of a provincial step
			String xa = mvc.perform(get("/api/v1/notifications").param("size", "100").session(SignIn.as(mvc, "xa-coord")))
				.andReturn().getResponse().getContentAsString();
			assertThat((List<?>) JsonPath.read(xa, "$.content[?(@.subjectId == '" + project + "')]")).isEmpty();
		}
	}

	@Nested
	@DisplayName("reading and marking")
	class Marking {

		@Test
		@DisplayName("only the recipient reads or marks a notification: anyone else gets 404 notification_not_found")
		void onlyTheRecipient() throws Exception {
			String request = filed(name("通知权限"));
			String id = notificationOf(SignIn.as(mvc, "sn-psb-staff"), request, "request-received");
			MockHttpSession other = SignIn.as(mvc, "xa-hrss-staff");
			mvc.perform(get("/api/v1/notifications/" + id).session(other))
				.andExpect(status().isNotFound())
				.andExpect(jsonPath("$.code").value("notification_not_found"));
			mvc.perform(post("/api/v1/notifications/" + id + "/read").session(other).with(csrf()))
				.andExpect(status().isNotFound())
				.andExpect(jsonPath("$.code").value("notification_not_found"));
			mvc.perform(post("/api/v1/notifications/" + id + "/read").session(SignIn.as(mvc, "admin")).with(csrf()))
				.andExpect(status().isNotFound());
			mvc.perform(get("/api/v1/notifications/" + id).session(SignIn.as(mvc, "sn-psb-staff")))
				.andExpect(jsonPath("$.unread").value(true));
			mvc.perform(get("/api/v1/notifications")).andExpect(status().isUnauthorized());
		}

		@Test
		@DisplayName("marking one read is audited and lowers the unread count; marking all read clears it")
		void markReadAudited() throws Exception {
			String first = filed(name("通知已读"));
			filed(name("通知全部已读"));
			MockHttpSession psb = SignIn.as(mvc, "sn-psb-admin");
			String id = notificationOf(psb, first, "request-received");
			long before = unread(psb);
			mvc.perform(post("/api/v1/notifications/" + id + "/read").session(psb).with(csrf()))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.unread").value(false));
			assertThat(unread(psb)).isEqualTo(before - 1);
			assertThat(journal.history("notification", id)).singleElement()
				.satisfies(e -> assertThat(e.action()).isEqualTo("notification.read"));
			// marking again changes nothing and audits nothing
			mvc.perform(post("/api/v1/notifications/" + id + "/read").session(psb).with(csrf())).andExpect(status().isOk());
			assertThat(journal.history("notification", id)).hasSize(1);
			mvc.perform(post("/api/v1/notifications/read-all").session(psb).with(csrf()))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.marked").value((int) (before - 1)));
			assertThat(unread(psb)).isZero();
			assertThat(journal.history("notification-inbox", "sn-psb-admin")).isNotEmpty();
		}

		@Test
		@DisplayName("the notifications page opens one (marked read) and goes where the work is done")
		void pageOpens() throws Exception {
			String request = filed(name("通知页面"));
			MockHttpSession psb = SignIn.as(mvc, "sn-psb-staff");
			String id = notificationOf(psb, request, "request-received");
			String page = mvc.perform(get("/notifications").session(psb)).andExpect(status().isOk())
				.andReturn().getResponse().getContentAsString();
			assertThat(page).contains(number(request)).contains("id=\"unread-count\"");
			mvc.perform(post("/notifications/" + id + "/open").session(psb).with(csrf()))
				.andExpect(status().is3xxRedirection())
				.andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl("/sharing/requests/" + request));
			mvc.perform(get("/api/v1/notifications/" + id).session(psb)).andExpect(jsonPath("$.unread").value(false));
		}

		@Test
		@DisplayName("an e-mail address is validated (422 mail_address_invalid), saved and audited")
		void mailbox() throws Exception {
			MockHttpSession bj = SignIn.as(mvc, "bj-nr-staff");
			mvc.perform(put("/api/v1/notifications/mailbox").session(bj).with(csrf())
				.contentType(MediaType.APPLICATION_JSON).content("{\"address\": \"not an address\"}"))
				.andExpect(status().isUnprocessableContent())
				.andExpect(jsonPath("$.code").value("mail_address_invalid"));
			mvc.perform(put("/api/v1/notifications/mailbox").session(bj).with(csrf())
				.contentType(MediaType.APPLICATION_JSON).content("{\"address\": \" xuqing@bj.example.gov.cn \"}"))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.address").value("xuqing@bj.example.gov.cn"))
				.andExpect(jsonPath("$.enabled").value(true));
			assertThat(journal.history("notification-inbox", "bj-nr-staff"))
				.anySatisfy(e -> assertThat(e.action()).isEqualTo("notification.mailbox.set"));
		}
	}

	@Nested
	@DisplayName("the to-do list")
	class ToDo {

		@Test
		@DisplayName("S2 a provider's home page lists the request to answer: entry name, requester, due date, link")
		void providerToDo() throws Exception {
			String entryName = name("待办户籍");
			String request = filed(entryName);
			String home = mvc.perform(get("/").session(SignIn.as(mvc, "sn-psb-staff")))
				.andExpect(status().isOk())
				.andReturn()
				.getResponse()
				.getContentAsString();
			String due = jdbc.sql("select reply_due::text from shr_request where id = ?::uuid").param(request)
				.query(String.class).single();
			assertThat(home).contains("待办事项").contains("答复共享申请").contains(entryName).contains(number(request))
				.contains("西安市人力资源和社会保障局").contains(due).contains("/sharing/requests/" + request);
		}

		@Test
		@DisplayName("overdue items come first and are marked overdue")
		void overdueFirst() throws Exception {
			String late = filed(name("待办超期"));
			filed(name("待办按期"));
			jdbc.sql("update shr_request set reply_due = ? where id = ?::uuid")
				.params(calendar.today().minusDays(1), late)
				.update();
			String todo = mvc.perform(get("/api/v1/notifications/todo").session(SignIn.as(mvc, "sn-psb-staff")))
				.andExpect(status().isOk())
				.andReturn()
				.getResponse()
				.getContentAsString();
			assertThat((Boolean) JsonPath.read(todo, "$[0].overdue")).isTrue();
			List<Map<String, Object>> items = JsonPath.read(todo, "$[*]");
			int firstOnTime = items.stream().map(i -> (Boolean) i.get("overdue")).toList().indexOf(false);
			assertThat(items.subList(firstOnTime, items.size())).allSatisfy(i -> assertThat(i.get("overdue")).isEqualTo(false));
			assertThat((List<String>) JsonPath.read(todo, "$[?(@.overdue == true)].ref")).contains(number(late));
		}

		@Test
		@DisplayName("a person with nothing waiting sees the empty state")
		void empty() throws Exception {
			String home = mvc.perform(get("/").session(SignIn.as(mvc, "wb-coord")))
				.andExpect(status().isOk())
				.andReturn()
				.getResponse()
				.getContentAsString();
			assertThat(home).contains("id=\"todo-empty\"").contains("目前没有等待您办理的事项");
		}
	}

	@Nested
	@DisplayName("quality checks and disputes reach whoever must act")
	class ChecksAndDisputes {

		@Test
		@DisplayName("S8 the provider's staff are told of a quality check on their entry, with its deadline")
		void qualityCheck() throws Exception {
			String entryName = name("通知核查");
			String entry = org.unigov.catalog.CatalogFixtures.published(mvc,
					org.unigov.catalog.CatalogFixtures.entry(entryName, org.unigov.catalog.CatalogFixtures.UNCONDITIONAL));
			NotificationFixtures.fileRequest(mvc, jdbc, directory, calendar, entry);
			String body = send(mvc, post("/api/v1/sharing/quality-checks"), SignIn.as(mvc, "xa-hrss-staff"),
					"{\"entryId\": \"" + entry + "\", \"items\": [\"户籍地址\"], \"description\": \"部分地址缺少门牌号，例如雁塔区某小区\"}")
				.andExpect(status().isCreated())
				.andReturn().getResponse().getContentAsString();
			String check = JsonPath.read(body, "$.id");
			String due = JsonPath.read(body, "$.due");
			String code = JsonPath.read(body, "$.entryCode");
			MockHttpSession psb = SignIn.as(mvc, "sn-psb-staff");
			String id = notificationOf(psb, check, "quality-check-requested");
			mvc.perform(get("/api/v1/notifications/" + id).session(psb))
				.andExpect(jsonPath("$.title").value("数据资源 " + entryName + "（" + code + "）收到数据质量核查要求，请于 " + due + " 前核实答复"))
				.andExpect(jsonPath("$.link").value("/catalog/entries/" + entry));
		}

		@Test
		@DisplayName("S9 a dispute opened is the provider's to negotiate; taken up a tier, the deciding coordinators are told")
		void dispute() throws Exception {
			String entryName = name("通知异议");
			String request = filed(entryName);
			send(mvc, post("/api/v1/sharing/requests/" + request + "/refuse"), SignIn.as(mvc, "sn-psb-staff"),
					"{\"category\": \"security\", \"reasons\": \"接口并发能力不足，存在安全风险\", \"version\": "
							+ requestVersion(request) + "}")
				.andExpect(status().isOk());
			MockHttpSession hrss = SignIn.as(mvc, "xa-hrss-staff");
			String body = send(mvc, post("/api/v1/sharing/requests/" + request + "/disputes"), hrss,
					"{\"grounds\": \"安全风险可通过限流解决\", \"version\": " + requestVersion(request) + "}")
				.andExpect(status().isCreated())
				.andReturn().getResponse().getContentAsString();
			String dispute = JsonPath.read(body, "$.id");
			MockHttpSession psb = SignIn.as(mvc, "sn-psb-staff");
			String opened = notificationOf(psb, request, "dispute-opened");
			mvc.perform(get("/api/v1/notifications/" + opened).session(psb))
				.andExpect(jsonPath("$.title").value("共享申请 " + number(request) + "（" + entryName + "）的申请部门提出异议，请与其协商处理"));
			MockHttpSession coordinator = SignIn.as(mvc, "sn-coord");
			long before = unread(coordinator);
			send(mvc, post("/api/v1/sharing/disputes/" + dispute + "/escalate"), hrss, "{\"note\": \"协商未果\", \"version\": 0}")
				.andExpect(jsonPath("$.tier").value("higher-coordinator"));
			String escalated = notificationOf(coordinator, request, "dispute-escalated");
			mvc.perform(get("/api/v1/notifications/" + escalated).session(coordinator))
				.andExpect(jsonPath("$.title").value("共享申请 " + number(request) + "（" + entryName + "）的异议已提交 共同上级共享主管部门协调，请办理"));
			assertThat(unread(coordinator)).isEqualTo(before + 1);
		}

		long requestVersion(String requestId) {
			return jdbc.sql("select version from shr_request where id = ?::uuid").param(requestId).query(Long.class).single();
		}
	}
}
