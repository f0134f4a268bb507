package org.unigov.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.unigov.catalog.CatalogFixtures.name;
import static org.unigov.catalog.CatalogFixtures.send;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.jayway.jsonpath.JsonPath;
import com.sun.net.httpserver.HttpServer;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.unigov.SignIn;
import org.unigov.UnigovTest;
import org.unigov.calendar.WorkingCalendar;
import org.unigov.notifications.internal.Deliveries;
import org.unigov.notifications.internal.DeliveryRunner;
import org.unigov.notifications.internal.NotificationSettings;
import org.unigov.organization.OrganizationDirectory;

/**
 * E-mail and webhook delivery against real servers the tests start: a GreenMail SMTP server and a
 * JDK HTTP server on loopback. Both deliveries are off by default; each test turns one on for its
 * own duration and off again.
 */
@UnigovTest
class NotificationDeliveryIntegrationTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	WorkingCalendar calendar;

	@Autowired
	OrganizationDirectory directory;

	@Autowired
	NotificationSettings settings;

	@Autowired
	DeliveryRunner runner;

	@Autowired
	Deliveries deliveries;

	String filed(String entryName) throws Exception {
		String entry = NotificationFixtures.conditionalEntry(mvc, entryName);
		return NotificationFixtures.fileRequest(mvc, jdbc, directory, calendar, entry);
	}

	UUID notificationOf(String recipient, String requestId) {
		return jdbc.sql("""
				select id from ntf_notification where recipient = ? and subject_id = ?::uuid and kind = 'request-received'""")
			.params(recipient, requestId)
			.query(UUID.class)
			.single();
	}

	/** Runs the outbox until nothing due is left (the scheduled run may take some first). */
	void deliver() {
		deliveries.dueNow();
		runner.runDue();
	}

	@Test
	@DisplayName("both deliveries are off by default: a notification queues neither e-mail nor webhook")
	void offByDefault() throws Exception {
		assertThat(settings.getMail().isEnabled()).isFalse();
		assertThat(settings.getWebhook().isEnabled()).isFalse();
		String request = filed(name("默认关闭"));
		assertThat(deliveries.of(notificationOf("sn-psb-staff", request))).isEmpty();
	}

	@Nested
	@DisplayName("e-mail through SMTP")
	class Mail {

		GreenMail smtp;

		@BeforeEach
		void start() {
			smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
			smtp.start();
			settings.getMail().setEnabled(true);
			settings.getMail().setHost("127.0.0.1");
			settings.getMail().setPort(smtp.getSmtp().getPort());
			settings.getMail().setFrom("unigov@sn.example.gov.cn");
		}

		@AfterEach
		void stop() {
			settings.getMail().setEnabled(false);
			settings.getMail().setHost("");
			smtp.stop();
		}

		@Test
		@DisplayName("a provider who gave an address receives the notification by e-mail, in Chinese")
		void mailArrives() throws Exception {
			send(mvc, put("/api/v1/notifications/mailbox"), SignIn.as(mvc, "sn-psb-staff"),
					"{\"address\": \"zhoumin@psb.sn.example.gov.cn\"}").andExpect(status().isOk());
			String entryName = name("邮件户籍");
			String request = filed(entryName);
			deliver();
			assertThat(smtp.waitForIncomingEmail(10_000, 1)).isTrue();
			MimeMessage[] received = smtp.getReceivedMessages();
			MimeMessage mail = List.of(received).stream()
				.filter(m -> {
					try {
						return m.getSubject().contains(entryName);
					}
					catch (Exception ex) {
						return false;
					}
				})
				.findFirst()
				.orElseThrow();
			String number = jdbc.sql("select number from shr_request where id = ?::uuid").param(request).query(String.class).single();
			assertThat(mail.getRecipients(Message.RecipientType.TO)).extracting(Object::toString)
				.containsExactly("zhoumin@psb.sn.example.gov.cn");
			assertThat(mail.getSubject()).isEqualTo("【统一政务平台 Unigov】收到共享申请 " + number + "（" + entryName + "），请于 "
					+ jdbc.sql("select reply_due::text from shr_request where id = ?::uuid").param(request).query(String.class).single()
					+ " 前答复");
			assertThat(mail.getFrom()[0].toString()).isEqualTo("unigov@sn.example.gov.cn");
			assertThat(((String) mail.getContent())).contains("/sharing/requests/" + request);
			assertThat(deliveries.of(notificationOf("sn-psb-staff", request))).singleElement()
				.satisfies(d -> assertThat(d.status()).isEqualTo("sent"));
			// the admin gave no address: no e-mail for them
			assertThat(deliveries.of(notificationOf("sn-psb-admin", request))).isEmpty();
		}

		@Test
		@DisplayName("a mail server that is down is tried again later, and the mail arrives once it is up")
		void retried() throws Exception {
			send(mvc, put("/api/v1/notifications/mailbox"), SignIn.as(mvc, "sn-psb-staff"),
					"{\"address\": \"zhoumin@psb.sn.example.gov.cn\"}").andExpect(status().isOk());
			int port = smtp.getSmtp().getPort();
			smtp.stop();
			String request = filed(name("邮件重试"));
			UUID notification = notificationOf("sn-psb-staff", request);
			deliver();
			assertThat(deliveries.of(notification)).singleElement().satisfies(d -> {
				assertThat(d.status()).isEqualTo("pending");
				assertThat(d.attempts()).isPositive();
				assertThat(d.lastError()).isNotBlank();
			});
			smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
			smtp.start();
			deliver();
			assertThat(smtp.waitForIncomingEmail(10_000, 1)).isTrue();
			assertThat(deliveries.of(notification)).singleElement().satisfies(d -> {
				assertThat(d.status()).isEqualTo("sent");
				assertThat(d.attempts()).isGreaterThanOrEqualTo(2);
			});
		}
	}

	@Nested
	@DisplayName("the webhook")
	class Webhook {

		static final String SECRET = "a-province-shared-secret";

		HttpServer server;

		final List<Map<String, String>> posts = new CopyOnWriteArrayList<>();

		final AtomicInteger failFirst = new AtomicInteger();

		@BeforeEach
		void start() throws IOException {
			server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			server.createContext("/hook", exchange -> {
				String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
				if (failFirst.getAndDecrement() > 0) {
					exchange.sendResponseHeaders(503, -1);
					exchange.close();
					return;
				}
				posts.add(Map.of("body", body,
						"signature", String.valueOf(exchange.getRequestHeaders().getFirst("X-Unigov-Signature")),
						"timestamp", String.valueOf(exchange.getRequestHeaders().getFirst("X-Unigov-Timestamp")),
						"contentType", String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type"))));
				exchange.sendResponseHeaders(204, -1);
				exchange.close();
			});
			server.start();
			settings.getWebhook().setEnabled(true);
			settings.getWebhook().setSecret(SECRET);
			settings.getWebhook().setUrls(List.of("http://127.0.0.1:" + server.getAddress().getPort() + "/hook"));
			settings.getWebhook().setAllowedNetworks(List.of("127.0.0.1/32"));
		}

		@AfterEach
		void stop() {
			settings.getWebhook().setEnabled(false);
			settings.getWebhook().setUrls(List.of());
			settings.getWebhook().setAllowedNetworks(List.of());
			server.stop(0);
		}

		List<Map<String, String>> postsAbout(String requestId) {
			return posts.stream().filter(p -> p.get("body").contains(requestId)).toList();
		}

		@Test
		@DisplayName("every notification is posted as signed JSON the receiver can verify")
		void signedJson() throws Exception {
			String entryName = name("推送户籍");
			String request = filed(entryName);
			deliver();
			List<Map<String, String>> mine = postsAbout(request);
			assertThat(mine).as("one post per recipient (agency admin and staff)").hasSize(2);
			Map<String, String> post = mine.stream().filter(p -> p.get("body").contains("\"sn-psb-staff\"")).findFirst().orElseThrow();
			String body = post.get("body");
			assertThat(post.get("contentType")).startsWith("application/json");
			assertThat((String) JsonPath.read(body, "$.kind")).isEqualTo("request-received");
			assertThat((String) JsonPath.read(body, "$.recipient")).isEqualTo("sn-psb-staff");
			assertThat((String) JsonPath.read(body, "$.title")).startsWith("收到共享申请").contains(entryName);
			assertThat((String) JsonPath.read(body, "$.titleEn")).startsWith("Sharing request");
			assertThat((String) JsonPath.read(body, "$.subjectId")).isEqualTo(request);
			assertThat((String) JsonPath.read(body, "$.link")).endsWith("/sharing/requests/" + request);
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			String expected = "sha256=" + java.util.HexFormat.of()
				.formatHex(mac.doFinal((post.get("timestamp") + "." + body).getBytes(StandardCharsets.UTF_8)));
			assertThat(post.get("signature")).isEqualTo(expected);
			assertThat(Long.parseLong(post.get("timestamp"))).isCloseTo(java.time.Instant.now().getEpochSecond(),
					org.assertj.core.data.Offset.offset(120L));
		}

		@Test
		@DisplayName("a webhook that fails is tried again until it answers")
		void retried() throws Exception {
			failFirst.set(2);
			String request = filed(name("推送重试"));
			UUID notification = notificationOf("sn-psb-staff", request);
			deliver();
			assertThat(deliveries.of(notification)).singleElement().satisfies(d -> {
				assertThat(d.status()).isEqualTo("pending");
				assertThat(d.lastError()).contains("503");
			});
			deliver();
			assertThat(postsAbout(request)).hasSize(2);
			assertThat(deliveries.of(notification)).singleElement().satisfies(d -> assertThat(d.status()).isEqualTo("sent"));
		}

		@Test
		@DisplayName("a loopback or private target is refused unless allowed, and not tried again")
		void internalRefused() throws Exception {
			settings.getWebhook().setAllowedNetworks(List.of());
			String request = filed(name("推送拒绝"));
			UUID notification = notificationOf("sn-psb-staff", request);
			deliver();
			assertThat(postsAbout(request)).isEmpty();
			assertThat(deliveries.of(notification)).singleElement().satisfies(d -> {
				assertThat(d.status()).isEqualTo("failed");
				assertThat(d.lastError()).contains("127.0.0.1").contains("allowed-networks");
			});
		}
	}
}
