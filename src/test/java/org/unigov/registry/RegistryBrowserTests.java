package org.unigov.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.unigov.web.BrowserTest;

/**
 * The registry's main paths in real Chromium: an agency admin imports a spreadsheet (a dry run,
 * then the real import) and checks a planned system for duplicates; a coordinator opens the
 * duplicate-cluster report. axe-core finds no serious or critical violation on any page visited.
 */
class RegistryBrowserTests extends BrowserTest {

	@Autowired
	JdbcClient jdbc;

	private String outcome() {
		return new WebDriverWait(this.browser, Duration.ofSeconds(30))
			.until(d -> d.findElements(By.id("import-outcome")).isEmpty() ? null
					: d.findElement(By.id("import-outcome")).getText());
	}

	@Test
	@DisplayName("An agency admin checks a spreadsheet, imports it, sees the systems and checks a plan for duplicates")
	void agencyAdminImportsASpreadsheet() throws Exception {
		String prefix = RegistryFixtures.unique("浏览器导入");
		Path file = Files.createTempFile("inventory", ".xlsx");
		Files.write(file, RegistryFixtures.xlsx(List.of(
				RegistryFixtures.row(prefix + "一", "yt-civil", "2022-02-02", "800000", "120000").split(",", -1),
				RegistryFixtures.row(prefix + "二", "yt-civil", "2023-03-03", "300000", "60000").split(",", -1))));
		signIn("yt-civil-admin");
		this.browser.findElement(By.linkText("系统登记")).click();
		assertThat(this.browser.findElement(By.tagName("h1")).getText()).isEqualTo("系统登记");
		axeClean("the registry list");

		this.browser.findElement(By.linkText("批量导入")).click();
		axeClean("the import page");
		this.browser.findElement(By.id("file")).sendKeys(file.toString());
		this.browser.findElement(By.cssSelector("form.form button[type=submit]")).click();
		assertThat(outcome()).contains("检查通过").contains("2");
		axeClean("the dry-run report");
		assertThat(this.jdbc.sql("select count(*) from reg_system where name like ?")
			.param(prefix + "%")
			.query(Long.class)
			.single()).isZero();

		this.browser.findElement(By.linkText("导入其他文件")).click();
		this.browser.findElement(By.id("file")).sendKeys(file.toString());
		this.browser.findElement(By.cssSelector("input[name=dryRun][value=false]")).click();
		this.browser.findElement(By.cssSelector("form.form button[type=submit]")).click();
		assertThat(outcome()).contains("已导入 2 个系统");

		this.browser.get(url("/registry?q=" + prefix));
		this.browser.findElement(By.linkText(prefix + "一")).click();
		assertThat(this.browser.findElement(By.tagName("h1")).getText()).isEqualTo(prefix + "一");
		assertThat(this.browser.findElement(By.id("history-heading")).isDisplayed()).isTrue();
		axeClean("the system page");

		this.browser.get(url("/registry/systems/new"));
		this.browser.findElement(By.id("name")).sendKeys("雁塔区困难群众救助系统");
		this.browser.findElement(By.id("summary")).sendKeys("社会救助申请受理、家庭经济状况核对和救助资金发放。");
		this.browser.findElement(By.cssSelector("input[name=capabilities][value=social-assistance]")).click();
		this.browser.findElement(By.cssSelector("button[hx-post]")).click();
		new WebDriverWait(this.browser, Duration.ofSeconds(10)).until(
				d -> d.findElement(By.id("form-similar")).getText().contains("雁塔区社会救助信息管理系统"));
		axeClean("the registration form with duplicate-check results");

		this.browser.get(url("/registry/similar"));
		this.browser.findElement(By.id("name")).sendKeys("雁塔区社会救助审批系统");
		this.browser.findElement(By.id("summary")).sendKeys("为困难群众提供社会救助申请、审核审批和资金发放管理。");
		new Select(this.browser.findElement(By.id("divisionCode"))).selectByValue("610113");
		this.browser.findElement(By.cssSelector("input[name=capabilities][value=social-assistance]")).click();
		this.browser.findElement(By.cssSelector("form.form button[type=submit]")).click();
		String results = this.browser.findElement(By.id("results")).getText();
		assertThat(results).contains("雁塔区社会救助信息管理系统").contains("功能相同");
		axeClean("the duplicate finder");
	}

