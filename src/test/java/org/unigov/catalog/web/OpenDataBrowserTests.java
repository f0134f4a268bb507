package org.unigov.catalog.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.unigov.web.BrowserTest;

/**
 * The open-data portal's main paths in real Chromium: the provider's staff upload a file, a
 * citizen signed out downloads it from /open under its Chinese name and checks its SHA-256 against
 * the page; a citizen applies for conditionally open data and the providing department sees and
 * answers the application, and the citizen sees the answer.
 */
class OpenDataBrowserTests extends BrowserTest {

	@Autowired
	JdbcClient jdbc;

	String entry(String name) {
		return jdbc.sql("select id::text from cat_entry where name = ?").param(name).query(String.class).single();
	}

	static String sha256(byte[] bytes) throws Exception {
		return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
	}

	@Test
	@DisplayName("C5 a file uploaded by the provider is downloaded signed out and matches its published SHA-256")
	void downloadAndVerify() throws Exception {
		String id = entry("雁塔区养老服务机构名录");
		Path upload = Files.createTempDirectory("unigov-upload").resolve("养老服务机构名录.csv");
		String marker = "browser-" + System.nanoTime();
		Files.writeString(upload, "机构名称,地址,床位数\n雁塔区第一社会福利院,雁塔区长安南路1号,320\n" + marker + "\n",
				StandardCharsets.UTF_8);

		signIn("yt-civil-staff");
		this.browser.get(url("/catalog/entries/" + id));
		this.browser.findElement(By.id("file-title")).sendKeys("养老服务机构名录 " + marker);
		this.browser.findElement(By.id("file-input")).sendKeys(upload.toString());
		this.browser.findElement(By.cssSelector("#file-upload button[type=submit]")).click();
		new WebDriverWait(this.browser, Duration.ofSeconds(10))
			.until(d -> d.findElements(By.cssSelector("#file-table")).stream().anyMatch(t -> t.getText().contains(marker)));
		axeClean("the entry page with its files");

		this.browser.manage().deleteAllCookies();
		Path downloads = Files.createTempDirectory("unigov-downloads");
		this.browser.executeCdpCommand("Browser.setDownloadBehavior",
				Map.of("behavior", "allow", "downloadPath", downloads.toString()));
		this.browser.get(url("/open/resources/" + id));
		assertHeading("雁塔区养老服务机构名录");
		axeClean("the open resource page with downloads");
		var row = this.browser.findElements(By.cssSelector("#download-table tbody tr"))
			.stream()
			.filter(r -> r.getText().contains(marker))
			.findFirst()
			.orElseThrow();
		String published = row.findElement(By.cssSelector(".sha256")).getText().strip();
		row.findElement(By.cssSelector("a.download")).click();

		Path file = downloads.resolve("养老服务机构名录.csv");
		new WebDriverWait(this.browser, Duration.ofSeconds(15)).until(d -> Files.exists(file));
		assertThat(Files.readAllBytes(file)).isEqualTo(Files.readAllBytes(upload));
		assertThat(sha256(Files.readAllBytes(file))).isEqualTo(published);
	}

	private void setPeriod() {
		this.browser.executeScript("document.getElementById('periodFrom').value = arguments[0];"
				+ "document.getElementById('periodTo').value = arguments[1];",
				java.time.LocalDate.now().toString(), java.time.LocalDate.now().plusMonths(3).toString());
	}

	@Test
	@DisplayName("C5 S2 a citizen applies for conditionally open data; the provider sees it and replies; the citizen reads the reply")
	void applyForConditionalData() {
		String id = entry("宝鸡市国土空间规划数据");
		String purpose = "宝鸡市城市更新规划研究（课题编号 " + System.nanoTime() + "）";

		this.browser.get(url("/open/resources/" + id));
		this.browser.findElement(By.id("apply-link")).click();
		// not signed in: the sign-in page first, then back to the form
		this.browser.findElement(By.id("username")).sendKeys("citizen");
		this.browser.findElement(By.id("password")).sendKeys("demo");
		this.browser.findElement(By.cssSelector("form.form button[type=submit]")).click();
		assertHeading("有条件开放数据申请");
		axeClean("the application form");

		this.browser.findElement(By.id("contact")).sendKeys("13800000000");
		this.browser.findElement(By.id("purpose")).sendKeys("太短");
		setPeriod();
		this.browser.findElement(By.cssSelector("#application-form button[type=submit]")).click();
		String refusal = this.browser.findElement(By.id("refusal")).getText();
		assertThat(refusal).contains("请说明用途，至少 10 个字").contains("此项必填");

		assertThat(this.browser.findElement(By.id("contact")).getAttribute("value")).isEqualTo("13800000000");
		this.browser.findElement(By.id("purpose")).clear();
		this.browser.findElement(By.id("purpose")).sendKeys(purpose);
		this.browser.findElements(By.cssSelector("input[name=items]")).getFirst().click();
		this.browser.findElement(By.cssSelector("#application-form button[type=submit]")).click();
		assertHeading("我的开放数据申请");
		String filed = this.browser.findElement(By.id("filed")).getText();
		String number = filed.replaceAll(".*(KF\\d{4}-\\d{6}).*", "$1");
		assertThat(number).startsWith("KF");
		assertThat(this.browser.findElement(By.id("my-applications")).getText()).contains(number).contains("待答复");
		axeClean("my applications");

		this.browser.manage().deleteAllCookies();
		signIn("bj-nr-staff");
		this.browser.get(url("/sharing/open-applications"));
		assertHeading("开放数据申请");
		axeClean("the applications received");
		var row = this.browser.findElements(By.cssSelector("#received-applications tbody tr"))
			.stream()
			.filter(r -> r.getText().contains(number))
			.findFirst()
			.orElseThrow();
		assertThat(row.getText()).contains(purpose).contains("张三").contains("答复期限");
		row.findElement(By.tagName("textarea")).sendKeys("同意提供。数据以电子文件方式通过电子邮件发送，仅限本课题使用。");
		row.findElement(By.cssSelector("button[value=approve]")).click();
		assertThat(this.browser.findElement(By.id("replied")).getText()).contains(number);

		this.browser.manage().deleteAllCookies();
		signIn("citizen");
		this.browser.get(url("/open-applications"));
		assertThat(this.browser.findElement(By.id("my-applications")).getText()).contains("同意开放")
			.contains("仅限本课题使用");
	}
}
