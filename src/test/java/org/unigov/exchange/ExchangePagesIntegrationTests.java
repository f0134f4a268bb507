package org.unigov.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.unigov.SignIn;
import org.unigov.UnigovTest;

/**
 * Every exchange page renders for the people who use it, in both languages; bad parameters and
 * other agencies' changes are refused with a clear answer, never a 500.
 */
@UnigovTest
class ExchangePagesIntegrationTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcTemplate jdbc;

	int status(MockHttpSession session, String path) throws Exception {
		return this.mvc.perform(get(path).session(session)).andReturn().getResponse().getStatus();
	}

	String page(MockHttpSession session, String path) throws Exception {
		var response = this.mvc.perform(get(path).session(session)).andReturn().getResponse();
		assertThat(response.getStatus()).as(path).isEqualTo(200);
		return response.getContentAsString();
	}

	@Test
	void exchangePagesRenderForProvidersConsumersAndOverseers() throws Exception {
		String service = this.jdbc.queryForObject(
				"select s.id::text from exc_service s join cat_entry e on e.id = s.entry_id where e.name = '全省户籍人口基础信息'",
				String.class);
		MockHttpSession provider = SignIn.as(this.mvc, "sn-psb-staff");
		assertThat(page(provider, "/exchange")).contains("全省人口基础信息查询").contains("登记数据服务");
		assertThat(page(provider, "/exchange/services/" + service)).contains("/exchange/v1/").contains("data.idNumber")
			.contains("127.0.0.1").contains("修改数据服务");
		assertThat(page(provider, "/exchange/services/" + service + "/edit")).contains("data.idNumber = 公民身份号码");
		assertThat(page(provider, "/exchange/services/new")).contains("登记数据服务");
		assertThat(page(provider, "/exchange/traffic?side=provider")).contains("我方提供的调用");
		assertThat(page(provider, "/exchange/log")).contains("访问日志").doesNotContain("verify-log");
		MockHttpSession consumer = SignIn.as(this.mvc, "xa-hrss-admin");
		// a consumer sees the service but not the provider's internal address, and cannot change it
		assertThat(page(consumer, "/exchange/services/" + service)).doesNotContain("127.0.0.1").doesNotContain("修改数据服务");
		assertThat(status(consumer, "/exchange/services/" + service + "/edit")).isEqualTo(403);
		assertThat(page(consumer, "/exchange/clients")).contains("xa-hrss-social-insurance").contains("登记接入客户端");
		assertThat(page(consumer, "/exchange/traffic?side=consumer&lang=en")).contains("Our calls");
		MockHttpSession auditor = SignIn.as(this.mvc, "sn-auditor");
		assertThat(page(auditor, "/exchange/log?verify=true")).contains("id=\"verification\"").contains("哈希链完整");
		assertThat(page(SignIn.as(this.mvc, "admin"), "/exchange/clients")).contains("yt-civil-assistance");
	}

	@Test
	void badParametersAndOtherAgenciesAreRefusedNotFailed() throws Exception {
		MockHttpSession staff = SignIn.as(this.mvc, "xa-hrss-staff");
		assertThat(status(staff, "/exchange/services/not-a-uuid")).isEqualTo(400);
		assertThat(status(staff, "/exchange/services/00000000-0000-0000-0000-000000000000")).isEqualTo(404);
		assertThat(status(staff, "/exchange/traffic?from=yesterday")).isEqualTo(400);
		assertThat(status(staff, "/exchange/traffic?from=2020-01-01&to=2026-01-01")).isEqualTo(400);
		assertThat(status(SignIn.as(this.mvc, "citizen"), "/exchange")).isEqualTo(403);
		// registering a client for another agency's system
		String system = this.jdbc.queryForObject("select s.id::text from reg_system s join org_agency a on a.id = s.agency_id "
				+ "where a.name_zh = '陕西省公安厅' order by s.name limit 1", String.class);
		String answer = this.mvc.perform(post("/exchange/clients").session(SignIn.as(this.mvc, "xa-hrss-admin")).with(csrf())
			.param("systemId", system)).andReturn().getResponse().getContentAsString();
		assertThat(answer).contains("refusal").doesNotContain("client-secret");
	}
}
