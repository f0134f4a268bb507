package org.unigov.projects;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.unigov.web.BrowserTest;

/**
 * The project path in real Chromium: a county agency admin proposes a system that duplicates a
 * registered one (P3), is stopped at submission, justifies the overlap and submits; the county,
 * city and province coordinators approve in turn (P5) and the province's auditor reviews the budget;
 * the auditor then sees the project in the portfolio.
 */
class ProjectBrowserTests extends BrowserTest {

	void signOutAndIn(String username) {
		this.browser.manage().deleteAllCookies();
		signIn(username);
	}

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

	/**
	 * Waits up to 10 s for a condition on the page a click navigates to: until then the old page
	 * may still be shown, or be replaced while it is read.
	 */
	void await(java.util.function.Supplier<Boolean> condition) {
		new org.openqa.selenium.support.ui.WebDriverWait(this.browser, java.time.Duration.ofSeconds(10))
			.ignoring(org.openqa.selenium.StaleElementReferenceException.class)
			.ignoring(org.openqa.selenium.NoSuchElementException.class)
			.until(driver -> condition.get());
	}

	void awaitStatus(String status) {
		await(() -> status.equals(this.browser.findElement(By.id("project-status")).getAttribute("data-status")));
	}

	void awaitNotice(String text) {
		await(() -> text.equals(this.browser.findElement(By.cssSelector("p.notice")).getText()));
	}

	String outcome(String gate) {
		return this.browser.findElement(By.cssSelector("#gate-" + gate + " [data-outcome]")).getAttribute("data-outcome");
	}

	void approveAs(String coordinator, String name) {
		signOutAndIn(coordinator);
		this.browser.findElement(By.linkText("项目管理")).click();
		assertHeading("项目管理");
		this.browser.findElement(By.linkText("待我审核")).click();
		assertHeading("待我审核");
		this.browser.findElement(By.linkText(name)).click();
		await(() -> this.browser.findElement(By.id("decision-form")).isDisplayed());
		this.browser.findElement(By.id("comment")).sendKeys("同意，请按批复内容实施。");
		this.browser.findElement(By.id("approve")).click();
		awaitNotice("已记录审核决定。");
	}

