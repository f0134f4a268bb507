package org.unigov.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.unigov.SignIn;
import org.unigov.catalog.CatalogFixtures;
import org.unigov.exchange.gateway.ExchangeServer;
import org.unigov.web.BrowserTest;

/**
 * Open data through the exchange in real Chromium: the provincial public security department opens
 * the data service of an entry open without conditions from its page; signed out, a citizen finds
 * the API's address and an example call on the open resource page (in Chinese and English), opens
 * the address in the browser and gets the data without signing in.
 */
class OpenApiBrowserTests extends BrowserTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	ExchangeServer server;

	@Test
	@DisplayName("C5 a provider opens the API; the open resource page shows its address and a curl example")
	void providerOpensCitizenFindsTheApi() throws Exception {
		try (ProviderStub stub = new ProviderStub()) {
			String entryId = CatalogFixtures.published(this.mvc,
					OpenApiIntegrationTests.openEntryJson(CatalogFixtures.name("派出所名录浏览器")));
			String entry = this.mvc.perform(get("/api/v1/catalog/entries/" + entryId).session(SignIn.as(this.mvc, "sn-psb-staff")))
				.andReturn().getResponse().getContentAsString();
			String code = ((String) JsonPath.read(entry, "$.code")).replace('/', '-');
			UUID system = ExchangeFixtures.firstSystem(this.jdbc, this.jdbc.queryForObject(
					"select credit_code from org_agency where name_zh = '陕西省公安厅'", String.class));
			String body = """
					{"entryId": "%s", "systemId": "%s", "name": "派出所名录开放接口", "baseUrl": "%s",
					 "operations": [{"method": "GET", "path": "/stations"}],
					 "fieldMap": {"stations[].name": "派出所名称", "stations[].address": "地址", "stations[].phone": "联系电话"},
					 "timeoutMs": 2000, "maxConcurrent": 8}""".formatted(entryId, system, stub.baseUrl());
			String service = CatalogFixtures.send(this.mvc, post("/api/v1/exchange/services"), SignIn.as(this.mvc, "sn-psb-staff"),
					body).andReturn().getResponse().getContentAsString();
			String serviceId = JsonPath.read(service, "$.id");

			// signed out, before it is opened: no API on the page
			this.browser.get(url("/open/resources/" + entryId));
			assertThat(this.browser.findElements(By.id("open-api"))).isEmpty();

			signIn("sn-psb-staff");
			this.browser.get(url("/exchange/services/" + serviceId));
			assertHeading("派出所名录开放接口");
			assertThat(this.browser.findElement(By.id("open-api-state")).getText()).contains("未开放");
			this.browser.findElement(By.id("toggle-open-api")).click();
			assertHeading("派出所名录开放接口");
			assertThat(this.browser.findElement(By.id("open-api-state")).getText()).contains("已开放");
			axeClean("the data service page with its open API");

			this.browser.manage().deleteAllCookies();
			this.browser.get(url("/open/resources/" + entryId));
			String address = "http://localhost:" + this.server.port() + "/open/v1/" + code;
			assertThat(this.browser.findElement(By.id("open-api-heading")).getText()).isEqualTo("接口调用");
			assertThat(this.browser.findElement(By.id("open-api-url")).getText()).isEqualTo(address);
			assertThat(this.browser.findElement(By.id("open-api-example")).getText())
				.isEqualTo("curl '" + address + "/stations'");
			assertThat(this.browser.findElement(By.id("open-api")).getText()).contains("GET /stations", "每分钟至多调用 20 次");
			axeClean("the open resource page with its API");

			this.browser.get(url("/open/resources/" + entryId + "?lang=en"));
			assertThat(this.browser.findElement(By.id("open-api-heading")).getText()).isEqualTo("Call the API");
			assertThat(this.browser.findElement(By.id("open-api-url")).getText()).isEqualTo(address);

			// the address works as shown, in the browser, without signing in
			this.browser.get(address + "/stations");
			assertThat(this.browser.findElement(By.tagName("body")).getText()).contains("雁塔路派出所")
				.doesNotContain("SECRET");
		}
	}
}
