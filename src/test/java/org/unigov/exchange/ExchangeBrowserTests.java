package org.unigov.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.unigov.exchange.gateway.ExchangeServer;
import org.unigov.web.BrowserTest;

/**
 * The exchange in real Chromium: the provincial public security department registers a data
 * service on its page; a Xi'an human resources system calls it through the gateway (one granted
 * call, one with a purpose the grant does not name); the consumer and the provider each see the
 * traffic in their view, in Chinese and English.
 */
class ExchangeBrowserTests extends BrowserTest {

	static final String PURPOSE = "工伤认定驾驶资格核验";

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	ExchangeServer server;

	@Autowired
	org.unigov.exchange.internal.AccessLog accessLog;

	@Test
	@DisplayName("S6 S10 a provider registers a data service; a consumer's calls appear in both traffic views")
	void registerCallAndSeeTraffic() throws Exception {
		try (ProviderStub stub = new ProviderStub()) {
			UUID entryId = this.jdbc.queryForObject("select id from cat_entry where name = '机动车驾驶人信息'", UUID.class);
			String code = this.jdbc.queryForObject("select code from cat_entry where id = ?", String.class, entryId);
			String consumerCode = this.jdbc.queryForObject("select a.credit_code from exc_client c join org_agency a "
					+ "on a.id = c.agency_id where c.client_id = 'xa-hrss-social-insurance'", String.class);
			ExchangeFixtures.grant(this.mvc, this.jdbc, entryId.toString(), "xa-hrss-staff",
					ExchangeFixtures.firstSystem(this.jdbc, consumerCode), List.of("公民身份号码", "姓名"), PURPOSE, 600);

			signIn("sn-psb-staff");
			this.browser.findElement(By.linkText("数据交换")).click();
			assertHeading("数据交换");
			axeClean("exchange services");
			this.browser.findElement(By.id("new-service")).click();
			assertHeading("登记数据服务");
			new Select(this.browser.findElement(By.id("entryId"))).selectByValue(entryId.toString());
			new Select(this.browser.findElement(By.id("systemId"))).selectByIndex(1);
			this.browser.findElement(By.id("name")).sendKeys("驾驶人信息核验接口");
			this.browser.findElement(By.id("baseUrl")).sendKeys(stub.baseUrl());
			this.browser.findElement(By.id("operations")).clear();
			this.browser.findElement(By.id("operations")).sendKeys("GET /record");
			this.browser.findElement(By.id("fieldMap")).sendKeys("data.f01 = 公民身份号码\ndata.f02 = 姓名\ndata.f11 = 准驾车型");
			this.browser.findElement(By.id("subjectParam")).sendKeys("idNumber");
			axeClean("data service form");
			// a field mapped to an item the entry does not have is refused, with the form kept
			this.browser.findElement(By.id("fieldMap")).sendKeys("\ndata.x = 不存在的数据项");
			this.browser.findElement(By.id("register-service")).click();
			assertThat(this.browser.findElement(By.id("refusal")).getText()).contains("数据服务缺少或填错了内容")
				.contains("fieldMap");
			String lines = this.browser.findElement(By.id("fieldMap")).getAttribute("value");
			this.browser.findElement(By.id("fieldMap")).clear();
			this.browser.findElement(By.id("fieldMap")).sendKeys(lines.replace("\ndata.x = 不存在的数据项", ""));
			this.browser.findElement(By.id("register-service")).click();
			assertHeading("驾驶人信息核验接口");
			assertThat(this.browser.findElement(By.id("service-status")).getText()).isEqualTo("运行中");
			String callPath = this.browser.findElement(By.id("call-path")).getText();
			assertThat(callPath).isEqualTo("/exchange/v1/" + code.replace('/', '-'));
			axeClean("data service");
			// the provider changes it: the form comes back filled in
			this.browser.findElement(By.id("edit-service")).click();
			assertHeading("修改数据服务");
			assertThat(this.browser.findElement(By.id("fieldMap")).getAttribute("value")).contains("data.f01 = 公民身份号码");
			this.browser.findElement(By.id("timeoutMs")).clear();
			this.browser.findElement(By.id("timeoutMs")).sendKeys("2500");
			axeClean("data service edit form");
			this.browser.findElement(By.id("register-service")).click();
			assertHeading("驾驶人信息核验接口");
			assertThat(this.browser.findElement(By.tagName("main")).getText()).contains("2500 ms").contains("数据服务已修改");

			String token = ExchangeFixtures.token(this.port, "xa-hrss-social-insurance", "demo-secret-hrss");
			HttpClient http = HttpClient.newHttpClient();
			HttpResponse<String> granted = http.send(HttpRequest.newBuilder(
					URI.create("http://127.0.0.1:" + this.server.port() + callPath + "/record?idNumber=11010519491231002X"))
				.header("Authorization", "Bearer " + token)
				.header("X-Purpose", ExchangeFixtures.purpose(PURPOSE))
				.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(granted.statusCode()).isEqualTo(200);
			assertThat(granted.body()).contains("张三").doesNotContain("SECRET");
			HttpResponse<String> refused = http.send(HttpRequest.newBuilder(
					URI.create("http://127.0.0.1:" + this.server.port() + callPath + "/record"))
				.header("Authorization", "Bearer " + token)
				.header("X-Purpose", ExchangeFixtures.purpose("其他目的"))
				.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(refused.statusCode()).isEqualTo(403);
			HttpResponse<String> notOffered = http.send(HttpRequest.newBuilder(
					URI.create("http://127.0.0.1:" + this.server.port() + callPath + "/not-offered"))
				.header("Authorization", "Bearer " + token)
				.header("X-Purpose", ExchangeFixtures.purpose(PURPOSE))
				.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(notOffered.statusCode()).isEqualTo(404);
			// the journal ships the calls' entries (and their daily traffic) behind the answers
			assertThat(this.accessLog.awaitShipped(java.time.Duration.ofSeconds(10))).isTrue();

			this.browser.manage().deleteAllCookies();
			signIn("xa-hrss-staff");
			this.browser.findElement(By.linkText("数据交换")).click();
			this.browser.findElement(By.linkText("我方发起的调用")).click();
			assertHeading("我方发起的调用");
			String row = this.browser.findElement(By.id("traffic-rows")).getText();
			assertThat(row).contains("机动车驾驶人信息");
			assertThat(this.browser.findElement(By.id("traffic-totals")).getText()).contains("被拒绝")
				.contains("无效或未找到");
			// every outcome in its class: the refusal as denied, the 404 as invalid or not found
			List<String> cells = this.browser
				.findElements(By.xpath("//table[@id='traffic-rows']//tr[contains(., '机动车驾驶人信息')]/td"))
				.stream()
				.map(org.openqa.selenium.WebElement::getText)
				.toList();
			assertThat(cells).hasSize(9);
			assertThat(cells.subList(4, 8)).containsExactly("3", "0", "1", "1");
			assertThat(this.browser.findElements(By.cssSelector("#traffic-chart svg"))).isNotEmpty();
			axeClean("consumer traffic");
			this.browser.get(url("/exchange/traffic?side=consumer&lang=en"));
			assertHeading("Our calls");
			assertThat(this.browser.findElement(By.id("traffic-rows")).getText()).contains("Calls");

			this.browser.manage().deleteAllCookies();
			signIn("sn-psb-staff");
			this.browser.get(url("/exchange/traffic?side=provider"));
			assertThat(this.browser.findElement(By.id("traffic-rows")).getText()).contains("机动车驾驶人信息");
		}
	}
}