	@Test
	@DisplayName("P3 P5 a duplicate warning justified, then county, city and province approve; the auditor sees it in the portfolio")
	void proposeJustifyApprove() {
		String name = "雁塔区居家养老服务管理平台" + System.nanoTime() % 10000;
		signIn("yt-civil-admin");
		this.browser.findElement(By.linkText("项目管理")).click();
		assertHeading("项目管理");
		this.browser.findElement(By.linkText("项目申报")).click();
		assertHeading("项目申报");
		type("name", name);
		type("summary", "整合辖区养老机构和居家养老服务资源，提供老年人信息管理、服务派单和助餐补贴核算。");
		new Select(this.browser.findElement(By.id("path"))).selectByValue("urgent");
		type("urgencyReason", "居家养老服务补贴政策2027年起施行。");
		Select capabilities = new Select(this.browser.findElement(By.id("capabilities")));
		capabilities.selectByValue("elderly-care");
		capabilities.selectByValue("smart-community");
		typeName("publishes", "居家养老服务工单记录 | 按月汇总的服务工单");
		new Select(this.browser.findElement(By.name("budgetKind[0]"))).selectByValue("build");
		typeName("budgetYear[0]", "2027");
		new Select(this.browser.findElement(By.name("budgetSource[0]"))).selectByValue("county-fiscal");
		typeName("budgetYuan[0]", "4,800,000");
		new Select(this.browser.findElement(By.name("budgetKind[1]"))).selectByValue("om");
		typeName("budgetYear[1]", "2028");
		new Select(this.browser.findElement(By.name("budgetSource[1]"))).selectByValue("county-fiscal");
		typeName("budgetYuan[1]", "300,000");
		new Select(this.browser.findElement(By.name("targetIndicator[0]"))).selectByValue("monthly-active-users");
		typeName("targetName[0]", "平台月活跃老年用户");
		typeName("targetUnit[0]", "人");
		typeName("targetBaseline[0]", "0");
		typeName("targetValue[0]", "3000");
		this.browser.executeScript("arguments[0].value = arguments[1]", this.browser.findElement(By.name("targetDue[0]")),
				LocalDate.now().plusYears(2).toString());
		axeClean("proposal form");
		this.browser.findElement(By.id("save-project")).click();
		awaitStatus("draft");
		assertThat(this.browser.findElement(By.id("project-total")).getText()).contains("¥5,100,000.00");
		// the gates as they stand: the registered elderly-care platform duplicates it
		assertThat(outcome("duplicate")).isEqualTo("fail");
		assertThat(this.browser.findElement(By.id("gate-duplicate")).getText()).contains("雁塔区智慧养老服务平台");
		axeClean("project page");
		this.browser.findElement(By.id("submit-project")).click();
		await(() -> this.browser.findElement(By.id("refusal")).getText().contains("项目未通过提交检查"));
		assertThat(this.browser.findElement(By.id("project-status")).getAttribute("data-status")).isEqualTo("draft");
		// justified, and submitted: a warning the reviewers see
		this.browser.findElement(By.id("edit-project")).click();
		assertHeading("修改申报");
		type("overlapJustification", "现有智慧养老服务平台只覆盖养老机构，本项目扩展居家养老上门服务派单，并与其对接。");
		this.browser.findElement(By.id("save-project")).click();
		awaitNotice("已保存修改。");
		assertThat(outcome("duplicate")).isEqualTo("warn");
		this.browser.findElement(By.id("submit-project")).click();
		awaitStatus("in-review");
		assertThat(this.browser.findElements(By.cssSelector("#steps tr[data-kind=approval]"))).hasSize(3);
		String projectUrl = this.browser.getCurrentUrl();

		approveAs("yt-coord", name);
		approveAs("xa-coord", name);
		approveAs("sn-coord", name);
		assertThat(this.browser.findElement(By.id("project-status")).getAttribute("data-status")).isEqualTo("in-review");
		approveAs("sn-auditor", name);
		awaitStatus("approved");
		axeClean("approved project");

		this.browser.findElement(By.linkText("项目全景")).click();
		assertHeading("项目全景");
		assertThat(this.browser.findElement(By.id("recent")).getText()).contains(name);
		// the chart is drawn by a deferred script
		await(() -> !this.browser.findElement(By.id("pipeline-chart")).findElements(By.tagName("svg")).isEmpty());
		axeClean("portfolio");
		this.browser.get(projectUrl + "?lang=en");
		await(() -> "History".equals(this.browser.findElement(By.id("history-heading")).getText()));
	}

	void openProject(String name) {
		this.browser.get(url("/projects?q=" + java.net.URLEncoder.encode(name, java.nio.charset.StandardCharsets.UTF_8)));
		this.browser.findElement(By.linkText(name)).click();
		await(() -> this.browser.findElement(By.tagName("h1")).getText().endsWith(name));
	}

	String field(String name) {
		return this.browser.findElement(By.name(name)).getDomProperty("value");
	}

	/** The plan as its fields hold it, one line a row. */
	String plan() {
		StringBuilder plan = new StringBuilder();
		for (int i = 0; !this.browser.findElements(By.name("milestoneName[" + i + "]")).isEmpty(); i++) {
			plan.append(field("milestoneName[" + i + "]")).append(" | ").append(field("milestonePlanned[" + i + "]"))
				.append(" | ").append(field("milestoneActual[" + i + "]")).append(" | ").append(field("milestoneWeight[" + i + "]"))
				.append('\n');
		}
		return plan.toString();
	}

