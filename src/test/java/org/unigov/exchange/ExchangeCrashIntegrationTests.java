package org.unigov.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.unigov.UnigovApplication;
import org.unigov.UnigovTest;
import org.unigov.exchange.internal.ExchangeLog;
import org.unigov.exchange.internal.LogVerification;
import org.unigov.shared.Actor;
import org.unigov.shared.Role;

/**
 * S10 durability: a second Unigov process on the same database answers exchange calls while
 * eight clients call it as fast as they can; it is killed with SIGKILL mid-stream and started
 * again on its data directory (its journal). Every call it had answered with data must then be in
 * the access log, and the chain must still verify (this process writes on after it, a second
 * writer on the same chain).
 */
@UnigovTest
class ExchangeCrashIntegrationTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	ExchangeLog log;

	@Autowired
	org.unigov.exchange.gateway.ExchangeServer server;

	@org.springframework.beans.factory.annotation.Value("${local.server.port}")
	int webPort;

	@Test
	void S10_afterKill9NoAnsweredCallIsMissingFromTheLog() throws Exception {
		try (ProviderStub stub = new ProviderStub()) {
			String consumerCode = this.jdbc.queryForObject("select a.credit_code from exc_client c join org_agency a "
					+ "on a.id = c.agency_id where c.client_id = 'xa-hrss-social-insurance'", String.class);
			String providerCode = this.jdbc.queryForObject("select credit_code from org_agency where name_zh = '陕西省公安厅'",
					String.class);
			String[] entry = ExchangeFixtures.publishWide(this.mvc);
			ExchangeFixtures.grant(this.mvc, this.jdbc, entry[0], "xa-hrss-staff",
					ExchangeFixtures.firstSystem(this.jdbc, consumerCode), ExchangeFixtures.ITEMS.subList(0, 2), "崩溃测试",
					1_000_000);
			ExchangeFixtures.service(this.mvc, entry[0], ExchangeFixtures.firstSystem(this.jdbc, providerCode),
					stub.baseUrl(), "/record", Map.of("data.f01", ExchangeFixtures.ITEMS.get(0)), "idNumber", 2000, 64);

			int childPort = freePort();
			int exchangePort = freePort();
			String url;
			String user;
			try (var connection = this.jdbc.getDataSource().getConnection()) {
				url = connection.getMetaData().getURL();
				user = connection.getMetaData().getUserName();
			}
			Path dir = Path.of("var/test-crash");
			Files.createDirectories(dir);
			org.springframework.util.FileSystemUtils.deleteRecursively(dir.resolve("exchange-journal"));
			String java = ProcessHandle.current().info().command().orElse("java");
			ProcessBuilder instance = new ProcessBuilder(java, "-Xmx512m", "-XX:TieredStopAtLevel=1", "-cp",
					System.getProperty("java.class.path"), UnigovApplication.class.getName(), "--unigov.db.url=" + url,
					"--unigov.db.user=" + user, "--unigov.demo=false", "--server.port=" + childPort,
					"--unigov.exchange.port=" + exchangePort, "--unigov.exchange.providers.allowed-networks=127.0.0.1/32",
					"--unigov.data-dir=" + dir,
					"--logging.file.name=" + dir.resolve("unigov.log"), "--spring.main.banner-mode=off")
				.redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("console.log").toFile()));
			Process child = instance.start();
			try {
				HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
				awaitReady(http, childPort, child);
				String token = ExchangeFixtures.token(childPort, "xa-hrss-social-insurance", "demo-secret-hrss");
				URI call = URI.create("http://127.0.0.1:" + exchangePort + "/exchange/v1/" + entry[1].replace('/', '-')
						+ "/record?idNumber=11010519491231002X");
				ConcurrentLinkedQueue<String> answered = new ConcurrentLinkedQueue<>();
				AtomicBoolean stop = new AtomicBoolean();
				List<Thread> callers = new ArrayList<>();
				for (int i = 0; i < 8; i++) {
					callers.add(Thread.ofPlatform().start(() -> {
						while (!stop.get()) {
							try {
								HttpResponse<String> response = http.send(HttpRequest.newBuilder(call)
									.header("Authorization", "Bearer " + token)
									.header("X-Purpose", ExchangeFixtures.purpose("崩溃测试"))
									.timeout(Duration.ofSeconds(5))
									.build(), HttpResponse.BodyHandlers.ofString());
								if (response.statusCode() == 200 && response.body().contains("f01")) {
									answered.add(response.headers().firstValue("X-Request-Id").orElseThrow());
								}
							}
							catch (Exception ex) {
								// the process is gone: calls in flight fail, which is what a crash does
							}
						}
					}));
				}
				long until = System.currentTimeMillis() + 5000;
				while (answered.size() < 300 && System.currentTimeMillis() < until) {
					Thread.sleep(20);
				}
				child.destroyForcibly(); // SIGKILL: no shutdown hooks, no flushing
				child.waitFor(10, TimeUnit.SECONDS);
				stop.set(true);
				for (Thread caller : callers) {
					caller.join(10_000);
				}
				assertThat(answered).as("calls answered before the kill").hasSizeGreaterThan(50);
				// the instance starts again on its data directory: its journal's tail is shipped first
				child = instance.start();
				awaitReady(http, childPort, child);
				Set<String> logged = Set.copyOf(this.jdbc.queryForList(
						"select request_id::text from exc_access_log where request_id = any(?::uuid[])", String.class,
						(Object) answered.toArray(String[]::new)));
				assertThat(answered).allMatch(logged::contains);
			}
			finally {
				child.destroyForcibly();
			}
			// this process's writer carries on the chain the killed one left
			String token = ExchangeFixtures.token(this.webPort, "xa-hrss-social-insurance", "demo-secret-hrss");
			HttpResponse<String> after = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.server.port() + "/exchange/v1/"
						+ entry[1].replace('/', '-') + "/record"))
					.header("Authorization", "Bearer " + token)
					.header("X-Purpose", ExchangeFixtures.purpose("崩溃测试"))
					.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(after.statusCode()).isEqualTo(200);
			Actor auditor = new Actor(null, "auditor", "Auditor", Actor.Kind.STAFF, null, null, "610000",
					Set.of(Role.AUDITOR));
			LogVerification verification = this.log.verify(auditor);
			assertThat(verification.valid()).as(String.valueOf(verification)).isTrue();
		}
	}

	private static void awaitReady(HttpClient http, int port, Process child) throws Exception {
		long until = System.currentTimeMillis() + 120_000;
		while (System.currentTimeMillis() < until) {
			if (!child.isAlive()) {
				throw new IllegalStateException("The second instance exited: see var/test-crash/console.log");
			}
			try {
				HttpResponse<String> health = http.send(
						HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health")).build(),
						HttpResponse.BodyHandlers.ofString());
				if (health.statusCode() == 200) {
					return;
				}
			}
			catch (java.io.IOException ex) {
				// not listening yet
			}
			Thread.sleep(250);
		}
		throw new IllegalStateException("The second instance did not start within 2 minutes");
	}

	private static int freePort() throws java.io.IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}
}
