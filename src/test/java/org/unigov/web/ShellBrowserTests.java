package org.unigov.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The main path through the shell in real Chromium: a demo coordinator signs in, switches to
 * English, and opens every area in the navigation; axe-core finds no serious or critical
 * accessibility violation on any page.
 */
class ShellBrowserTests extends BrowserTest {

	@Test
	@DisplayName("A coordinator signs in, switches language and opens every area; axe-core is clean everywhere")
	void coordinatorWalksThroughTheShell() {
		this.browser.get(url("/"));
		assertThat(this.browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("zh-CN");
		assertHeading("统一政务平台");
		assertThat(Browser.seriousViolations(this.browser)).as("axe on the public home page").isEmpty();

		this.browser.findElement(By.linkText("登录")).click();
		assertThat(Browser.seriousViolations(this.browser)).as("axe on the sign-in page").isEmpty();
		this.browser.findElement(By.id("username")).sendKeys("xa-coord");
		this.browser.findElement(By.id("password")).sendKeys("demo");
		this.browser.findElement(By.cssSelector("form.form button[type=submit]")).click();
		assertThat(this.browser.findElement(By.cssSelector(".account .who")).getText()).contains("xa-coord");
		assertThat(this.browser.findElement(By.cssSelector(".demo-banner")).getText()).contains("演示");

		this.browser.findElement(By.cssSelector("a[hreflang=en]")).click();
		this.browser.findElement(By.cssSelector("html[lang=en]"));
		assertHeading("Unigov");

		Map<String, String> areas = new LinkedHashMap<>();
		for (WebElement link : this.browser.findElements(By.cssSelector("nav.main-nav a"))) {
			areas.put(link.getAttribute("href"), link.getText());
		}
		assertThat(areas.values()).anyMatch(text -> text.contains("Organization"))
			.anyMatch(text -> text.contains("Audit"))
			.anyMatch(text -> text.contains("Systems registry"));
		assertThat(areas).hasSizeGreaterThanOrEqualTo(10);

		List<String> problems = new ArrayList<>();
		areas.forEach((href, label) -> {
			this.browser.get(href);
			String title = this.browser.getTitle();
			if (title.startsWith("Error") || title.startsWith("出错")) {
				problems.add(label + " shows an error page: " + title);
			}
			if (!"en".equals(this.browser.findElement(By.tagName("html")).getAttribute("lang"))) {
				problems.add(label + " lost the language choice");
			}
			Browser.seriousViolations(this.browser).forEach(v -> problems.add(label + ": " + v));
		});
		assertThat(problems).isEmpty();

		this.browser.get(url("/areas/services"));
		assertThat(this.browser.findElement(By.cssSelector(".notice")).getText()).contains("Not built yet");

		this.browser.findElement(By.cssSelector("a[hreflang=zh-CN]")).click();
		this.browser.findElement(By.cssSelector("html[lang=zh-CN]"));
		assertHeading("政务服务");
	}

	@Test
	@DisplayName("A coordinator registers an agency in their city through the form and sees it with its history")
	void coordinatorCreatesAnAgency() {
		signIn("xa-coord");
		this.browser.get(url("/organization"));
		assertThat(Browser.seriousViolations(this.browser)).isEmpty();
		this.browser.findElement(By.linkText("新建部门")).click();
		assertThat(Browser.seriousViolations(this.browser)).isEmpty();
		this.browser.findElement(By.id("creditCode"))
			.sendKeys(org.unigov.shared.ident.CreditCode.complete("11610100MB0007701"));
		this.browser.findElement(By.id("nameZh")).sendKeys("西安市浏览器测试局");
		new org.openqa.selenium.support.ui.Select(this.browser.findElement(By.id("divisionCode"))).selectByValue("610100");
		this.browser.findElement(By.cssSelector("form.form button[type=submit]")).click();
		assertThat(this.browser.findElement(By.cssSelector("p.success")).getText()).isEqualTo("已保存。");
		assertHeading("西安市浏览器测试局");
		// the history names the action in Chinese and keeps its code small beside it
		assertThat(this.browser.findElements(By.xpath("//small[@class='code'][text()='agency.created']"))).hasSize(1);
		assertThat(this.browser.findElement(By.id("history-heading")).findElement(By.xpath("following-sibling::table"))
			.getText()).contains("新建部门");
		assertThat(Browser.seriousViolations(this.browser)).isEmpty();

		this.browser.findElement(By.linkText("工作人员")).click();
		assertThat(Browser.seriousViolations(this.browser)).isEmpty();

		this.browser.get(url("/organization"));
		this.browser.findElement(By.linkText("雁塔区")).click();
		assertThat(this.browser.findElement(By.cssSelector("dd.mono")).getText()).isEqualTo("610113");
		assertThat(this.browser.findElements(By.id("rename-heading"))).as("only a platform admin renames").isEmpty();
		assertThat(Browser.seriousViolations(this.browser)).isEmpty();
	}

	@Test
	@DisplayName("The audit view searches with htmx and verifies the chain")
	void auditorSearchesAndVerifies() {
		signIn("sn-auditor");
		this.browser.get(url("/audit"));
		assertThat(Browser.seriousViolations(this.browser)).isEmpty();
		this.browser.findElement(By.id("action")).sendKeys("agency.created");
		this.browser.findElement(By.cssSelector("form.filters button[type=submit]")).click();
		new org.openqa.selenium.support.ui.WebDriverWait(this.browser, java.time.Duration.ofSeconds(10))
			.until(d -> d.getCurrentUrl().contains("action=agency.created"));
		List<WebElement> actions = this.browser.findElements(By.cssSelector("#results tbody td:nth-child(4) small.code"));
		assertThat(actions).isNotEmpty().allSatisfy(cell -> assertThat(cell.getText()).isEqualTo("agency.created"));

		this.browser.findElement(By.cssSelector("button[hx-get$='/audit/verify']")).click();
		new org.openqa.selenium.support.ui.WebDriverWait(this.browser, java.time.Duration.ofSeconds(10))
			.until(d -> !d.findElements(By.cssSelector("#verification .success")).isEmpty());
		assertThat(this.browser.findElement(By.cssSelector("#verification .success")).getText()).contains("审计链完整");
	}
}