	@Test
	@DisplayName("Saving a likely duplicate shows the matches and saves only on explicit confirmation")
	void aLikelyDuplicateIsSavedOnlyOnConfirmation() {
		String name = RegistryFixtures.unique("雁塔区社会救助综合管理平台");
		signIn("yt-civil-admin");
		this.browser.get(url("/registry/systems/new"));
		this.browser.findElement(By.id("name")).sendKeys(name);
		this.browser.findElement(By.id("summary"))
			.sendKeys("办理最低生活保障、特困供养和临时救助申请审核，开展家庭经济状况核对和救助资金发放。");
		this.browser.findElement(By.cssSelector("input[name=capabilities][value=social-assistance]")).click();
		new Select(this.browser.findElement(By.id("status"))).selectByValue("planned");
		this.browser.findElement(By.cssSelector("form.form button[type=submit]")).click();

		String warning = this.browser.findElement(By.id("duplicates")).getText();
		assertThat(warning).contains("可能重复建设").contains("雁塔区社会救助信息管理系统").contains("雁塔区民政局")
			.contains("相似度").contains("功能相同");
		axeClean("the duplicate confirmation");
		assertThat(count(name)).isZero();

		// saving again without ticking the confirmation still saves nothing
		this.browser.findElement(By.cssSelector("form.form button[type=submit]")).click();
		assertThat(this.browser.findElement(By.id("duplicates")).isDisplayed()).isTrue();
		assertThat(count(name)).isZero();

		this.browser.findElement(By.id("confirmDuplicates")).click();
		this.browser.findElement(By.cssSelector("form.form button[type=submit]")).click();
		// the system's page replaces the form: wait for it rather than read the old page's heading
		new WebDriverWait(this.browser, Duration.ofSeconds(10)).ignoring(StaleElementReferenceException.class)
			.until(d -> d.findElement(By.tagName("h1")).getText().equals(name));
		assertThat(count(name)).isEqualTo(1);
		assertThat(this.browser.findElement(By.id("main")).getText()).contains("雁塔区社会救助信息管理系统");
	}

	private long count(String name) {
		return this.jdbc.sql("select count(*) from reg_system where name = ?").param(name).query(Long.class).single();
	}

	@Test
	@DisplayName("A coordinator opens the duplicate-cluster report of the city")
	void coordinatorOpensTheClusterReport() {
		signIn("xa-coord");
		this.browser.get(url("/registry"));
		this.browser.findElement(By.linkText("重复建设分析")).click();
		new Select(this.browser.findElement(By.id("divisionCode"))).selectByValue("610100");
		var submit = this.browser.findElement(By.cssSelector("form.filters button[type=submit]"));
		submit.click();
		// the report is a new page: wait until the old one is gone before reading it
		new WebDriverWait(this.browser, Duration.ofSeconds(10))
			.until(org.openqa.selenium.support.ui.ExpectedConditions.stalenessOf(submit));
		String summary = this.browser.findElement(By.cssSelector("h2.summary")).getText();
		assertThat(summary).contains("组疑似重复建设").contains("¥");
		assertThat(this.browser.findElement(By.cssSelector("article.cluster")).getText()).contains("城市运行");
		axeClean("the cluster report");

		var english = this.browser.findElement(By.cssSelector("a[hreflang=en]"));
		english.click();
		new WebDriverWait(this.browser, Duration.ofSeconds(10))
			.until(org.openqa.selenium.support.ui.ExpectedConditions.stalenessOf(english));
		assertThat(this.browser.findElement(By.cssSelector("h2.summary")).getText()).contains("clusters of likely duplicates");
		axeClean("the English cluster report");
	}
}
