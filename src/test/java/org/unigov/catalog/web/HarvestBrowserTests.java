package org.unigov.catalog.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.unigov.web.BrowserTest;

/**
 * The harvest's main path in real Chromium, as an agency admin: register a source, upload the
 * real data.ny.gov data.json, read the dry run's plan and problems in Chinese, run it for real
 * (watching the progress bar), and open the draft entry it created.
 */
class HarvestBrowserTests extends BrowserTest {

	/** The outcome line once the job's progress polling has ended with it, across page loads. */
	private String outcome(String expected) {
		return new WebDriverWait(this.browser, Duration.ofSeconds(30))
			.ignoring(org.openqa.selenium.StaleElementReferenceException.class)
			.until(d -> d.findElements(By.id("harvest-outcome"))
				.stream()
				.map(WebElement::getText)
				.filter(text -> text.contains(expected))
				.findFirst()
				.orElse(null));
	}

	@Test
	@DisplayName("upload a data.json, dry run, run for real, see the draft")
	void uploadDryRunRunAndSeeTheDraft() throws Exception {
		signIn("bl-samr-admin");
		this.browser.get(url("/catalog"));
		this.browser.findElement(By.linkText("目录采集")).click();
		assertHeading("外部目录采集");
		axeClean("harvest index");
		String name = "纽约州开放数据 " + UUID.randomUUID().toString().substring(0, 8);
		this.browser.findElement(By.id("h-name")).sendKeys(name);
		new Select(this.browser.findElement(By.id("h-classification"))).selectByValue("207");
		this.browser.findElement(By.cssSelector("form[action$='/catalog/harvest/sources'] button[type=submit]")).click();
		assertHeading(name);
		axeClean("harvest source");

		Path file = Path.of("src/test/resources/catalog/harvest/ny.data.json").toAbsolutePath();
		this.browser.findElement(By.id("harvest-file")).sendKeys(file.toString());
		this.browser.findElement(By.id("harvest-dry-run")).click();
		assertThat(outcome("试运行完成")).contains("将新增 1 个");
		String results = this.browser.findElement(By.id("harvest-results")).getText();
		assertThat(results).contains("State of New York Mortgage Agency", "将新增草稿", "来源未说明许可协议",
				"标题超出目录名称的长度上限", "分发（4 个）", "State of New York");
		assertThat(this.browser.findElements(By.cssSelector("#harvest-results a[href*='/catalog/entries/']"))).isEmpty();
		axeClean("harvest dry run");

		this.browser.findElement(By.id("harvest-confirm")).click();
		assertThat(outcome("导入完成")).contains("新增 1 个草稿");
		assertThat(this.browser.findElement(By.id("harvest-results")).getText()).contains("已新增草稿");
		axeClean("harvest run");

		this.browser.findElement(By.cssSelector("#harvest-results a[href*='/catalog/entries/']")).click();
		new WebDriverWait(this.browser, Duration.ofSeconds(10)).until(d -> d.getCurrentUrl().contains("/catalog/entries/"));
		String page = this.browser.findElement(By.tagName("main")).getText();
		assertThat(page).contains("State of New York Mortgage Agency", "草稿",
				"Financial and Geographic Information on SONYMA Loans purchased since 2004.");
		WebElement harvested = new WebDriverWait(this.browser, Duration.ofSeconds(10))
			.until(d -> d.findElements(By.id("harvested-heading")).stream().findFirst().orElse(null));
		assertThat(harvested.getText()).isEqualTo("采集来源信息");
		String source = this.browser.findElement(By.id("harvested")).getText();
		assertThat(source).contains("https://data.ny.gov/api/views/22ew-dxez", "State of New York", "来源未说明",
				"2016-07-21", "分发（4 个）", "text/csv", "https://data.ny.gov/api/views/22ew-dxez/rows.csv?accessType=DOWNLOAD");
		axeClean("harvested entry");
	}
}
