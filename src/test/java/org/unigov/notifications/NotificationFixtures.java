package org.unigov.notifications;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.unigov.catalog.CatalogFixtures.CONDITIONAL;
import static org.unigov.catalog.CatalogFixtures.entry;
import static org.unigov.catalog.CatalogFixtures.send;

import com.jayway.jsonpath.JsonPath;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.unigov.SignIn;
import org.unigov.calendar.WorkingCalendar;
import org.unigov.catalog.CatalogFixtures;
import org.unigov.organization.DemoOrganization;
import org.unigov.organization.OrganizationDirectory;

/**
 * Work arriving for the provincial public security department (sn-psb-staff): Xi'an human
 * resources (xa-hrss-staff) requests a conditional entry the department publishes.
 */
final class NotificationFixtures {

	private NotificationFixtures() {
	}

	/** Publishes a conditional entry of the public security department named {@code name}; returns its id. */
	static String conditionalEntry(MockMvc mvc, String name) throws Exception {
		return CatalogFixtures.published(mvc, entry(name, CONDITIONAL));
	}

	/** Files a request for {@code entryId} as xa-hrss-staff; returns the request's id. */
	static String fileRequest(MockMvc mvc, JdbcClient jdbc, OrganizationDirectory directory, WorkingCalendar calendar,
			String entryId) throws Exception {
		String agency = directory.agencyByCreditCode(DemoOrganization.agency("xa-hrss").creditCode())
			.orElseThrow()
			.id()
			.toString();
		String system = jdbc.sql("select id::text from reg_system where agency_id = ?::uuid order by name limit 1")
			.param(agency)
			.query(String.class)
			.single();
		String body = """
				{"entryId": "%s", "consumerSystemId": "%s", "items": ["公民身份号码", "姓名"],
				 "legalBasis": "《社会保险法》第七十四条", "useCase": "养老保险待遇领取资格认证",
				 "useScope": "西安市人社局社保经办", "sharingMethod": "api", "periodFrom": "%s", "periodTo": "%s",
				 "expectedVolume": "每日约2万次"}""".formatted(entryId, system, calendar.today(),
				calendar.today().plusYears(1));
		String response = send(mvc, post("/api/v1/sharing/requests"), SignIn.as(mvc, "xa-hrss-staff"), body)
			.andExpect(status().isCreated())
			.andReturn()
			.getResponse()
			.getContentAsString();
		return JsonPath.read(response, "$.request.id");
	}
}
