package org.unigov.sharing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.unigov.web.BrowserTest;

/**
 * The sharing path in real Chromium: a city agency requests a conditional entry of a provincial
 * department; the provider tries to refuse without reasons and is stopped (S3), then refuses with
 * them; the requester disputes (S9) and the provincial coordinator sees the dispute. The open-data
 * portal works signed out and lists only open entries (C5).
 */
class SharingBrowserTests extends BrowserTest {

	void signOutAndIn(String username) {
		this.browser.manage().deleteAllCookies();
		signIn(username);
	}

	@Test
	@DisplayName("S3 S9 request, refusal without reasons refused, refusal with reasons, dispute seen by the coordinator")
	void requestRefuseDispute() {
		signIn("xa-hrss-staff");
		this.browser.findElement(By.linkText("数据目录")).click();
		assertHeading("数据目录");
		this.browser.findElement(By.id("q")).sendKeys("机动车驾驶人");
		this.browser.findElement(By.cssSelector(".search-box button")).click();
		this.browser.findElement(By.linkText("机动车驾驶人信息")).click();
		assertHeading("机动车驾驶人信息");
		axeClean("entry page");
		this.browser.findElement(By.id("request-entry")).click();
		assertHeading("申请共享数据");
		new Select(this.browser.findElement(By.id("consumerSystemId"))).selectByIndex(1);
		this.browser.findElement(By.id("legalBasis")).sendKeys("《社会保险法》第七十四条");
		this.browser.findElement(By.id("useCase")).sendKeys("工伤认定中核验驾驶资格");
		this.browser.findElement(By.id("useScope")).sendKeys("西安市人社局工伤认定业务");
		this.browser.findElement(By.id("expectedVolume")).sendKeys("每日约200次");
		axeClean("request form");
		this.browser.findElement(By.id("file-request")).click();
		assertText(By.id("request-status"), "待答复");
		assertThat(this.browser.findElement(By.cssSelector(".clock")).getText()).contains("剩余 10 个工作日");
		String number = this.browser.findElement(By.cssSelector("h1 span")).getText();
		String requestUrl = this.browser.getCurrentUrl();

		signOutAndIn("sn-psb-staff");
		this.browser.findElement(By.linkText("数据共享")).click();
		this.browser.findElement(By.linkText("收到的申请")).click();
		this.browser.findElement(By.linkText(number)).click();
		new Select(this.browser.findElement(By.id("category"))).selectByValue("other");
		this.browser.findElement(By.id("refuse")).click();
		assertThat(this.browser.findElement(By.id("refusal")).getText()).contains("不予共享必须说明理由");
		assertText(By.id("request-status"), "待答复");
		new Select(this.browser.findElement(By.id("category"))).selectByValue("beyond-scope");
		this.browser.findElement(By.id("reasons")).sendKeys("工伤认定不属于目录载明的共享用途，且驾驶资格可由申请人出示电子驾驶证证明");
		this.browser.findElement(By.id("refuse")).click();
		assertText(By.id("request-status"), "不予共享");
		assertThat(this.browser.findElement(By.id("refusal-reasons")).getText()).contains("工伤认定不属于");
		axeClean("request page");

		signOutAndIn("xa-hrss-staff");
		this.browser.get(requestUrl);
		this.browser.findElement(By.id("grounds")).sendKeys("工伤认定属于社会保险法规定的法定职责，应在共享范围内");
		this.browser.findElement(By.id("dispute")).click();
		assertThat(this.browser.findElement(By.id("disputes-heading")).isDisplayed()).isTrue();
		assertThat(this.browser.findElement(By.cssSelector(".dispute")).getText()).contains("部门协商");

		signOutAndIn("sn-coord");
		this.browser.findElement(By.linkText("数据共享")).click();
		this.browser.findElement(By.linkText("统筹监督")).click();
		assertHeading("统筹监督");
		assertThat(this.browser.findElement(By.id("open-disputes")).getText()).contains(number).contains("机动车驾驶人信息");
		axeClean("oversight");
	}

	@Test
	@DisplayName("C5 the open-data portal loads signed out and lists only open entries")
	void openPortalSignedOut() {
		this.browser.get(url("/open"));
		assertHeading("陕西省公共数据开放目录");
		assertThat(this.browser.findElement(By.id("result-count")).getText()).matches("共 \\d+ 条结果");
		axeClean("open portal");
		// a not-open entry is not found even by its own words
		this.browser.findElement(By.id("q")).sendKeys("户籍人口");
		this.browser.findElement(By.cssSelector(".search-box button")).click();
		// read the results page only once it has replaced the form's page (else the text is stale, or old)
		assertThat(searched("户籍人口")).doesNotContain("全省户籍人口基础信息");
		this.browser.findElement(By.id("q")).clear();
		this.browser.findElement(By.id("q")).sendKeys("行政处罚");
		this.browser.findElement(By.cssSelector(".search-box button")).click();
		assertThat(searched("行政处罚")).contains("行政处罚信息");
		this.browser.findElement(By.linkText("行政处罚信息")).click();
		assertHeading("行政处罚信息");
		assertThat(this.browser.findElement(By.tagName("main")).getText()).contains("creativecommons.org/licenses/by/4.0");
		assertThat(this.browser.findElements(By.cssSelector(".account .who"))).as("signed out").isEmpty();
	}

	/** The text of the results page for {@code query}, once the browser is on it. */
	private String searched(String query) {
		return new WebDriverWait(this.browser, Duration.ofSeconds(10))
			.ignoring(org.openqa.selenium.StaleElementReferenceException.class)
			.until(d -> java.net.URLDecoder.decode(d.getCurrentUrl(), java.nio.charset.StandardCharsets.UTF_8)
				.contains("q=" + query) ? d.findElement(By.tagName("main")).getText() : null);
	}
}
