package org.unigov.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.unigov.UnigovTest;

/**
 * A browser test: one real Chromium per test class against the running application; every test
 * starts signed out, in the default language.
 */
@UnigovTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class BrowserTest {

	@LocalServerPort
	protected int port;

	protected ChromeDriver browser;

	@BeforeAll
	void startBrowser() throws Exception {
		this.browser = Browser.start();
	}

	@AfterAll
	void stopBrowser() {
		if (this.browser != null) {
			this.browser.quit();
		}
	}

	@BeforeEach
	void freshSession() {
		this.browser.get(url("/login"));
		this.browser.manage().deleteAllCookies();
	}

	protected void signIn(String username) {
		this.browser.get(url("/login"));
		this.browser.findElement(By.id("username")).sendKeys(username);
		this.browser.findElement(By.id("password")).sendKeys("demo");
		this.browser.findElement(By.cssSelector("form.form button[type=submit]")).click();
		assertThat(this.browser.findElement(By.cssSelector(".account .who")).getText()).contains(username);
	}

	protected String url(String path) {
		return "http://localhost:" + this.port + path;
	}

	protected String heading() {
		return this.browser.findElement(By.tagName("h1")).getText();
	}

	/**
	 * The page's heading becomes {@code expected} within 10 s: after a click that navigates, the
	 * old page may still be shown, or be replaced while it is read (a stale element).
	 */
	protected void assertHeading(String expected) {
		String[] last = { null };
		try {
			new org.openqa.selenium.support.ui.WebDriverWait(this.browser, java.time.Duration.ofSeconds(10))
				.ignoring(org.openqa.selenium.StaleElementReferenceException.class)
				.until(driver -> expected.equals(last[0] = heading()));
		}
		catch (org.openqa.selenium.TimeoutException ex) {
			assertThat(last[0]).as("the page's heading").isEqualTo(expected);
		}
	}

	/** axe-core finds no serious or critical violation on the current page. */
	protected void axeClean(String where) {
		assertThat(Browser.seriousViolations(this.browser)).as("axe on " + where).isEmpty();
	}
}
