package org.unigov.catalog;

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
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.unigov.SignIn;
import org.unigov.UnigovTest;
import org.unigov.calendar.WorkingCalendar;

/** The catalog rules C1-C8 on the real application and database, plus data elements and search. */
@UnigovTest
class CatalogIntegrationTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	WorkingCalendar calendar;

	MockHttpSession psb() throws Exception {
		return SignIn.as(mvc, "sn-psb-staff");
	}

	String created(String json) throws Exception {
		String body = send(mvc, post("/api/v1/catalog/entries"), psb(), json).andExpect(status().isCreated())
			.andReturn().getResponse().getContentAsString();
		return JsonPath.read(body, "$.entry.id");
	}

	long entries(String name) {
		return jdbc.sql("select count(*) from cat_entry where name = ?").param(name).query(Long.class).single();
	}

	@Nested
	@DisplayName("C1 secret data")
	class Secrets {

		@Test
		@DisplayName("C1 an entry marked state or work secret is refused and nothing is stored")
		void secretRefused() throws Exception {
			String n = name("涉密名单");
			for (String secrecy : new String[] { "state-secret", "work-secret" }) {
				send(mvc, post("/api/v1/catalog/entries"), psb(), entry(n, UNCONDITIONAL).replace("\"secrecy\": \"none\"",
						"\"secrecy\": \"" + secrecy + "\""))
					.andExpect(status().isUnprocessableContent())
					.andExpect(jsonPath("$.code").value("secret_data_refused"))
					.andExpect(jsonPath("$.rule").value("C1"));
			}
			assertThat(entries(n)).isZero();
		}
	}

	@Nested
	@DisplayName("C2 lifecycle")
	class Lifecycle {

		@Test
		@DisplayName("C2 draft, submitted, returned with a comment, published to all, revised with each revision kept")
		void lifecycle() throws Exception {
			String n = name("户籍人口信息");
			String id = created(entry(n, CONDITIONAL));
			assertThat(jdbc.sql("select code from cat_entry where id = ?::uuid").param(id).query(String.class).single())
				.matches("101/\\d{5}");
			// a draft is the department's own
			mvc.perform(get("/api/v1/catalog/entries/" + id).session(SignIn.as(mvc, "xa-hrss-staff")))
				.andExpect(status().isNotFound());
			send(mvc, post("/api/v1/catalog/entries/" + id + "/submit"), psb(), "{\"version\": 0}")
				.andExpect(jsonPath("$.entry.status").value("submitted"));
			// reviewed by the coordinator of the provider's own level only
			send(mvc, post("/api/v1/catalog/entries/" + id + "/review"), SignIn.as(mvc, "xa-coord"),
					"{\"decision\": \"approve\", \"version\": 1}")
				.andExpect(status().isNotFound());
			MockHttpSession coordinator = SignIn.as(mvc, "sn-coord");
			send(mvc, post("/api/v1/catalog/entries/" + id + "/review"), coordinator, "{\"decision\": \"return\", \"version\": 1}")
				.andExpect(status().isUnprocessableContent())
				.andExpect(jsonPath("$.code").value("comment_required"));
			send(mvc, post("/api/v1/catalog/entries/" + id + "/review"), coordinator,
					"{\"decision\": \"return\", \"comment\": \"请补充英文名称\", \"version\": 1}")
				.andExpect(jsonPath("$.status").value("draft"));
			send(mvc, post("/api/v1/catalog/entries/" + id + "/submit"), psb(), "{\"version\": 2}");
			send(mvc, post("/api/v1/catalog/entries/" + id + "/review"), coordinator, "{\"decision\": \"approve\", \"version\": 3}")
				.andExpect(jsonPath("$.status").value("published"))
				.andExpect(jsonPath("$.publishedRevision").value(1));
			mvc.perform(get("/api/v1/catalog/entries/" + id).session(SignIn.as(mvc, "xa-hrss-staff")))
				.andExpect(status().isOk());
			// a revision is prepared beside the published one, which stays in force
			send(mvc, put("/api/v1/catalog/entries/" + id + "?version=4"), psb(),
					entry(n, CONDITIONAL).replace("户籍人口基础信息", "户籍人口基础信息（新版）"))
				.andExpect(jsonPath("$.entry.workingRevision").value(2))
				.andExpect(jsonPath("$.entry.content.summary").value(org.hamcrest.Matchers.startsWith("户籍人口基础信息，")));
			send(mvc, post("/api/v1/catalog/entries/" + id + "/submit"), psb(), "{\"version\": 5}");
			send(mvc, post("/api/v1/catalog/entries/" + id + "/review"), coordinator, "{\"decision\": \"approve\", \"version\": 6}")
				.andExpect(jsonPath("$.publishedRevision").value(2))
				.andExpect(jsonPath("$.content.summary").value(org.hamcrest.Matchers.startsWith("户籍人口基础信息（新版）")));
			mvc.perform(get("/api/v1/catalog/entries/" + id + "/revisions").session(psb()))
				.andExpect(jsonPath("$[0].state").value("published"))
				.andExpect(jsonPath("$[1].state").value("superseded"));
			mvc.perform(get("/api/v1/catalog/entries/" + id + "/history").session(coordinator))
				.andExpect(jsonPath("$[*].action", hasItem("entry.returned")))
				.andExpect(jsonPath("$[*].action", hasItem("entry.published")))
				.andExpect(jsonPath("$[*].action", hasItem("entry.created")));
		}

		@Test
		@DisplayName("C2 other departments see only what was published: no drafts, comments or history")
		void othersSeePublishedRevisionsOnly() throws Exception {
			String n = name("人口");
			String id = CatalogFixtures.published(mvc, entry(n, UNCONDITIONAL));
			send(mvc, put("/api/v1/catalog/entries/" + id + "?version=2"), psb(), entry(n, UNCONDITIONAL).replace("户籍人口基础信息", "草稿中的新摘要"));
			MockHttpSession other = SignIn.as(mvc, "xa-hrss-staff");
			mvc.perform(get("/api/v1/catalog/entries/" + id + "/revisions").session(other))
				.andExpect(jsonPath("$.length()").value(1))
				.andExpect(jsonPath("$[0].state").value("published"));
			mvc.perform(get("/api/v1/catalog/entries/" + id + "/history").session(other)).andExpect(status().isForbidden());
			mvc.perform(get("/api/v1/catalog/entries/" + id + "/revisions").session(psb()))
				.andExpect(jsonPath("$.length()").value(2));
		}

		@Test
		@DisplayName("C2 submission needs the head's secrecy and personal-information assessment")
		void assessmentRequired() throws Exception {
			String id = created(entry(name("人口"), UNCONDITIONAL).replace("\"assessmentApprovedBy\": \"赵厅长\", ", ""));
			send(mvc, post("/api/v1/catalog/entries/" + id + "/submit"), psb(), "{\"version\": 0}")
				.andExpect(status().isUnprocessableContent())
				.andExpect(jsonPath("$.errors[0].code").value("assessment_required"))
				.andExpect(jsonPath("$.errors[0].rule").value("C2"));
		}

		@Test
		@DisplayName("C2 a stale version is refused with 409")
		void staleVersion() throws Exception {
			String id = created(entry(name("人口"), UNCONDITIONAL));
			send(mvc, post("/api/v1/catalog/entries/" + id + "/submit"), psb(), "{\"version\": 7}")
				.andExpect(status().isConflict())
				.andExpect(jsonPath("$.code").value("stale_version"));
		}
	}

	@Nested
	@DisplayName("C3 sharing type")
	class SharingTypes {

		@Test
		@DisplayName("C3 a conditional entry states its conditions; a not-shared one its reason and a legal basis")
		void typeNeedsItsStatements() throws Exception {
			send(mvc, post("/api/v1/catalog/entries"), psb(),
					entry(name("人口"), "\"sharingType\": \"conditional\", \"openAttribute\": \"not-open\""))
				.andExpect(status().isUnprocessableContent())
				.andExpect(jsonPath("$.errors[0].code").value("conditions_required"))
				.andExpect(jsonPath("$.errors[0].rule").value("C3"));
			send(mvc, post("/api/v1/catalog/entries"), psb(),
					entry(name("人口"), "\"sharingType\": \"not-shared\", \"openAttribute\": \"not-open\""))
				.andExpect(jsonPath("$.errors[*].code", hasItem("not_shared_reason_required")))
				.andExpect(jsonPath("$.errors[*].code", hasItem("not_shared_basis_required")));
			send(mvc, post("/api/v1/catalog/entries"), psb(), entry(name("人口"),
					NOT_SHARED.replace("《中华人民共和国刑事诉讼法》第一百五十二条", "本厅数据管理办法")))
				.andExpect(jsonPath("$.errors[0].code").value("basis_not_law"));
			send(mvc, post("/api/v1/catalog/entries"), psb(), entry(name("人口"), NOT_SHARED)).andExpect(status().isCreated());
		}

		@Test
		@DisplayName("C3 exactly one known sharing type")
		void oneKnownType() throws Exception {
			send(mvc, post("/api/v1/catalog/entries"), psb(),
					entry(name("人口"), "\"sharingType\": \"sometimes\", \"openAttribute\": \"not-open\""))
				.andExpect(status().isUnprocessableContent())
				.andExpect(jsonPath("$.errors[0].field").value("sharingType"));
		}
	}

	@Nested
	@DisplayName("C3 legal basis")
	class Bases {

		@Test
		@DisplayName("C3 only a law, an administrative regulation or a State Council decision is a basis")
		void whatCountsAsLaw() {
			assertThat(LegalBasis.namesLaw("《中华人民共和国刑事诉讼法》第一百五十二条")).isTrue();
			assertThat(LegalBasis.namesLaw("《户口登记条例》第十条")).isTrue();
			assertThat(LegalBasis.namesLaw("国务院关于加强数字政府建设的指导意见")).isTrue();
			assertThat(LegalBasis.namesLaw("Article 152 of the Criminal Procedure Law")).isTrue();
			assertThat(LegalBasis.namesLaw("《陕西省公安厅数据管理办法》")).isFalse();
			assertThat(LegalBasis.namesLaw("本厅内部规定")).isFalse();
			assertThat(LegalBasis.namesLaw("contact the office for the facts")).isFalse();
			assertThat(LegalBasis.namesLaw("按工作方法处理")).isFalse();
		}

		@Test
		@DisplayName("C3 data not shared between departments cannot be opened to the public")
		void notSharedIsNotOpen() throws Exception {
			send(mvc, post("/api/v1/catalog/entries"), psb(), entry(name("侦查"),
					NOT_SHARED.replace("\"openAttribute\": \"not-open\"", "\"openAttribute\": \"open-conditional\", \"openConditions\": \"申请\"")))
				.andExpect(status().isUnprocessableContent())
				.andExpect(jsonPath("$.errors[0].code").value("not_shared_opened"));
		}
	}

	@Nested
	@DisplayName("C4 no conditions of the department's own")
	class OwnConditions {

		@Test
		@DisplayName("C4 every condition cites a legal basis and none is an obstacle such as fees or paper letters")
		void conditionsNeedBasis() throws Exception {
			send(mvc, post("/api/v1/catalog/entries"), psb(), entry(name("人口"), """
					"sharingType": "conditional", "openAttribute": "not-open",
					"conditions": [{"kind": "purpose", "text": "仅用于资格认证"},
					               {"kind": "scope", "text": "需提交纸质公函并缴纳费用", "basis": "内部规定"}]"""))
				.andExpect(status().isUnprocessableContent())
				.andExpect(jsonPath("$.errors[0].code").value("condition_without_basis"))
				.andExpect(jsonPath("$.errors[1].code").value("own_condition"))
				.andExpect(jsonPath("$.errors[1].rule").value("C4"));
		}

		@Test
		@DisplayName("C4 an unconditional entry carries no conditions, and restricting a published entry needs a reason")
		void restrictionNeedsReason() throws Exception {
			send(mvc, post("/api/v1/catalog/entries"), psb(), entry(name("人口"), UNCONDITIONAL + """
					, "conditions": [{"kind": "purpose", "text": "仅用于认证", "basis": "《社会保险法》"}]"""))
				.andExpect(jsonPath("$.errors[0].code").value("conditions_on_unconditional"));
			String n = name("人口");
			String id = CatalogFixtures.published(mvc, entry(n, UNCONDITIONAL));
			send(mvc, put("/api/v1/catalog/entries/" + id + "?version=2"), psb(), entry(n, CONDITIONAL))
				.andExpect(status().isUnprocessableContent())
				.andExpect(jsonPath("$.errors[0].code").value("restriction_reason_required"));
			send(mvc, put("/api/v1/catalog/entries/" + id + "?version=2"), psb(),
					entry(n, CONDITIONAL + ", \"changeReason\": \"依《社会保险法》第七十四条限定用途\""))
				.andExpect(status().isOk());
		}
	}

	@Nested
	@DisplayName("C5 open attribute")
	class OpenAttribute {

		@Test
		@DisplayName("C5 only general data without personal information opens unconditionally; conditional opening states conditions")
		void openAttributeFitsData() throws Exception {
			send(mvc, post("/api/v1/catalog/entries"), psb(),
					entry(name("人口"), "\"sharingType\": \"unconditional\", \"openAttribute\": \"open\""))
				.andExpect(jsonPath("$.errors[0].code").value("open_sensitive_data"))
				.andExpect(jsonPath("$.errors[0].rule").value("C5"));
			send(mvc, post("/api/v1/catalog/entries"), psb(),
					entry(name("人口"), "\"sharingType\": \"unconditional\", \"openAttribute\": \"open-conditional\""))
				.andExpect(jsonPath("$.errors[0].code").value("open_conditions_required"));
		}
	}

	@Nested
	@DisplayName("C6 fields")
	class Fields {

		@Test
		@DisplayName("C6 name up to 50 characters, a known classification, items that match their data elements")
		void fields() throws Exception {
			send(mvc, post("/api/v1/catalog/entries"), psb(), entry("名".repeat(51), UNCONDITIONAL))
				.andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.code").value("validation_failed"));
			send(mvc, post("/api/v1/catalog/entries"), psb(),
					entry(name("人口"), UNCONDITIONAL).replace("\"classification\": \"101\"", "\"classification\": \"999\""))
				.andExpect(jsonPath("$.errors[0].code").value("unknown_classification"));
			send(mvc, post("/api/v1/catalog/entries"), psb(), entry(name("人口"), UNCONDITIONAL)
				.replace("\"example\": \"11010519491231002X\"", "\"example\": \"110105194912310021\""))
				.andExpect(jsonPath("$.errors[0].code").value("example_invalid"));
			send(mvc, post("/api/v1/catalog/entries"), psb(), entry(name("人口"), UNCONDITIONAL)
				.replace("\"type\": \"string\", \"elementCode\": \"person-name\"", "\"type\": \"integer\", \"elementCode\": \"person-name\""))
				.andExpect(jsonPath("$.errors[0].code").value("element_type_mismatch"));
		}

		@Test
		@DisplayName("C6 an API is preferred: other methods alone give a warning")
		void apiPreferred() throws Exception {
			send(mvc, post("/api/v1/catalog/entries"), psb(),
					entry(name("人口"), UNCONDITIONAL).replace("\"sharingMethods\": [\"api\"]", "\"sharingMethods\": [\"file-download\"]"))
				.andExpect(status().isCreated())
				.andExpect(jsonPath("$.warnings[0].code").value("api_preferred"));
		}
	}

	@Nested
	@DisplayName("C7 updates after a change of duties or law")
	class Updates {

		@Test
		@DisplayName("C7 a change of the calendar moves the stored update deadlines, after the change is committed")
		void deadlinesFollowTheCalendar() throws Exception {
			String id = CatalogFixtures.published(mvc, entry(name("人口"), UNCONDITIONAL));
			send(mvc, post("/api/v1/catalog/entries/" + id + "/require-update"), SignIn.as(mvc, "sn-coord"),
					"{\"reason\": \"《户口登记条例》修订\", \"version\": 2}")
				.andExpect(status().isOk());
			jdbc.sql("update cat_entry set update_due = date '2000-01-03' where id = ?::uuid").param(id).update();
			send(mvc, put("/api/v1/calendar/years/2047"), SignIn.as(mvc, "admin"), """
					{"source": "国务院办公厅关于2047年部分节假日安排的通知", "days": [
					  {"date": "2047-01-01", "kind": "day-off", "nameZh": "元旦", "nameEn": "New Year's Day"}]}""")
				.andExpect(status().isOk());
			// the recompute listens through the event publication registry: after the commit, maybe on another thread
			String due = calendar.addWorkingDays(calendar.today(), 10).due().toString();
			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertThat(jdbc.sql("select update_due::text from cat_entry where id = ?::uuid")
					.param(id).query(String.class).single()).isEqualTo(due));
		}

		@Test
		@DisplayName("C7 an update is due in 10 working days, extendable once by 5, and met by submitting a revision")
		void updateDeadline() throws Exception {
			String n = name("人口");
			String id = CatalogFixtures.published(mvc, entry(n, UNCONDITIONAL));
			MockHttpSession coordinator = SignIn.as(mvc, "sn-coord");
			String today = calendar.today().toString();
			send(mvc, post("/api/v1/catalog/entries/" + id + "/require-update"), coordinator,
					"{\"reason\": \"《户口登记条例》修订\", \"version\": 2}")
				.andExpect(jsonPath("$.updateDue").value(calendar.addWorkingDays(calendar.today(), 10).due().toString()));
			mvc.perform(get("/api/v1/catalog/entries?queue=updates&size=100").session(coordinator))
				.andExpect(jsonPath("$.content[*].id", hasItem(id)));
			send(mvc, post("/api/v1/catalog/entries/" + id + "/extend-update"), psb(), "{\"version\": 3}")
				.andExpect(status().isForbidden());
			send(mvc, post("/api/v1/catalog/entries/" + id + "/extend-update"), coordinator, "{\"version\": 3}")
				.andExpect(jsonPath("$.updateDue").value(calendar.addWorkingDays(calendar.today(), 15).due().toString()))
				.andExpect(jsonPath("$.updateExtended").value(true));
			send(mvc, post("/api/v1/catalog/entries/" + id + "/extend-update"), coordinator, "{\"version\": 4}")
				.andExpect(status().isConflict())
				.andExpect(jsonPath("$.rule").value("C7"));
			send(mvc, put("/api/v1/catalog/entries/" + id + "?version=4"), psb(), entry(n, UNCONDITIONAL));
			send(mvc, post("/api/v1/catalog/entries/" + id + "/submit"), psb(), "{\"version\": 5}")
				.andExpect(jsonPath("$.entry.updateDue").exists());
			// the coordinator reviews an update within 2 working days
			mvc.perform(get("/api/v1/catalog/entries/" + id + "/revisions").session(coordinator))
				.andExpect(jsonPath("$[0].reviewDue").value(calendar.addWorkingDays(calendar.today(), 2).due().toString()));
			assertThat(jdbc.sql("select details from audit_entry where action = 'entry.submitted' and subject_id = ? order by sequence desc limit 1")
				.param(id).query(String.class).single()).contains("\"updateInTime\":true").contains(today.substring(0, 4));
			// the update is owed until it is published: a returned revision still owes it
			send(mvc, post("/api/v1/catalog/entries/" + id + "/review"), coordinator,
					"{\"decision\": \"approve\", \"version\": 6}")
				.andExpect(jsonPath("$.updateDue").doesNotExist());
		}
	}

	@Nested
	@DisplayName("C8 authoritative sources")
	class Authorities {

		@Test
		@DisplayName("C8 the province designates one source per element; others collecting it are told to share instead")
		void authoritativeSource() throws Exception {
			String source = CatalogFixtures.published(mvc, entry(name("人口"), UNCONDITIONAL));
			send(mvc, put("/api/v1/catalog/authorities/citizen-id"), SignIn.as(mvc, "xa-coord"),
					"{\"entryId\": \"" + source + "\"}")
				.andExpect(status().isForbidden());
			send(mvc, put("/api/v1/catalog/authorities/credit-code"), SignIn.as(mvc, "sn-coord"),
					"{\"entryId\": \"" + source + "\"}")
				.andExpect(status().isUnprocessableContent())
				.andExpect(jsonPath("$.code").value("authority_invalid"));
			send(mvc, put("/api/v1/catalog/authorities/citizen-id"), SignIn.as(mvc, "sn-coord"),
					"{\"entryId\": \"" + source + "\", \"note\": \"公安为户籍人口数源部门\"}")
				.andExpect(jsonPath("$.entryId").value(source));
			// another department that collects citizen IDs itself is warned
			send(mvc, post("/api/v1/catalog/entries"), SignIn.as(mvc, "xa-hrss-staff"), entry(name("参保人员"), UNCONDITIONAL))
				.andExpect(status().isCreated())
				.andExpect(jsonPath("$.warnings[*].code", hasItem("authoritative_source_exists")));
			// an item obtained through sharing names its published source
			send(mvc, post("/api/v1/catalog/entries"), SignIn.as(mvc, "xa-hrss-staff"), entry(name("参保人员"), UNCONDITIONAL)
				.replace("\"elementCode\": \"citizen-id\",", "\"elementCode\": \"citizen-id\", \"origin\": \"shared\","))
				.andExpect(jsonPath("$.errors[0].code").value("source_entry_required"))
				.andExpect(jsonPath("$.errors[0].rule").value("C8"));
		}
	}

	@Nested
	class Elements {

		@Test
		void valuesAreCheckedAgainstTheirStandards() throws Exception {
			send(mvc, post("/api/v1/catalog/elements/citizen-id/check"), psb(),
					"{\"values\": [\"11010519491231002X\", \"110105194912310021\"]}")
				.andExpect(jsonPath("$[0].valid").value(true))
				.andExpect(jsonPath("$[1].valid").value(false));
			send(mvc, post("/api/v1/catalog/elements/credit-code/check"), psb(), "{\"values\": [\"11610000MB0000002K\"]}")
				.andExpect(jsonPath("$[0].valid").value(true));
			send(mvc, post("/api/v1/catalog/elements/sex/check"), psb(), "{\"values\": [\"1\", \"3\"]}")
				.andExpect(jsonPath("$[1].valid").value(false));
			send(mvc, post("/api/v1/catalog/elements/phone/check"), psb(), "{\"values\": [\"13800138000\", \"029-88886666\", \"12345\"]}")
				.andExpect(jsonPath("$[0].valid").value(true))
				.andExpect(jsonPath("$[1].valid").value(true))
				.andExpect(jsonPath("$[2].valid").value(false));
		}

		@Test
		void platformAdminsExtendTheLibrary() throws Exception {
			String element = """
					{"code": "vehicle-plate-%s", "nameZh": "机动车号牌", "nameEn": "Vehicle plate", "definitionZh": "号牌号码",
					 "definitionEn": "Plate number", "itemType": "string", "format": "pattern",
					 "pattern": "[\\u4e00-\\u9fa5][A-Z][A-Z0-9]{5,6}", "maxLength": 8, "standard": "GA 36"}"""
				.formatted(UUID.randomUUID().toString().substring(0, 6));
			send(mvc, post("/api/v1/catalog/elements"), psb(), element).andExpect(status().isForbidden());
			String body = send(mvc, post("/api/v1/catalog/elements"), SignIn.as(mvc, "admin"), element)
				.andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
			String code = JsonPath.read(body, "$.code");
			send(mvc, post("/api/v1/catalog/elements/" + code + "/check"), psb(), "{\"values\": [\"陕A12345\", \"XA12345\"]}")
				.andExpect(jsonPath("$[0].valid").value(true))
				.andExpect(jsonPath("$[1].valid").value(false));
		}
	}

	@Nested
	class Search {

		@Test
		void chineseAndEnglishTextWithFacetsAndPermissions() throws Exception {
			String n = name("流动人口居住登记");
			String published = CatalogFixtures.published(mvc, entry(n, CONDITIONAL).replace("Resident register extract",
					"Floating population residence registration"));
			String draft = created(entry(name("流动人口草稿"), UNCONDITIONAL));
			waitForIndex("流动人口", published);
			MockHttpSession other = SignIn.as(mvc, "xa-hrss-staff");
			mvc.perform(get("/api/v1/catalog/resources").param("q", "流动人口").param("size", "100").session(other))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.hits[*].id", hasItem(published)))
				.andExpect(jsonPath("$.hits[*].id", org.hamcrest.Matchers.not(hasItem(draft))))
				.andExpect(jsonPath("$.facets.sharingType[*].value", hasItem("conditional")));
			mvc.perform(get("/api/v1/catalog/resources").param("q", "floating population").param("size", "100").session(other))
				.andExpect(jsonPath("$.hits[*].id", hasItem(published)));
			mvc.perform(get("/api/v1/catalog/resources").param("q", "流动人口").param("size", "100").session(psb()))
				.andExpect(jsonPath("$.hits[*].id", hasItem(draft)));
			mvc.perform(get("/api/v1/catalog/resources").param("q", "流动人口").param("sharingType", "unconditional")
				.param("size", "100").session(other))
				.andExpect(jsonPath("$.hits[*].id", org.hamcrest.Matchers.not(hasItem(published))));
			mvc.perform(get("/api/v1/catalog/resources").param("size", "500").session(other))
				.andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.code").value("invalid_parameter"));
		}

		/** The index follows commits asynchronously to the request that made them. */
		void waitForIndex(String text, String id) throws Exception {
			MockHttpSession admin = SignIn.as(mvc, "admin");
			for (int i = 0; i < 100; i++) {
				String body = mvc.perform(get("/api/v1/catalog/resources").param("q", text).param("size", "100").session(admin))
					.andReturn().getResponse().getContentAsString();
				if (body.contains(id)) {
					return;
				}
				Thread.sleep(50);
			}
		}
	}
}
