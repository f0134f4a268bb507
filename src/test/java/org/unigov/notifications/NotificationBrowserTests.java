package org.unigov.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.unigov.catalog.CatalogFixtures.name;

import java.time.Duration;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.unigov.calendar.WorkingCalendar;
import org.unigov.organization.OrganizationDirectory;
import org.unigov.web.BrowserTest;

/**
 * Work arriving, in real Chromium: Xi'an human resources requests an entry of the provincial public
 * security department; the department's staff member signs in, sees the request on the to-do list
 * and the unread count in the header, opens the notification (marked read) and lands on the
 * request; the sharing page opens on the requests received.
 */
class NotificationBrowserTests extends BrowserTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	WorkingCalendar calendar;

	@Autowired
	OrganizationDirectory directory;

	String[] filed(String entryName) throws Exception {
		String entry = NotificationFixtures.conditionalEntry(mvc, entryName);
		String request = NotificationFixtures.fileRequest(mvc, jdbc, directory, calendar, entry);
		String number = jdbc.sql("select number from shr_request where id = ?::uuid").param(request).query(String.class).single();
		return new String[] { request, number };
	}

	int unreadCount() {
		return Integer.parseInt(this.browser.findElement(By.id("unread-count")).getText().strip());
	}

	@Test
	@DisplayName("S2 a provider sees the to-do item and the unread count, opens the notification, and it is marked read")
	void providerIsTold() throws Exception {
		String entryName = name("浏览器户籍");
		String[] request = filed(entryName);
		signIn("sn-psb-staff");
		// the to-do list on the home page names the entry and the requester, with the deadline
		WebElement todo = this.browser.findElement(By.id("todo"));
		assertThat(todo.findElement(By.tagName("h2")).getText()).isEqualTo("待办事项");
		WebElement item = todo.findElements(By.cssSelector("tr.todo-item"))
			.stream()
			.filter(row -> row.getText().contains(request[1]))
			.findFirst()
			.orElseThrow();
		assertThat(item.getText()).contains("答复共享申请").contains(entryName).contains("西安市人力资源和社会保障局");
		int unread = unreadCount();
		assertThat(unread).isPositive();
		assertThat(this.browser.findElement(By.id("notifications-link")).getAttribute("aria-label"))
			.isEqualTo("通知，" + unread + " 条未读");
		axeClean("home with to-do list");

		this.browser.findElement(By.id("notifications-link")).click();
		assertHeading("通知");
		axeClean("notifications page");
		WebElement row = notificationRow(request[1]);
		assertThat(row.getAttribute("class")).contains("unread");
		assertThat(row.getText()).contains("收到共享申请 " + request[1] + "（" + entryName + "）").contains("未读");
		row.findElement(By.cssSelector("button.open-notification")).click();
		assertHeading(request[1] + " " + entryName);
		assertThat(unreadCount()).isEqualTo(unread - 1);

		this.browser.get(url("/notifications"));
		assertThat(notificationRow(request[1]).getText()).contains("已读");
		assertThat(notificationRow(request[1]).getAttribute("class")).doesNotContain("unread");

		// in English, with one more unread notification to mark read
		filed(name("浏览器英文"));
		this.browser.get(url("/?lang=en"));
		assertThat(this.browser.findElement(By.id("todo-heading")).getText()).isEqualTo("Waiting for you");
		assertThat(this.browser.findElement(By.id("todo")).getText()).contains("Reply to a sharing request");
		this.browser.get(url("/notifications"));
		assertThat(notificationRow(request[1]).getText()).contains("Sharing request " + request[1]).contains("Read");
		this.browser.findElement(By.id("read-all")).click();
		assertThat(this.browser.findElement(By.id("notifications-notice")).getText()).contains("marked read");
		assertThat(unreadCount()).isZero();
		this.browser.get(url("/?lang=zh-CN"));
	}

	@Test
	@DisplayName("a provider's sharing page opens on the requests it has received")
	void sharingOpensOnReceived() throws Exception {
		String[] request = filed(name("浏览器收到"));
		signIn("sn-psb-staff");
		this.browser.findElement(By.linkText("数据共享")).click();
		assertHeading("数据共享");
		assertThat(this.browser.findElement(By.cssSelector(".subnav a[aria-current=page]")).getText()).isEqualTo("收到的申请");
		assertThat(this.browser.findElement(By.tagName("main")).getText()).contains(request[1]);
	}

	private WebElement notificationRow(String number) {
		return new WebDriverWait(this.browser, Duration.ofSeconds(10))
			.ignoring(org.openqa.selenium.StaleElementReferenceException.class)
			.until(d -> d.findElements(By.cssSelector("tr.notification"))
				.stream()
				.filter(r -> r.getText().contains(number))
				.findFirst()
				.orElse(null));
	}
}