	@Test
	@DisplayName("a milestone plan is one row a milestone with date fields; it saves as shown in either language, and a refusal keeps the input and says why in Chinese")
	void milestonePlanSavesAsShown() {
		signIn("yt-civil-admin");
		openProject("雁塔区社区助餐点服务系统");
		String shown = plan();
		assertThat(shown).as("the plan's rows").matches("(?s)需求调研与设计 \\| \\d{4}-\\d{2}-\\d{2} \\| \\d{4}-\\d{2}-\\d{2} \\| 30\n.*")
			.endsWith(" |  |  | \n |  |  | \n");
		assertThat(this.browser.findElement(By.name("milestonePlanned[0]")).getAttribute("type")).isEqualTo("date");
		axeClean("milestone plan");
		this.browser.findElement(By.id("save-milestones")).click();
		awaitNotice("已保存里程碑计划。");
		assertThat(plan()).isEqualTo(shown);
		// a weight the server cannot read: refused with the reason in Chinese, the input kept
		typeName("milestoneWeight[0]", "三十");
		this.browser.findElement(By.id("save-milestones")).click();
		await(() -> this.browser.findElement(By.id("refusal")).isDisplayed());
		String refusal = this.browser.findElement(By.id("refusal")).getText();
		assertThat(refusal).contains("权重").doesNotContain("invalid_parameter").doesNotContain("参数无效");
		assertThat(field("milestoneWeight[0]")).isEqualTo("三十");
		assertThat(plan()).isEqualTo(shown.replaceFirst("\\| 30\n", "| 三十\n"));
		axeClean("refused milestone plan");
		this.browser.get(this.browser.getCurrentUrl() + "?lang=en");
		await(() -> "History".equals(this.browser.findElement(By.id("history-heading")).getText()));
		assertThat(plan()).isEqualTo(shown);
		this.browser.findElement(By.id("save-milestones")).click();
		awaitNotice("The milestone plan is saved.");
		assertThat(plan()).isEqualTo(shown);
	}

	@Test
	@DisplayName("P2 P5 the gate table names the approval route, its divisions and the data resources to publish")
	void gatesShowRouteAndResources() {
		signIn("yt-civil-admin");
		openProject("雁塔区居家养老服务管理平台");
		String budget = this.browser.findElement(By.id("gate-budget")).getText();
		assertThat(budget).contains("县级").contains("雁塔区").contains("市级").contains("西安市").contains("¥4,000,000.00")
			.doesNotContain("610113").doesNotContain("610100");
		assertThat(this.browser.findElement(By.id("gate-sharing")).getText()).contains("拟发布数据资源：")
			.contains("雁塔区居家养老服务管理业务数据");
		axeClean("gates");
		this.browser.get(this.browser.getCurrentUrl() + "?lang=en");
		await(() -> "History".equals(this.browser.findElement(By.id("history-heading")).getText()));
		assertThat(this.browser.findElement(By.id("gate-budget")).getText()).contains("county").contains("Xi'an")
			.doesNotContain("县级");
	}

	@Test
	@DisplayName("each budget line and each resource to obtain is a labelled group of fields; the choices are shown in full")
	void budgetLinesAreLabelledGroups() {
		signIn("yt-civil-admin");
		this.browser.get(url("/projects/new"));
		assertHeading("项目申报");
		WebElement kind = this.browser.findElement(By.name("budgetKind[0]"));
		assertThat(this.browser.findElement(By.cssSelector("label[for='" + kind.getAttribute("id") + "']")).getText())
			.isEqualTo("费用类别");
		assertThat(this.browser.findElement(By.cssSelector("#budget-line-0 legend")).getText()).isEqualTo("第 1 项");
		assertThat(this.browser.findElement(By.cssSelector("label[for='obtainCode0']")).getText()).isEqualTo("目录资源编码");
		assertThat(this.browser.findElement(By.cssSelector("#obtain-0 legend")).getText()).isEqualTo("拟获取资源 1");
		WebElement source = this.browser.findElement(By.name("budgetSource[0]"));
		// wide enough for the longest funding source, not cut to its first characters
		Number needed = (Number) this.browser.executeScript("""
				const select = arguments[0], probe = document.createElement('span');
				probe.style.font = getComputedStyle(select).font;
				probe.textContent = [...select.options].map(o => o.text).reduce((a, b) => a.length >= b.length ? a : b);
				document.body.append(probe);
				const width = probe.getBoundingClientRect().width;
				probe.remove();
				return width;""", source);
		assertThat(source.getRect().getWidth()).isGreaterThan(needed.intValue() + 20);
		axeClean("proposal form");
	}
}
