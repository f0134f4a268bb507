package org.unigov.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
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
		assertText(By.tagName("h1"), expected);
	}

	/**
	 * The element's text becomes {@code expected} within 10 s, for the same reason as
	 * {@link #assertHeading}: the page read may be the one a click is replacing.
	 */
	protected void assertText(By locator, String expected) {
		String[] last = { null };
		try {
			new WebDriverWait(this.browser, Duration.ofSeconds(10)).ignoring(StaleElementReferenceException.class)
				.ignoring(NoSuchElementException.class)
				.until(driver -> expected.equals(last[0] = driver.findElement(locator).getText()));
		}
		catch (TimeoutException ex) {
			assertThat(last[0]).as("the text of " + locator).isEqualTo(expected);
		}
	}

	/** axe-core finds no serious or critical violation on the current page. */
	protected void axeClean(String where) {
		assertThat(Browser.seriousViolations(this.browser)).as("axe on " + where).isEmpty();
	}
}
