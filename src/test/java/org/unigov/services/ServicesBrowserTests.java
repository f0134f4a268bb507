package org.unigov.services;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;
import java.util.function.Supplier;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.unigov.web.BrowserTest;

/** The main path of service matters in Chromium: an agency drafts and publishes, a citizen finds it by life event. */
class ServicesBrowserTests extends BrowserTest {

	@Autowired
	JdbcClient jdbc;

	void type(By locator, String text) {
		WebElement field = this.browser.findElement(locator);
		field.clear();
		field.sendKeys(text);
	}

	void await(Supplier<Boolean> condition) {
		new WebDriverWait(this.browser, Duration.ofSeconds(10)).ignoring(StaleElementReferenceException.class)
			.ignoring(NoSuchElementException.class)
			.until(driver -> condition.get());
	}

	@Test
	@DisplayName("Staff draft a matter with a prefillable field, the admin publishes it, a citizen finds it under its life event")
	void aMatterFromDraftToACitizensSearch() {
		String name = "城乡居民最低生活保障申请" + UUID.randomUUID().toString().substring(0, 6);
		String entry = this.jdbc.sql("select code from cat_entry where name = '全省户籍人口基础信息'").query(String.class).single();

		signIn("yt-civil-staff");
		this.browser.get(url("/services"));
		assertHeading("政务服务事项");
		this.browser.findElement(By.linkText("新建事项")).click();
		assertHeading("新建事项");
		type(By.id("name"), name);
		type(By.id("legalBasis"), "《社会救助暂行办法》第九条至第十一条");
		type(By.id("timeLimitDays"), "20");
		this.browser.findElement(By.cssSelector("input[name=lifeEvents][value=hardship]")).click();
		type(By.name("fields[0].label"), "申请人姓名");
		type(By.name("fields[0].entryCode"), entry);
		type(By.name("fields[0].itemName"), "姓名");
		type(By.name("fields[1].label"), "家庭月收入");
		new Select(this.browser.findElement(By.name("fields[1].type"))).selectByValue("number");
		type(By.name("materials[0].name"), "户口簿");
		axeClean("the matter form");
		this.browser.findElement(By.id("save-matter")).click();

		await(() -> "draft".equals(this.browser.findElement(By.id("matter-status")).getAttribute("data-status")));
		assertThat(this.browser.findElement(By.tagName("main")).getText()).contains("全省户籍人口基础信息（姓名）", "由申请人填写");
		String matterUrl = this.browser.getCurrentUrl();
		axeClean("a draft matter");

		this.browser.manage().deleteAllCookies();
		signIn("yt-civil-admin");
		this.browser.get(matterUrl);
		this.browser.findElement(By.id("publish-matter")).click();
		await(() -> "published".equals(this.browser.findElement(By.id("matter-status")).getAttribute("data-status")));

		this.browser.manage().deleteAllCookies();
		signIn("citizen");
		this.browser.get(url("/services"));
		this.browser.findElement(By.partialLinkText("困难救助")).click();
		await(() -> !this.browser.findElements(By.linkText(name)).isEmpty());
		axeClean("matters under a life event");
		this.browser.findElement(By.linkText(name)).click();
		assertHeading(name);
		assertThat(this.browser.findElement(By.tagName("main")).getText()).contains("20个工作日", "雁塔区民政局", "户口簿")
			.doesNotContain("编辑");
		axeClean("a published matter, seen by a citizen");
	}
}
