package org.unigov.organization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.unigov.SignIn;
import org.unigov.UnigovTest;
import org.unigov.shared.ident.CreditCode;

/** Who sees and changes which agencies: the coordinator's scope is their division subtree. */
@UnigovTest
class OrganizationScopeIntegrationTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	OrganizationDirectory directory;

	private String beilinAgencyId() {
		return this.directory.agencyByCreditCode(DemoOrganization.agency("bl-samr").creditCode())
			.orElseThrow()
			.id()
			.toString();
	}

	@Nested
	class YantaCoordinator {

		@Test
		void listsOnlyYantaAgencies() throws Exception {
			MockHttpSession yanta = SignIn.as(mvc, "yt-coord");
			String body = mvc.perform(get("/api/v1/agencies?size=100").session(yanta))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.page.totalElements").value(3))
				.andExpect(jsonPath("$.content[*].divisionCode").value(org.hamcrest.Matchers.everyItem(
						org.hamcrest.Matchers.is("610113"))))
				.andReturn()
				.getResponse()
				.getContentAsString();
			assertThat(body).doesNotContain("碑林");
		}

		@Test
		void cannotReadABeilinAgency() throws Exception {
			MockHttpSession yanta = SignIn.as(mvc, "yt-coord");
			mvc.perform(get("/api/v1/agencies/" + beilinAgencyId()).session(yanta))
				.andExpect(status().isNotFound())
				.andExpect(jsonPath("$.code").value("agency_not_found"));
		}

		@Test
		void cannotChangeABeilinAgency() throws Exception {
			MockHttpSession yanta = SignIn.as(mvc, "yt-coord");
			mvc.perform(put("/api/v1/agencies/" + beilinAgencyId()).session(yanta)
				.with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"nameZh\":\"被改名\",\"nameEn\":\"\",\"active\":true,\"version\":0}"))
				.andExpect(status().isNotFound());
			assertThat(directory.agencyByCreditCode(DemoOrganization.agency("bl-samr").creditCode()).orElseThrow().nameZh())
				.isEqualTo("碑林区市场监督管理局");
		}

		@Test
		void cannotCreateAnAgencyInBeilin() throws Exception {
			MockHttpSession yanta = SignIn.as(mvc, "yt-coord");
			mvc.perform(post("/api/v1/agencies").session(yanta)
				.with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"creditCode\":\"" + CreditCode.complete("11610103MB0009901")
						+ "\",\"nameZh\":\"碑林区测试局\",\"divisionCode\":\"610103\"}"))
				.andExpect(status().isForbidden())
				.andExpect(jsonPath("$.code").value("agency_out_of_scope"));
		}

		@Test
		void createsAndRenamesAnAgencyInYantaWithAudit() throws Exception {
			MockHttpSession yanta = SignIn.as(mvc, "yt-coord");
			String code = CreditCode.complete("11610113MB0009902");
			String created = mvc.perform(post("/api/v1/agencies").session(yanta)
				.with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"creditCode\":\"" + code + "\",\"nameZh\":\"雁塔区测试局\",\"divisionCode\":\"610113\"}"))
				.andExpect(status().isCreated())
				.andExpect(jsonPath("$.version").value(0))
				.andReturn()
				.getResponse()
				.getContentAsString();
			String id = com.jayway.jsonpath.JsonPath.read(created, "$.id");
			mvc.perform(put("/api/v1/agencies/" + id).session(yanta)
				.with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"nameZh\":\"雁塔区测试二局\",\"active\":true,\"version\":0}"))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.version").value(1));
			mvc.perform(put("/api/v1/agencies/" + id).session(yanta)
				.with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"nameZh\":\"雁塔区测试三局\",\"active\":true,\"version\":0}"))
				.andExpect(status().isConflict())
				.andExpect(jsonPath("$.code").value("stale_version"));
			MockHttpSession auditor = SignIn.as(mvc, "yt-auditor");
			mvc.perform(get("/api/v1/audit/entries?subjectType=agency&subjectId=" + id).session(auditor))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.page.totalElements").value(2))
				.andExpect(jsonPath("$.content[0].action").value("agency.updated"))
				.andExpect(jsonPath("$.content[0].actor").value("yt-coord"));
		}
	}

	@Nested
	class Staff {

		@Test
		void agencyStaffCannotManageStaff() throws Exception {
			MockHttpSession staff = SignIn.as(mvc, "yt-civil-staff");
			mvc.perform(get("/api/v1/staff").session(staff)).andExpect(status().isForbidden());
			mvc.perform(post("/api/v1/staff").session(staff)
				.with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"username\":\"newbie\",\"displayName\":\"新人\",\"agencyId\":\""
						+ directory.agencyByCreditCode(DemoOrganization.agency("yt-civil").creditCode()).orElseThrow().id()
						+ "\",\"roles\":[\"AGENCY_STAFF\"],\"password\":\"a-long-enough-secret\"}"))
				.andExpect(status().isForbidden())
				.andExpect(jsonPath("$.code").value("forbidden"));
		}

		@Test
		void agencyAdminManagesOwnStaffButGrantsNoHigherRole() throws Exception {
			MockHttpSession admin = SignIn.as(mvc, "yt-civil-admin");
			String agencyId = directory.agencyByCreditCode(DemoOrganization.agency("yt-civil").creditCode())
				.orElseThrow()
				.id()
				.toString();
			mvc.perform(post("/api/v1/staff").session(admin)
				.with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"username\":\"yt-civil-new\",\"displayName\":\"雁塔民政 新人\",\"agencyId\":\"" + agencyId
						+ "\",\"roles\":[\"AGENCY_STAFF\"],\"password\":\"a-long-enough-secret\"}"))
				.andExpect(status().isCreated())
				.andExpect(jsonPath("$.roles[0]").value("AGENCY_STAFF"));
			mvc.perform(post("/api/v1/staff").session(admin)
				.with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"username\":\"yt-civil-boss\",\"displayName\":\"想当统筹\",\"agencyId\":\"" + agencyId
						+ "\",\"roles\":[\"COORDINATOR\"],\"password\":\"a-long-enough-secret\"}"))
				.andExpect(status().isForbidden())
				.andExpect(jsonPath("$.code").value("role_not_grantable"));
			mvc.perform(post("/api/v1/staff").session(admin)
				.with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"username\":\"yt-civil-weak\",\"displayName\":\"弱密码\",\"agencyId\":\"" + agencyId
						+ "\",\"roles\":[\"AGENCY_STAFF\"],\"password\":\"short\"}"))
				.andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.code").value("weak_password"));
		}

		@Test
		void coordinatorsReadTheStaffOfTheirSubtreeOnly() throws Exception {
			MockHttpSession city = SignIn.as(mvc, "xa-coord");
			String body = mvc.perform(get("/api/v1/staff?size=100").session(city))
				.andExpect(status().isOk())
				.andReturn()
				.getResponse()
				.getContentAsString();
			assertThat(body).contains("\"yt-civil-staff\"").contains("\"xa-hrss-admin\"").doesNotContain("\"bj-coord\"")
				.doesNotContain("\"sn-psb-staff\"");
			MockHttpSession county = SignIn.as(mvc, "yt-coord");
			mvc.perform(get("/api/v1/staff?agencyId=" + beilinAgencyId()).session(county))
				.andExpect(status().isNotFound());
		}

		@Test
		void agencyAdminCannotCreateStaffElsewhere() throws Exception {
			MockHttpSession admin = SignIn.as(mvc, "yt-civil-admin");
			mvc.perform(post("/api/v1/staff").session(admin)
				.with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"username\":\"intruder\",\"displayName\":\"越权\",\"agencyId\":\"" + beilinAgencyId()
						+ "\",\"roles\":[\"AGENCY_STAFF\"],\"password\":\"a-long-enough-secret\"}"))
				.andExpect(status().isNotFound());
		}
	}
}
