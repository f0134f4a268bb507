package org.unigov.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.unigov.SecondInstance;
import org.unigov.SignIn;
import org.unigov.UnigovTest;
import org.unigov.audit.AuditJournal;

/**
 * Password guessing is slowed per account and source address instead of locking accounts anyone
 * can name, and the answers never tell a known account from an unknown one. Each test uses
 * accounts and addresses of its own (TEST-NET ranges), so nothing else is throttled.
 */
@UnigovTest
class SignInThrottleIntegrationTests {

	static final String PASSWORD = "Qinling-Mountains-2026";

	@Autowired
	MockMvc mvc;

	@Autowired
	Accounts accounts;

	@Autowired
	AuditJournal journal;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	DataSource dataSource;

	/** A new staff account of 宝鸡市自然资源和规划局, created by the platform admin. */
	private Account newAccount(String username) throws Exception {
		String agency = this.accounts.byUsername("bj-nr-staff").orElseThrow().agencyId().toString();
		this.mvc.perform(post("/api/v1/staff").session(SignIn.as(this.mvc, "admin"))
			.with(csrf())
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"username\":\"" + username + "\",\"displayName\":\"测试 用户\",\"agencyId\":\"" + agency
					+ "\",\"roles\":[\"AGENCY_STAFF\"],\"password\":\"" + PASSWORD + "\"}"))
			.andExpect(status().isCreated());
		return this.accounts.byUsername(username).orElseThrow();
	}

	/** A form sign-in from {@code address}; returns where it sends the browser. */
	private String signIn(String username, String password, String address) throws Exception {
		return this.mvc.perform(post("/login").param("username", username)
			.param("password", password)
			.with(csrf())
			.with(request -> {
				request.setRemoteAddr(address);
				return request;
			})).andReturn().getResponse().getRedirectedUrl();
	}

	private List<String> wrongPasswords(String username, String address, int times) throws Exception {
		List<String> answers = new ArrayList<>();
		for (int i = 0; i < times; i++) {
			answers.add(signIn(username, "wrong-" + i, address));
		}
		return answers;
	}

	@Nested
	class Enumeration {

		@Test
		void knownAndUnknownAccountsAnswerAlikeWhateverTheFailures() throws Exception {
			newAccount("throttle-known");
			List<String> known = wrongPasswords("throttle-known", "203.0.113.10", 7);
			List<String> unknown = wrongPasswords("throttle-nobody", "203.0.113.10", 7);
			assertThat(known).isEqualTo(unknown).contains("/login?error");
			// even the right password is answered as any password for a name nobody has
			assertThat(signIn("throttle-known", PASSWORD, "203.0.113.10"))
				.isEqualTo(signIn("throttle-nobody", PASSWORD, "203.0.113.10"))
				.startsWith("/login?throttled");
		}
	}

	@Nested
	class Throttling {

		@Test
		void aStrangerCannotLockSomeoneOut() throws Exception {
			newAccount("throttle-victim");
			wrongPasswords("throttle-victim", "198.51.100.7", 10);
			assertThat(signIn("throttle-victim", PASSWORD, "198.51.100.8")).isEqualTo("/");
		}

		@Test
		void theGuesserWaitsLongerAfterEachFailure() throws Exception {
			newAccount("throttle-typo");
			String address = "198.51.100.20";
			assertThat(wrongPasswords("throttle-typo", address, 5)).containsOnly("/login?error");
			// the sixth try is refused unread, even with the right password
			assertThat(signIn("throttle-typo", PASSWORD, address)).isEqualTo("/login?throttled=1");
			Duration first = blockedFor("throttle-typo", address);
			assertThat(first).isBetween(Duration.ofSeconds(50), Duration.ofSeconds(60));
			waitOut("throttle-typo", address);
			assertThat(signIn("throttle-typo", "wrong-again", address)).isEqualTo("/login?error");
			assertThat(blockedFor("throttle-typo", address)).isBetween(first.multipliedBy(2).minusSeconds(10),
					first.multipliedBy(2).plusSeconds(10));
			waitOut("throttle-typo", address);
			assertThat(signIn("throttle-typo", PASSWORD, address)).isEqualTo("/");
			assertThat(jdbc.sql("select count(*) from identity_sign_in_failure where username = 'throttle-typo'")
				.query(Integer.class)
				.single()).isZero();
		}

		private Duration blockedFor(String username, String address) {
			OffsetDateTime until = jdbc.sql("select blocked_until from identity_sign_in_failure where username = ? "
					+ "and address = ?").params(username, address).query(OffsetDateTime.class).single();
			return Duration.between(OffsetDateTime.now(), until);
		}

		/** As if the block had run out. */
		private void waitOut(String username, String address) {
			jdbc.sql("update identity_sign_in_failure set blocked_until = now() - interval '1 second' "
					+ "where blocked_until is not null and (username = ? or address = ?)").params(username, address).update();
		}
	}

	@Nested
	class SharedState {

		@Test
		void everyInstanceKnowsTheFailuresOfTheOthers() throws Exception {
			newAccount("throttle-shared");
			// MockMvc plays the first instance; the second is reached over HTTP from 127.0.0.1
			wrongPasswords("throttle-shared", "127.0.0.1", 5);
			try (SecondInstance second = SecondInstance.on(dataSource, "throttle")) {
				HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
				URI login = URI.create("http://127.0.0.1:" + second.port() + "/login");
				Matcher token = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"")
					.matcher(client.send(HttpRequest.newBuilder(login).build(), HttpResponse.BodyHandlers.ofString()).body());
				assertThat(token.find()).isTrue();
				HttpResponse<Void> answer = client.send(HttpRequest.newBuilder(login)
					.header("Content-Type", "application/x-www-form-urlencoded")
					.POST(HttpRequest.BodyPublishers.ofString(
							"username=throttle-shared&password=" + PASSWORD + "&_csrf=" + token.group(1)))
					.build(), HttpResponse.BodyHandlers.discarding());
				assertThat(answer.headers().firstValue("Location")).hasValueSatisfying(
						location -> assertThat(location).endsWith("/login?throttled=1"));
			}
		}
	}

	@Nested
	class Page {

		@Test
		void saysHowLongToWaitInEitherLanguage() throws Exception {
			assertThat(mvc.perform(get("/login?throttled=3")).andReturn().getResponse().getContentAsString())
				.contains("登录失败次数过多，请 3 分钟后再试");
			assertThat(mvc.perform(get("/login?throttled=3&lang=en")).andReturn().getResponse().getContentAsString())
				.contains("Try again in 3 min, or ask your agency&#39;s admin");
			// a link cannot make it say anything else
			assertThat(mvc.perform(get("/login?throttled=<b>")).andReturn().getResponse().getContentAsString())
				.contains("请 1 分钟后再试")
				.doesNotContain("<b>");
		}
	}

	@Nested
	class Locking {

		@Test
		void repeatedAbuseFromManyAddressesLocksTheAccountIsAuditedAndAnAdminUnlocksIt() throws Exception {
			Account account = newAccount("throttle-target");
			List<String> known = new ArrayList<>();
			List<String> unknown = new ArrayList<>();
			for (int address = 1; address <= 6; address++) {
				known.addAll(wrongPasswords("throttle-target", "192.0.2." + address, 5));
				unknown.addAll(wrongPasswords("throttle-ghost", "192.0.2." + (100 + address), 5));
			}
			assertThat(known).isEqualTo(unknown);
			assertThat(accounts.byId(account.id()).orElseThrow().lockedUntil()).isNotNull();
			assertThat(journal.history("account", account.id().toString()))
				.anySatisfy(entry -> assertThat(entry.action()).isEqualTo("account.locked"));
			// locked for everyone now, and said the same way as for the unknown name
			assertThat(signIn("throttle-target", PASSWORD, "192.0.2.50"))
				.isEqualTo(signIn("throttle-ghost", PASSWORD, "192.0.2.50"))
				.startsWith("/login?throttled");
			MockHttpSession admin = SignIn.as(mvc, "admin");
			mvc.perform(post("/api/v1/staff/" + account.id() + "/unlock").session(admin).with(csrf()))
				.andExpect(status().isNoContent());
			assertThat(signIn("throttle-target", PASSWORD, "192.0.2.1")).isEqualTo("/");
		}
	}
}
