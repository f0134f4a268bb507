package org.unigov.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.unigov.web.BrowserTest;

/**
 * Issue 16: a project form offers registered systems to reuse (the registry's picker), and the
 * project page shows the systems chosen.
 */
class RegistryReuseBrowserTests extends BrowserTest {

	void type(String id, String text) {
		WebElement field = this.browser.findElement(By.id(id));
		field.clear();
		field.sendKeys(text);
	}

	void typeName(String name, String text) {
		WebElement field = this.browser.findElement(By.name(name));
		field.clear();
		field.sendKeys(text);
	}

	void await(java.util.function.Supplier<Boolean> condition) {
		new WebDriverWait(this.browser, Duration.ofSeconds(10)).ignoring(StaleElementReferenceException.class)
			.ignoring(org.openqa.selenium.NoSuchElementException.class)
			.until(driver -> condition.get());
	}

	@Test
	@DisplayName("A proposer finds a registered system on the project form, chooses to reuse it and sees it on the project page")
	void aProposerChoosesASystemToReuse() {
		String name = RegistryFixtures.unique("雁塔区居家养老上门服务项目");
		signIn("yt-civil-admin");
		this.browser.get(url("/projects/new"));
		type("name", name);
		type("summary", "为居家老人提供上门助餐、助洁服务派单和补贴核算。");
		new Select(this.browser.findElement(By.id("capabilities"))).selectByValue("elderly-care");
		new Select(this.browser.findElement(By.name("budgetKind[0]"))).selectByValue("build");
		typeName("budgetYear[0]", "2027");
		new Select(this.browser.findElement(By.name("budgetSource[0]"))).selectByValue("county-fiscal");
		typeName("budgetYuan[0]", "800,000");
		new Select(this.browser.findElement(By.name("targetIndicator[0]"))).selectByValue("monthly-active-users");
		typeName("targetName[0]", "上门服务月活跃老年用户");
		typeName("targetUnit[0]", "人");
		typeName("targetBaseline[0]", "0");
		typeName("targetValue[0]", "500");
		this.browser.executeScript("arguments[0].value = arguments[1]", this.browser.findElement(By.name("targetDue[0]")),
				LocalDate.now().plusYears(2).toString());

		// the picker lists the shared platforms at first, and finds any registered system by name or function
		await(() -> this.browser.findElement(By.id("reuse-options")).getText().contains("共享平台"));
		type("reuse-q", "养老");
		await(() -> this.browser.findElement(By.id("reuse-options")).getText().contains("雁塔区智慧养老服务平台"));
		axeClean("the project form with systems to reuse");
		WebElement choice = this.browser.findElements(By.cssSelector("#reuse-options li"))
			.stream()
			.filter(li -> li.getText().contains("雁塔区智慧养老服务平台"))
			.findFirst()
			.orElseThrow();
		assertThat(choice.getText()).contains("雁塔区民政局");
		choice.findElement(By.cssSelector("input[type=checkbox]")).click();
		this.browser.findElement(By.id("save-project")).click();

		await(() -> "draft".equals(this.browser.findElement(By.id("project-status")).getAttribute("data-status")));
		WebElement reused = this.browser.findElement(By.cssSelector("ul.reuse-list"));
		assertThat(reused.getText()).contains("雁塔区智慧养老服务平台");
		assertThat(reused.findElement(By.linkText("雁塔区智慧养老服务平台")).getAttribute("href")).contains("/registry/systems/");
		axeClean("the project page with the system it reuses");

		// editing keeps the choice ticked
		this.browser.findElement(By.id("edit-project")).click();
		await(() -> !this.browser.findElements(By.cssSelector("#reuse-chosen input[type=checkbox]:checked")).isEmpty());
		assertThat(this.browser.findElement(By.id("reuse-chosen")).getText()).contains("雁塔区智慧养老服务平台");
	}
}
