package org.unigov.projects;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.unigov.SignIn;
import org.unigov.catalog.CatalogFixtures;
import org.unigov.web.BrowserTest;

/**
 * Reviewing on a phone and printing decisions, in real Chromium: at 390×844 a county coordinator
 * opens the review queue, the project and approves it with a compact header and the navigation
 * behind a button, without scrolling sideways; the approved project prints as a 立项批复 and a
 * refused sharing request as a 不予共享告知书, without the site's navigation.
 */
class PhoneAndPrintBrowserTests extends BrowserTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@AfterEach
	void desktopAgain() {
		this.browser.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", ""));
		this.browser.manage().window().setSize(new Dimension(1280, 900));
	}

	void await(Supplier<Boolean> condition) {
		new WebDriverWait(this.browser, Duration.ofSeconds(10)).ignoring(StaleElementReferenceException.class)
			.ignoring(NoSuchElementException.class)
			.until(driver -> condition.get());
	}

	String submittedProposal(String name) throws Exception {
		MockHttpSession civil = SignIn.as(this.mvc, "yt-civil-admin");
		String id = ProjectFixtures.created(this.mvc, civil, ProjectFixtures.with(ProjectFixtures.proposal(), "name", name));
		long version = this.jdbc.sql("select version from prj_project where id = ?::uuid").param(id).query(Long.class).single();
		CatalogFixtures.send(this.mvc, org.springframework.test.web.servlet.request.MockMvcRequestBuilders
			.post("/api/v1/projects/" + id + "/submit"), civil, "{\"version\": " + version + "}")
			.andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.status().isOk());
		return id;
	}

	long number(String script) {
		return ((Number) this.browser.executeScript(script)).longValue();
	}

	boolean shown(String css) {
		return this.browser.findElements(By.cssSelector(css)).stream().anyMatch(WebElement::isDisplayed);
	}

	void assertPhoneLayout(String where) {
		long viewport = number("return window.innerHeight");
		long headerBottom = number("return Math.round(document.querySelector('.main-nav').getBoundingClientRect().bottom)");
		assertThat(headerBottom).as("header height on " + where + " (viewport " + viewport + ")").isLessThan(viewport / 5);
		assertThat(number("return document.documentElement.scrollWidth"))
			.as("page width on " + where)
			.isLessThanOrEqualTo(number("return document.documentElement.clientWidth"));
	}

	void decide(String coordinator, String name) {
		this.browser.manage().deleteAllCookies();
		signIn(coordinator);
		this.browser.get(url("/projects/reviews"));
		this.browser.findElement(By.linkText(name)).click();
		await(() -> this.browser.findElement(By.id("decision-form")).isDisplayed());
		this.browser.findElement(By.id("comment")).sendKeys("同意，请按批复内容实施。");
		this.browser.findElement(By.id("approve")).click();
		await(() -> "已记录审核决定。".equals(this.browser.findElement(By.cssSelector("p.notice")).getText()));
	}

	@Test
	@DisplayName("at 390×844 a coordinator reviews and approves with a compact header, the navigation behind a button and no sideways scrolling")
	void reviewOnAPhone() throws Exception {
		String name = "雁塔区老年学堂手机审核测试" + System.nanoTime() % 10000;
		submittedProposal(name);
		this.browser.manage().window().setSize(new Dimension(390, 844));
		signIn("yt-coord");
		this.browser.get(url("/projects/reviews"));
		assertPhoneLayout("the review queue");
		WebElement toggle = this.browser.findElement(By.cssSelector(".main-nav .nav-toggle"));
		assertThat(toggle.isDisplayed()).as("the menu button").isTrue();
		assertThat(toggle.getAttribute("aria-expanded")).isEqualTo("false");
		assertThat(shown("#main-nav-list a")).as("the navigation, collapsed").isFalse();
		toggle.click();
		assertThat(toggle.getAttribute("aria-expanded")).isEqualTo("true");
		assertThat(shown("#main-nav-list a")).as("the navigation, opened").isTrue();
		axeClean("the review queue on a phone, menu open");
		toggle.click();
		assertThat(shown("#main-nav-list a")).isFalse();

		this.browser.findElement(By.linkText(name)).click();
		await(() -> this.browser.findElement(By.id("decision-form")).isDisplayed());
		assertPhoneLayout("the project under review");
		axeClean("the project under review on a phone");
		this.browser.findElement(By.id("comment")).sendKeys("同意。");
		this.browser.findElement(By.id("approve")).click();
		await(() -> "已记录审核决定。".equals(this.browser.findElement(By.cssSelector("p.notice")).getText()));
		assertPhoneLayout("the project after the decision");
	}

	@Test
	@DisplayName("an approved project prints as a 立项批复 without the site's navigation or buttons")
	void approvalPrints() throws Exception {
		String name = "雁塔区老年学堂批复打印测试" + System.nanoTime() % 10000;
		String id = submittedProposal(name);
		decide("yt-coord", name);
		decide("yt-auditor", name);
		this.browser.get(url("/projects/" + id));
		await(() -> "approved".equals(this.browser.findElement(By.id("project-status")).getAttribute("data-status")));
		assertThat(shown("#approval-notice-text")).as("the decision on screen: only in print").isFalse();
		assertThat(shown("#print-approval")).isTrue();
		this.browser.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", "print"));
		assertThat(shown(".main-nav a")).as("the navigation in print").isFalse();
		assertThat(shown(".site-header")).as("the header in print").isFalse();
		assertThat(shown("#steps")).as("the rest of the page in print").isFalse();
		assertThat(shown("#print-approval")).as("the print button in print").isFalse();
		WebElement notice = this.browser.findElement(By.id("approval-notice"));
		assertThat(notice.isDisplayed()).isTrue();
		assertThat(notice.getText()).contains("立项批复", "雁塔区民政局", name, "同意立项", "国办发〔2019〕57号", "雁塔区",
				"同意，请按批复内容实施。", "¥360,000.00");
	}

	@Test
	@DisplayName("a refused sharing request prints as a 不予共享告知书 with its reasons and basis")
	void refusalPrints() {
		String id = this.jdbc.sql("select id::text from shr_request where refusal_category is not null order by filed_at limit 1")
			.query(String.class)
			.single();
		String provider = this.jdbc.sql("select provider_agency_id::text from shr_request where id = ?::uuid")
			.param(id)
			.query(String.class)
			.single();
		assertThat(provider).isNotBlank();
		signIn("sn-coord");
		this.browser.get(url("/sharing/requests/" + id));
		assertThat(shown("#print-refusal")).isTrue();
		this.browser.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", "print"));
		assertThat(shown(".main-nav a")).as("the navigation in print").isFalse();
		assertThat(shown("form")).as("forms in print").isFalse();
		WebElement notice = this.browser.findElement(By.id("refusal-notice"));
		assertThat(notice.isDisplayed()).isTrue();
		assertThat(notice.getText()).contains("不予共享告知书", "决定不予共享", "理由", "依据", "政务数据共享条例");
	}
}
