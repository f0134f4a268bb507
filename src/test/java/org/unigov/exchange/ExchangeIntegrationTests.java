package org.unigov.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.support.TransactionTemplate;
import org.unigov.SignIn;
import org.unigov.UnigovTest;
import org.unigov.catalog.CatalogFixtures;
import org.unigov.exchange.gateway.ExchangeServer;
import org.unigov.exchange.internal.AccessEntries;
import org.unigov.exchange.internal.AccessEntry;
import org.unigov.exchange.internal.AccessEntryCodec;
import org.unigov.exchange.internal.AccessJournal;
import org.unigov.exchange.internal.AccessLog;
import org.unigov.exchange.internal.AccessLogHashing;
import org.unigov.exchange.internal.ExchangeLog;
import org.unigov.exchange.internal.LogVerification;
import org.unigov.exchange.internal.SubjectHasher;
import org.unigov.shared.Actor;
import org.unigov.shared.Role;
import org.unigov.sharing.internal.GrantDesk;

/**
 * The exchange gateway over real HTTP (its own listener) against real provider systems (the JDK's
 * HTTP server): S6 (grant, purpose, items, validity on every call) and S10 (every call, allowed or
 * denied, in the hash-chained log before it is answered), resilience and bad input.
 */
@UnigovTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExchangeIntegrationTests {

	static final String PURPOSE = "社会保险待遇资格认证";

	static final String SUBJECT = "11010519491231002X";

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	ExchangeServer server;

	@Autowired
	ExchangeLog log;

	@Autowired
	AccessLog accessLog;

	@Autowired
	SubjectHasher subjects;

	@Autowired
	GrantDesk grants;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	javax.sql.DataSource dataSource;

	@org.springframework.beans.factory.annotation.Value("${local.server.port}")
	int webPort;

	final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	ProviderStub stub;

	String token;

	String record;

	String down;

	String hanging;

	String limited;

	UUID limitedGrant;

	String lifecycle;

	UUID lifecycleGrant;

	@BeforeAll
	void fixtures() throws Exception {
		this.stub = new ProviderStub();
		UUID consumer = ExchangeFixtures.firstSystem(this.jdbc, consumerCode());
		UUID provider = ExchangeFixtures.firstSystem(this.jdbc, providerCode());
		List<String> granted = ExchangeFixtures.ITEMS.subList(0, 3);
		Map<String, String> fields = new java.util.LinkedHashMap<>();
		fields.put("data.f01", ExchangeFixtures.ITEMS.get(0));
		fields.put("data.f02", ExchangeFixtures.ITEMS.get(1));
		fields.put("data.address.f03", ExchangeFixtures.ITEMS.get(2));
		fields.put("members[].f02", ExchangeFixtures.ITEMS.get(1));
		fields.put("data.f11", ExchangeFixtures.ITEMS.get(8));
		fields.put("members[].f11", ExchangeFixtures.ITEMS.get(8));
		fields.put("total", ExchangeFixtures.ITEMS.get(9));
		// f12 is not mapped at all: removed too
		String[] a = ExchangeFixtures.publishWide(this.mvc);
		ExchangeFixtures.grant(this.mvc, this.jdbc, a[0], "xa-hrss-staff", consumer, granted, PURPOSE, 10_000);
		ExchangeFixtures.service(this.mvc, a[0], provider, this.stub.baseUrl(),
				List.of("/record", "/text", "/broken", "/error", "/missing", "/slow", "/echo", "/people/{idNumber}"), fields,
				"idNumber", 1000, 16);
		this.record = a[1].replace('/', '-');

		String[] b = ExchangeFixtures.publishWide(this.mvc);
		ExchangeFixtures.grant(this.mvc, this.jdbc, b[0], "xa-hrss-staff", consumer, granted, PURPOSE, 10_000);
		ExchangeFixtures.service(this.mvc, b[0], provider, "http://127.0.0.1:" + ProviderStub.closedPort(),
				List.of("/record"), fields, "idNumber", 1000, 16);
		this.down = b[1].replace('/', '-');

		String[] c = ExchangeFixtures.publishWide(this.mvc);
		ExchangeFixtures.grant(this.mvc, this.jdbc, c[0], "xa-hrss-staff", consumer, granted, PURPOSE, 10_000);
		ExchangeFixtures.service(this.mvc, c[0], provider, this.stub.baseUrl(), List.of("/hang"), fields, "idNumber",
				10_000, 2);
		this.hanging = c[1].replace('/', '-');

		String[] d = ExchangeFixtures.publishWide(this.mvc);
		this.limitedGrant = ExchangeFixtures.grant(this.mvc, this.jdbc, d[0], "xa-hrss-staff", consumer, granted, PURPOSE, 2);
		ExchangeFixtures.service(this.mvc, d[0], provider, this.stub.baseUrl(), List.of("/record"), fields, "idNumber",
				1000, 16);
		this.limited = d[1].replace('/', '-');

		String[] e = ExchangeFixtures.publishWide(this.mvc);
		this.lifecycleGrant = ExchangeFixtures.grant(this.mvc, this.jdbc, e[0], "xa-hrss-staff", consumer, granted,
				PURPOSE, 10_000);
		ExchangeFixtures.service(this.mvc, e[0], provider, this.stub.baseUrl(), List.of("/record"), fields, "idNumber",
				1000, 16);
		this.lifecycle = e[1].replace('/', '-');

		this.token = ExchangeFixtures.token(this.webPort, "xa-hrss-social-insurance", "demo-secret-hrss");
	}

	String consumerCode() {
		return this.jdbc.queryForObject("select a.credit_code from exc_client c join org_agency a on a.id = c.agency_id "
				+ "where c.client_id = 'xa-hrss-social-insurance'", String.class);
	}

	String providerCode() {
		return this.jdbc.queryForObject("select a.credit_code from org_agency a where a.name_zh = '陕西省公安厅'",
				String.class);
	}

	@AfterAll
	void stop() {
		this.stub.close();
	}

	HttpResponse<String> call(String resource, String path, String purpose, String token) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(
				URI.create("http://127.0.0.1:" + this.server.port() + "/exchange/v1/" + resource + path))
			.timeout(Duration.ofSeconds(20));
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		if (purpose != null) {
			request.header("X-Purpose", purpose);
		}
		HttpResponse<String> response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		shipped();
		return response;
	}

	/** Each test starts with every earlier call's entry in the database. */
	@org.junit.jupiter.api.BeforeEach
	void logShipped() throws InterruptedException {
		shipped();
	}

	/** The log's entries so far are in the database (the journal ships them behind the calls). */
	void shipped() throws InterruptedException {
		assertThat(this.accessLog.awaitShipped(Duration.ofSeconds(10))).as("journal shipped within 10 s").isTrue();
	}

	HttpResponse<String> call(String resource, String path) throws Exception {
		return call(resource, path, ExchangeFixtures.purpose(PURPOSE), this.token);
	}

	Map<String, Object> logged(HttpResponse<String> response) throws InterruptedException {
		shipped();
		String id = response.headers().firstValue("X-Request-Id").orElseThrow();
		return this.jdbc.queryForMap("select * from exc_access_log where request_id = ?", UUID.fromString(id));
	}

	static String code(HttpResponse<String> response) {
		return JsonPath.read(response.body(), "$.code");
	}

	// ---- S6: only the granted items ---------------------------------------------------------------

	@Test
	void S6_onlyGrantedItemsReachTheConsumerIncludingNestedObjectsAndArrays() throws Exception {
		HttpResponse<String> response = call(this.record, "/record?idNumber=" + SUBJECT);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
		assertThat(response.body()).doesNotContain("SECRET").doesNotContain("total");
		assertThat((String) JsonPath.read(response.body(), "$.data.f01")).isEqualTo(SUBJECT);
		assertThat((String) JsonPath.read(response.body(), "$.data.address.f03")).isEqualTo("陕西省西安市");
		assertThat((List<String>) JsonPath.read(response.body(), "$.members[*].f02")).containsExactly("李四", "王五");
		Map<String, Object> entry = logged(response);
		assertThat(entry.get("status")).isEqualTo(200);
		assertThat(entry.get("outcome")).isEqualTo("ok");
		assertThat(entry.get("purpose")).isEqualTo(PURPOSE);
		assertThat(((String[]) ((java.sql.Array) entry.get("items")).getArray())).containsExactlyInAnyOrder("公民身份号码",
				"姓名", "性别");
		assertThat(entry.get("consumer_system_id")).isNotNull();
		assertThat(entry.get("consumer_agency_id")).isNotNull();
		assertThat(entry.get("provider_agency_id")).isNotNull();
	}

	@Test
	void S6_theConsumersTokenIsNotPassedOnAndTheProviderLearnsGrantAndPurpose() throws Exception {
		HttpResponse<String> response = call(this.record, "/echo");
		assertThat(response.statusCode()).isEqualTo(200);
		// /echo answers f01/f02/f11 at the top level, which the field map does not cover: nothing passes
		assertThat(response.body()).isEqualTo("{}");
		var headers = this.stub.lastHeaders;
		assertThat(headers.containsKey("Authorization")).isFalse();
		assertThat(headers.getFirst("X-Purpose")).isEqualTo(ExchangeFixtures.purpose(PURPOSE));
		assertThat(headers.getFirst("X-Unigov-Grant")).isNotBlank();
		assertThat(headers.getFirst("X-Request-Id")).isEqualTo(response.headers().firstValue("X-Request-Id").orElseThrow());
	}

	@Test
	void S10_theSubjectIsLoggedAsAKeyedHashNeverInClear() throws Exception {
		HttpResponse<String> response = call(this.record, "/record?idNumber=" + SUBJECT);
		Map<String, Object> entry = logged(response);
		assertThat((byte[]) entry.get("subject_hmac")).isEqualTo(this.subjects.hash(SUBJECT));
		assertThat(entry.get("subject_key")).isEqualTo(this.subjects.currentKeyId());
		assertThat(entry.values().stream().map(String::valueOf).toList()).noneMatch(v -> v.contains(SUBJECT));
		// who looked up this person: found through the hash
		String found = this.mvc.perform(get("/api/v1/exchange/log").param("subject", SUBJECT)
			.session(SignIn.as(this.mvc, "sn-psb-staff"))).andReturn().getResponse().getContentAsString();
		assertThat((List<String>) JsonPath.read(found, "$.content[*].requestId"))
			.contains(response.headers().firstValue("X-Request-Id").orElseThrow());
	}

	// ---- S6: grant, purpose and validity on every call ----------------------------------------------

	@Test
	void S10_noTokenIs401AndNotAttributable() throws Exception {
		long before = this.jdbc.queryForObject("select count(*) from exc_access_log", Long.class);
		HttpResponse<String> response = call(this.record, "/record", ExchangeFixtures.purpose(PURPOSE), null);
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(code(response)).isEqualTo("exchange_unauthenticated");
		assertThat(response.headers().firstValue("WWW-Authenticate")).isPresent();
		assertThat(call(this.record, "/record", ExchangeFixtures.purpose(PURPOSE), "forged.token.value").statusCode())
			.isEqualTo(401);
		assertThat(this.jdbc.queryForObject("select count(*) from exc_access_log", Long.class)).isEqualTo(before);
	}

	@Test
	void S6_aPersonsTokenIsRefused() throws Exception {
		// a staff member's session is not a system: the exchange takes client_credentials tokens only
		HttpResponse<String> response = call(this.record, "/record", ExchangeFixtures.purpose(PURPOSE), "");
		assertThat(response.statusCode()).isEqualTo(401);
	}

	@Test
	void S6_wrongPurposeIs403AndLogged() throws Exception {
		HttpResponse<String> response = call(this.record, "/record", ExchangeFixtures.purpose("其他用途"), this.token);
		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(code(response)).isEqualTo("exchange_no_grant");
		assertThat((String) JsonPath.read(response.body(), "$.rule")).isEqualTo("S6");
		assertThat(logged(response)).containsEntry("outcome", "exchange_no_grant").containsEntry("status", 403);
	}

	@Test
	void S6_missingPurposeIs400AndLogged() throws Exception {
		HttpResponse<String> response = call(this.record, "/record", null, this.token);
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(code(response)).isEqualTo("exchange_purpose_required");
		assertThat(logged(response)).containsEntry("outcome", "exchange_purpose_required");
	}

	@Test
	void S6_aSystemWithoutGrantIs403AndLogged() throws Exception {
		String other = ExchangeFixtures.token(this.webPort, "yt-civil-assistance", "demo-secret-civil");
		HttpResponse<String> response = call(this.record, "/record", ExchangeFixtures.purpose(PURPOSE), other);
		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(code(response)).isEqualTo("exchange_no_grant");
		assertThat(logged(response).get("client_id")).isEqualTo("yt-civil-assistance");
	}

	@Test
	void S6_S7_suspensionResumptionAndExpiryTakeEffectOnTheNextCall() throws Exception {
		assertThat(call(this.lifecycle, "/record").statusCode()).isEqualTo(200);
		MockHttpSession provider = SignIn.as(this.mvc, "sn-psb-staff");
		long version = this.jdbc.queryForObject("select version from shr_grant where id = ?", Long.class,
				this.lifecycleGrant);
		CatalogFixtures.send(this.mvc, post("/api/v1/sharing/grants/" + this.lifecycleGrant + "/suspend"), provider,
				"{\"reason\": \"超范围使用\", \"correctionDue\": \"" + LocalDate.now().plusDays(20) + "\", \"version\": "
						+ version + "}")
			.andReturn();
		HttpResponse<String> suspended = call(this.lifecycle, "/record");
		assertThat(suspended.statusCode()).as(suspended.body()).isEqualTo(403);
		assertThat(code(suspended)).isEqualTo("exchange_grant_suspended");
		assertThat(logged(suspended).get("grant_id")).isEqualTo(this.lifecycleGrant);

		version = this.jdbc.queryForObject("select version from shr_grant where id = ?", Long.class, this.lifecycleGrant);
		CatalogFixtures.send(this.mvc, post("/api/v1/sharing/grants/" + this.lifecycleGrant + "/resume"), provider,
				"{\"version\": " + version + "}").andReturn();
		assertThat(call(this.lifecycle, "/record").statusCode()).isEqualTo(200);

		this.jdbc.update("update shr_grant set valid_to = ? where id = ?", LocalDate.now().minusDays(2),
				this.lifecycleGrant);
		this.grants.expireAndEnd();
		HttpResponse<String> expired = call(this.lifecycle, "/record");
		assertThat(expired.statusCode()).isEqualTo(403);
		assertThat(code(expired)).isEqualTo("exchange_grant_not_in_force");
	}

	@Test
	void S6_aRevokedGrantIsRefusedOnTheNextCall() throws Exception {
		UUID consumer = ExchangeFixtures.firstSystem(this.jdbc, consumerCode());
		String[] entry = ExchangeFixtures.publishWide(this.mvc);
		UUID grant = ExchangeFixtures.grant(this.mvc, this.jdbc, entry[0], "xa-hrss-staff", consumer,
				ExchangeFixtures.ITEMS.subList(0, 2), PURPOSE, 100);
		ExchangeFixtures.service(this.mvc, entry[0], ExchangeFixtures.firstSystem(this.jdbc, providerCode()),
				this.stub.baseUrl(), "/record", Map.of("data.f01", ExchangeFixtures.ITEMS.get(0)), "idNumber", 1000, 4);
		String resource = entry[1].replace('/', '-');
		assertThat(call(resource, "/record").statusCode()).isEqualTo(200);
		long version = this.jdbc.queryForObject("select version from shr_grant where id = ?", Long.class, grant);
		CatalogFixtures.send(this.mvc, post("/api/v1/sharing/grants/" + grant + "/end"), SignIn.as(this.mvc, "sn-psb-staff"),
				"{\"reason\": \"数据源停止维护\", \"consultation\": \"2026-11-20 电话协商\", \"version\": " + version + "}")
			.andReturn();
		HttpResponse<String> ended = call(resource, "/record");
		assertThat(ended.statusCode()).isEqualTo(403);
		assertThat(code(ended)).isEqualTo("exchange_grant_not_in_force");
		assertThat(JsonPath.<String>read(ended.body(), "$.detail")).contains("ended");
	}

	@Test
	void S6_theGrantsRateIsEnforced() throws Exception {
		// a grant of 2 calls a minute (bursts of a tenth of a minute: one call): the second in a row
		// is refused, with Retry-After
		assertThat(call(this.limited, "/record").statusCode()).isEqualTo(200);
		HttpResponse<String> third = call(this.limited, "/record");
		assertThat(third.statusCode()).isEqualTo(429);
		assertThat(code(third)).isEqualTo("exchange_rate_limited");
		assertThat(third.headers().firstValue("Retry-After")).isPresent();
		assertThat(logged(third)).containsEntry("grant_id", this.limitedGrant);
	}

	@Test
	void xroadClientHeaderMustNameTheBoundSubsystem() throws Exception {
		String xroad = this.jdbc.queryForObject(
				"select xroad_client from exc_client where client_id = 'xa-hrss-social-insurance'", String.class);
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(
				"http://127.0.0.1:" + this.server.port() + "/exchange/v1/" + this.record + "/record"))
			.header("Authorization", "Bearer " + this.token)
			.header("X-Purpose", ExchangeFixtures.purpose(PURPOSE));
		HttpResponse<String> good = this.http.send(request.copy().header("X-Road-Client", xroad).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(good.statusCode()).isEqualTo(200);
		assertThat(good.headers().firstValue("X-Road-Id")).isPresent();
		HttpResponse<String> bad = this.http.send(request.copy().header("X-Road-Client", "CN-SN/GOV/OTHER/system").build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(bad.statusCode()).isEqualTo(403);
		assertThat(code(bad)).isEqualTo("exchange_not_a_system");
	}

	// ---- resilience ---------------------------------------------------------------------------------

	@Test
	void aProviderTimeoutIs504WithinTheTimeout() throws Exception {
		long start = System.nanoTime();
		HttpResponse<String> response = call(this.record, "/slow");
		long millis = (System.nanoTime() - start) / 1_000_000;
		assertThat(response.statusCode()).isEqualTo(504);
		assertThat(code(response)).isEqualTo("exchange_provider_timeout");
		assertThat(millis).isBetween(900L, 2500L);
		assertThat(logged(response)).containsEntry("status", 504);
	}

	@Test
	void aProviderThatIsDownIs502AndItsCircuitOpens() throws Exception {
		for (int i = 0; i < 5; i++) {
			long start = System.nanoTime();
			HttpResponse<String> response = call(this.down, "/record");
			assertThat(response.statusCode()).isEqualTo(502);
			assertThat(code(response)).isEqualTo("exchange_provider_failed");
			assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(1500);
		}
		HttpResponse<String> open = call(this.down, "/record");
		assertThat(open.statusCode()).isEqualTo(503);
		assertThat(code(open)).isEqualTo("exchange_provider_circuit_open");
		assertThat(open.headers().firstValue("Retry-After")).isPresent();
	}

	@Test
	void providerErrorsAndNonJsonAreNeverForwarded() throws Exception {
		HttpResponse<String> error = call(this.record, "/error");
		assertThat(error.statusCode()).isEqualTo(502);
		assertThat(error.body()).doesNotContain("database down");
		HttpResponse<String> text = call(this.record, "/text");
		assertThat(text.statusCode()).isEqualTo(502);
		assertThat(code(text)).isEqualTo("exchange_provider_not_json");
		assertThat(text.body()).doesNotContain(SUBJECT);
		HttpResponse<String> broken = call(this.record, "/broken");
		assertThat(broken.statusCode()).isEqualTo(502);
		assertThat(code(broken)).isEqualTo("exchange_provider_not_json");
		assertThat(broken.body()).doesNotContain("1101");
		HttpResponse<String> missing = call(this.record, "/missing");
		assertThat(missing.statusCode()).isEqualTo(404);
		assertThat(code(missing)).isEqualTo("exchange_provider_not_found");
		assertThat(call(this.record, "/record").statusCode()).isEqualTo(200);
	}

	@Test
	void oneHangingProviderDoesNotSlowCallsToAnother() throws Exception {
		int before = this.stub.calls.get();
		CompletableFuture<HttpResponse<String>> first = callAsync(this.hanging, "/hang");
		CompletableFuture<HttpResponse<String>> second = callAsync(this.hanging, "/hang");
		long deadline = System.currentTimeMillis() + 5000;
		while (this.stub.calls.get() < before + 2 && System.currentTimeMillis() < deadline) {
			Thread.sleep(20);
		}
		// its bulkhead (2 calls in flight) is full: a third is refused at once, not queued
		long start = System.nanoTime();
		HttpResponse<String> third = call(this.hanging, "/hang");
		assertThat(third.statusCode()).isEqualTo(503);
		assertThat(code(third)).isEqualTo("exchange_provider_busy");
		// and the other provider answers as fast as ever, many times over
		for (int i = 0; i < 20; i++) {
			assertThat(call(this.record, "/record").statusCode()).isEqualTo(200);
		}
		assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(3000);
		assertThat(first).isNotDone();
		this.stub.release.countDown();
		assertThat(first.get().statusCode()).isEqualTo(200);
		assertThat(second.get().statusCode()).isEqualTo(200);
	}

	CompletableFuture<HttpResponse<String>> callAsync(String resource, String path) {
		return this.http.sendAsync(HttpRequest.newBuilder(
				URI.create("http://127.0.0.1:" + this.server.port() + "/exchange/v1/" + resource + path))
			.header("Authorization", "Bearer " + this.token)
			.header("X-Purpose", ExchangeFixtures.purpose(PURPOSE))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	// ---- bad input ------------------------------------------------------------------------------------

	/** A raw request, so that nothing normalises the path on the way. */
	String raw(String requestLine, String... headers) throws Exception {
		try (Socket socket = new Socket("127.0.0.1", this.server.port())) {
			socket.setSoTimeout(10_000);
			StringBuilder request = new StringBuilder(requestLine).append("\r\nHost: localhost\r\n")
				.append("Authorization: Bearer ").append(this.token).append("\r\n")
				.append("X-Purpose: ").append(ExchangeFixtures.purpose(PURPOSE)).append("\r\n");
			for (String header : headers) {
				request.append(header).append("\r\n");
			}
			request.append("Connection: close\r\n\r\n");
			OutputStream out = socket.getOutputStream();
			out.write(request.toString().getBytes(StandardCharsets.UTF_8));
			out.flush();
			InputStream in = socket.getInputStream();
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

	@Test
	void pathTraversalAndEncodedSeparatorsAreRefusedNotForwarded() throws Exception {
		int before = this.stub.calls.get();
		for (String path : List.of("/record/../admin", "/%2e%2e/admin", "/record%2F..%2Fadmin", "/record/..%5cadmin",
				"/record/%2e%2e", "//record")) {
			String answer = raw("GET /exchange/v1/" + this.record + path + " HTTP/1.1");
			assertThat(answer).as(path).startsWith("HTTP/1.1 400");
			assertThat(answer).as(path).contains("exchange_bad_path");
		}
		assertThat(raw("GET /exchange/v1/../../api/v1/me HTTP/1.1")).startsWith("HTTP/1.1 400");
		assertThat(raw("GET /exchange/v1/" + this.record + "/re cord HTTP/1.1")).startsWith("HTTP/1.1 400");
		assertThat(raw("GET /api/v1/me HTTP/1.1")).startsWith("HTTP/1.1 404");
		assertThat(this.stub.calls.get()).isEqualTo(before);
	}

	@Test
	void S10_anIdentifierInThePathIsHashedAndTheLogKeepsTheTemplate() throws Exception {
		HttpResponse<String> response = call(this.record, "/people/" + SUBJECT);
		// the stub knows no such path: a refusal, whose problem names the path as called
		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(code(response)).isEqualTo("exchange_provider_not_found");
		assertThat(JsonPath.<String>read(response.body(), "$.instance")).endsWith("/people/" + SUBJECT);
		Map<String, Object> entry = logged(response);
		assertThat(entry.get("path")).isEqualTo("/exchange/v1/" + this.record + "/people/{idNumber}");
		assertThat((byte[]) entry.get("subject_hmac")).isEqualTo(this.subjects.hash(SUBJECT));
		assertThat(entry.values().stream().map(String::valueOf).toList()).noneMatch(v -> v.contains(SUBJECT));
		// a subject named twice is refused: which one was looked up would be ambiguous
		HttpResponse<String> twice = call(this.record, "/record?idNumber=110101199001011234&idNumber=" + SUBJECT);
		assertThat(twice.statusCode()).isEqualTo(400);
	}

	@Test
	void pipelinedCallsAreAnsweredInOrderAndAControlCharacterCannotBreakTheLog() throws Exception {
		String auth = "Authorization: Bearer " + this.token + "\r\nX-Purpose: " + ExchangeFixtures.purpose(PURPOSE)
				+ "\r\nHost: localhost\r\n";
		try (Socket socket = new Socket("127.0.0.1", this.server.port())) {
			socket.setSoTimeout(10_000);
			// the slow one first: its answer (504 after 1 s) must come before the fast one's
			socket.getOutputStream()
				.write(("GET /exchange/v1/" + this.record + "/slow HTTP/1.1\r\n" + auth + "\r\n" + "GET /exchange/v1/"
						+ this.record + "/record HTTP/1.1\r\n" + auth + "Connection: close\r\n\r\n")
					.getBytes(StandardCharsets.UTF_8));
			String answers = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			assertThat(answers.indexOf("HTTP/1.1 504")).isGreaterThanOrEqualTo(0)
				.isLessThan(answers.indexOf("HTTP/1.1 200"));
		}
		String nul = raw("GET /exchange/v1/" + this.record + "/rec\u0000ord HTTP/1.1");
		assertThat(nul).startsWith("HTTP/1.1 400");
		assertThat(call(this.record, "/record").statusCode()).isEqualTo(200);
	}

	@Test
	void fieldMapsMayNotOverlapAndBaseUrlsMayNotNameMetadataEndpoints() throws Exception {
		String[] entry = ExchangeFixtures.publishWide(this.mvc);
		UUID provider = ExchangeFixtures.firstSystem(this.jdbc, providerCode());
		String body = """
				{"entryId": "%s", "systemId": "%s", "name": "x", "baseUrl": "%s",
				 "operations": [{"method": "GET", "path": "/record"}], "fieldMap": %s}""";
		String overlapping = CatalogFixtures.send(this.mvc, post("/api/v1/exchange/services"),
				SignIn.as(this.mvc, "sn-psb-staff"), body.formatted(entry[0], provider, this.stub.baseUrl(),
						"{\"data\": \"公民身份号码\", \"data.f02\": \"姓名\"}"))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat((List<String>) JsonPath.read(overlapping, "$.errors[*].code")).contains("overlapping_field_paths");
		String metadata = CatalogFixtures.send(this.mvc, post("/api/v1/exchange/services"),
				SignIn.as(this.mvc, "sn-psb-staff"), body.formatted(entry[0], provider, "http://169.254.169.254/latest",
						"{\"data.f01\": \"公民身份号码\"}"))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat((List<String>) JsonPath.read(metadata, "$.errors[*].field")).contains("baseUrl");
		// and another agency cannot register a service for this entry at all
		int status = CatalogFixtures.send(this.mvc, post("/api/v1/exchange/services"), SignIn.as(this.mvc, "xa-hrss-staff"),
				body.formatted(entry[0], provider, this.stub.baseUrl(), "{\"data.f01\": \"公民身份号码\"}"))
			.andReturn()
			.getResponse()
			.getStatus();
		assertThat(status).isEqualTo(403);
	}

	@Test
	void aProviderNamedByHostNameIsResolvedAndCalled() throws Exception {
		UUID consumer = ExchangeFixtures.firstSystem(this.jdbc, consumerCode());
		String[] entry = ExchangeFixtures.publishWide(this.mvc);
		ExchangeFixtures.grant(this.mvc, this.jdbc, entry[0], "xa-hrss-staff", consumer,
				ExchangeFixtures.ITEMS.subList(0, 1), PURPOSE, 100);
		ExchangeFixtures.service(this.mvc, entry[0], ExchangeFixtures.firstSystem(this.jdbc, providerCode()),
				this.stub.baseUrl().replace("127.0.0.1", "localhost"), "/record",
				Map.of("data.f01", ExchangeFixtures.ITEMS.get(0)), "idNumber", 2000, 4);
		HttpResponse<String> response = call(entry[1].replace('/', '-'), "/record");
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("{\"data\":{\"f01\":\"" + SUBJECT + "\"}}");
	}

	@Test
	void unknownResourcesAndOperationsAre404() throws Exception {
		HttpResponse<String> unknown = call("999-99999", "/record");
		assertThat(unknown.statusCode()).isEqualTo(404);
		assertThat(code(unknown)).isEqualTo("exchange_no_such_resource");
		HttpResponse<String> operation = call(this.record, "/admin");
		assertThat(operation.statusCode()).isEqualTo(404);
		assertThat(code(operation)).isEqualTo("exchange_operation_not_offered");
	}

	@Test
	void headerInjectionAndMalformedPurposesAreRefused() throws Exception {
		assertThat(code(call(this.record, "/record", "%0D%0AX-Evil:%201", this.token))).isEqualTo("exchange_bad_header");
		assertThat(code(call(this.record, "/record", "%E4%B8", this.token))).isEqualTo("exchange_bad_header");
		assertThat(code(call(this.record, "/record", "%zz", this.token))).isEqualTo("exchange_bad_header");
		assertThat(call(this.record, "/record?x=%0d%0a", ExchangeFixtures.purpose(PURPOSE), this.token).statusCode())
			.isEqualTo(200);
	}

	@Test
	void oversizedRequestsAre413() throws Exception {
		String body = "{\"x\": \"" + "a".repeat(70_000) + "\"}";
		HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(
				URI.create("http://127.0.0.1:" + this.server.port() + "/exchange/v1/" + this.record + "/record"))
			.header("Authorization", "Bearer " + this.token)
			.header("X-Purpose", ExchangeFixtures.purpose(PURPOSE))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(413);
		assertThat(code(response)).isEqualTo("exchange_request_too_large");
	}

	// ---- the log --------------------------------------------------------------------------------------

	@Test
	void S10_whileTheDatabaseIsStalledCallsAreAnsweredFromTheJournalAndLoggedOnceItIsFree() throws Exception {
		// another transaction holds the chain's head: shipping waits, the journal keeps the entry
		UUID id;
		try (java.sql.Connection holder = this.dataSource.getConnection()) {
			holder.setAutoCommit(false);
			holder.createStatement().execute("select seq from exc_log_head where id = 1 for update");
			HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.server.port()
					+ "/exchange/v1/" + this.record + "/record?idNumber=" + SUBJECT))
				.header("Authorization", "Bearer " + this.token)
				.header("X-Purpose", ExchangeFixtures.purpose(PURPOSE))
				.timeout(Duration.ofSeconds(10))
				.build();
			HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
			id = UUID.fromString(response.headers().firstValue("X-Request-Id").orElseThrow());
			assertThat(this.accessLog.awaitShipped(Duration.ofMillis(500))).as("not shipped while the head is held")
				.isFalse();
			holder.rollback();
		}
		shipped();
		assertThat(this.jdbc.queryForObject("select count(*) from exc_access_log where request_id = ?", Long.class, id))
			.isEqualTo(1);
	}

	@Test
	void S10_aJournalWrittenForAnotherDatabaseIsSetAsideNotShippedHere(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
			throws Exception {
		UUID foreignCall = UUID.randomUUID();
		UUID foreignInstance;
		try (AccessJournal foreign = AccessJournal.open(dir.resolve("access-log-0.journal"), 64 * 1024)) {
			foreign.recover(0);
			foreignInstance = foreign.instance();
			foreign.append(List.of(AccessEntryCodec.encode(new AccessEntry(0, AccessLogHashing.normalize(java.time.Instant.now()),
					foreignCall, "elsewhere", null, null, null, null, "journal-test", null, PURPOSE, "GET", "/record", List.of(),
					200, "ok", 1000, 226, null, null, new byte[0], new byte[0]))));
		}
		AccessLog writer = new AccessLog(this.dataSource, new io.micrometer.core.instrument.simple.SimpleMeterRegistry(),
				1000, 100, Duration.ofSeconds(2), dir, org.springframework.util.unit.DataSize.ofKilobytes(64));
		writer.start();
		try {
			assertThat(writer.awaitShipped(Duration.ofSeconds(5))).isTrue();
			assertThat(this.jdbc.queryForObject("select count(*) from exc_access_log where request_id = ?", Long.class,
					foreignCall)).as("never shipped into a database it was not written for").isZero();
			assertThat(dir.resolve("access-log-0.journal.other-database-" + foreignInstance)).exists();
			assertThat(this.jdbc.queryForObject("select count(*) from exc_journal where instance_id = ?", Long.class,
					foreignInstance)).isZero();
		}
		finally {
			writer.stop();
		}
	}

	@Test
	void S10_whenTheJournalIsFullCallsAreRefusedNotAnsweredUnlogged(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
			throws Exception {
		// a second writer with a 64 KB journal while the database is stalled: it fills, then refuses
		AccessLog small = new AccessLog(this.dataSource, new io.micrometer.core.instrument.simple.SimpleMeterRegistry(),
				1000, 100, Duration.ofSeconds(2), dir, org.springframework.util.unit.DataSize.ofKilobytes(64));
		small.start();
		try (java.sql.Connection holder = this.dataSource.getConnection()) {
			holder.setAutoCommit(false);
			holder.createStatement().execute("select seq from exc_log_head where id = 1 for update");
			AccessEntry entry = new AccessEntry(0, AccessLogHashing.normalize(java.time.Instant.now()), UUID.randomUUID(),
					"journal-test", null, null, null, null, "journal-test", null, PURPOSE, "GET", "/record", List.of(), 200,
					"ok", 1000, 226, null, null, new byte[0], new byte[0]);
			int accepted = 0;
			Throwable refusal = null;
			while (refusal == null && accepted < 10_000) {
				try {
					small.append(entry).get(5, java.util.concurrent.TimeUnit.SECONDS);
					accepted++;
				}
				catch (java.util.concurrent.ExecutionException ex) {
					refusal = ex.getCause();
				}
			}
			assertThat(refusal).isInstanceOf(AccessJournal.Full.class);
			assertThat(accepted).as("entries journaled before it was full").isGreaterThan(100);
			holder.rollback();
			assertThat(small.awaitShipped(Duration.ofSeconds(10))).isTrue();
			assertThat(small.shippedEntries()).isEqualTo(accepted);
		}
		finally {
			small.stop();
		}
	}

	@Test
	void S10_theLogChainVerifiesAndDetectsTampering() throws Exception {
		call(this.record, "/record?idNumber=" + SUBJECT);
		Actor auditor = new Actor(null, "auditor", "Auditor", Actor.Kind.STAFF, null, null, "610000",
				java.util.Set.of(Role.AUDITOR));
		LogVerification intact = this.log.verify(auditor);
		assertThat(intact.valid()).as(String.valueOf(intact)).isTrue();
		assertThat(intact.entries()).isGreaterThan(0);
		Map<String, Object> last = this.jdbc.queryForMap("select seq, at, purpose from exc_access_log order by seq desc limit 1");
		tamper("update exc_access_log set purpose = '改动' where seq = " + last.get("seq"));
		try {
			LogVerification broken = this.log.verify(auditor);
			assertThat(broken.valid()).isFalse();
			assertThat(broken.firstBrokenSeq()).isEqualTo(last.get("seq"));
		}
		finally {
			tamper("update exc_access_log set purpose = '" + last.get("purpose") + "' where seq = " + last.get("seq"));
		}
		assertThat(this.log.verify(auditor).valid()).isTrue();
		// an entry cut out of the middle is found too
		Map<String, Object> removed = this.jdbc.queryForMap("select * from exc_access_log order by seq desc limit 1 offset 1");
		tamper("delete from exc_access_log where seq = " + removed.get("seq"));
		try {
			assertThat(this.log.verify(auditor).firstBrokenSeq()).isEqualTo(removed.get("seq"));
		}
		finally {
			this.transactions.executeWithoutResult(status -> {
				this.jdbc.execute("set local session_replication_role = replica");
				this.jdbc.update("""
						insert into exc_access_log (seq, at, request_id, client_id, consumer_system_id, consumer_agency_id,
						    provider_agency_id, service_id, resource_code, grant_id, purpose, method, path, items, status,
						    outcome, latency_us, bytes, subject_key, subject_hmac, previous_hash, hash)
						values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::text[], ?, ?, ?, ?, ?, ?, ?, ?)""",
						removed.get("seq"), removed.get("at"), removed.get("request_id"), removed.get("client_id"),
						removed.get("consumer_system_id"), removed.get("consumer_agency_id"), removed.get("provider_agency_id"),
						removed.get("service_id"), removed.get("resource_code"), removed.get("grant_id"),
						removed.get("purpose"), removed.get("method"), removed.get("path"), removed.get("items").toString(),
						removed.get("status"), removed.get("outcome"), removed.get("latency_us"), removed.get("bytes"),
						removed.get("subject_key"), removed.get("subject_hmac"), removed.get("previous_hash"),
						removed.get("hash"));
			});
		}
		assertThat(this.log.verify(auditor).valid()).isTrue();
		// the log is append-only for everyone else
		org.assertj.core.api.Assertions.assertThatThrownBy(
				() -> this.jdbc.update("update exc_access_log set purpose = 'x' where seq = " + last.get("seq")))
			.rootCause()
			.hasMessageContaining("append-only");
	}

	private void tamper(String sql) {
		this.transactions.executeWithoutResult(status -> {
			this.jdbc.execute("set local session_replication_role = replica");
			this.jdbc.execute(sql);
		});
	}

	@Test
	void S10_verifyIsForAuditorsAndAdmins() throws Exception {
		String answer = this.mvc.perform(get("/api/v1/exchange/log/verify").session(SignIn.as(this.mvc, "sn-auditor")))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat((Boolean) JsonPath.read(answer, "$.valid")).as(answer).isTrue();
		assertThat(this.mvc.perform(get("/api/v1/exchange/log/verify").session(SignIn.as(this.mvc, "sn-psb-staff")))
			.andReturn()
			.getResponse()
			.getStatus()).isEqualTo(403);
	}

	@Test
	void S10_providersAndConsumersSeeTheirTrafficByDay() throws Exception {
		call(this.record, "/record");
		call(this.record, "/record", ExchangeFixtures.purpose("其他用途"), this.token);
		String provider = this.mvc.perform(get("/api/v1/exchange/traffic").param("side", "provider")
			.session(SignIn.as(this.mvc, "sn-psb-staff"))).andReturn().getResponse().getContentAsString();
		List<Integer> calls = JsonPath.read(provider, "$.rows[?(@.resourceCode == '" + this.record + "')].calls");
		assertThat(calls).isNotEmpty();
		assertThat(calls.get(0)).isGreaterThanOrEqualTo(2);
		String consumer = this.mvc.perform(get("/api/v1/exchange/traffic").param("side", "consumer")
			.session(SignIn.as(this.mvc, "xa-hrss-staff"))).andReturn().getResponse().getContentAsString();
		assertThat((List<Integer>) JsonPath.read(consumer, "$.rows[?(@.resourceCode == '" + this.record + "')].denied"))
			.isNotEmpty();
		// another agency sees neither side
		String other = this.mvc.perform(get("/api/v1/exchange/traffic").param("side", "provider")
			.session(SignIn.as(this.mvc, "yt-civil-staff"))).andReturn().getResponse().getContentAsString();
		assertThat((List<Object>) JsonPath.read(other, "$.rows[?(@.resourceCode == '" + this.record + "')]")).isEmpty();
		String metrics = this.mvc.perform(get("/actuator/prometheus").session(SignIn.as(this.mvc, "admin")))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(metrics).contains("unigov_exchange_calls_total{consumer=\"xa-hrss-social-insurance\",outcome=\"ok\",resource=\""
				+ this.record + "\"}");
		assertThat(metrics).contains("unigov_exchange_log_journal_seconds_count", "unigov_exchange_log_ship_seconds_count",
				"unigov_exchange_log_queue_seconds_count", "unigov_exchange_log_wait_seconds_count",
				"unigov_exchange_log_batch_entries_count", "unigov_exchange_log_unshipped_bytes",
				"unigov_exchange_log_journal_seconds{quantile=\"0.99\"}");
	}

	@Test
	void S10_theDailyTrafficIsTheLogSummedByDayResourceAndSystem() throws Exception {
		call(this.record, "/record?idNumber=" + SUBJECT);
		call(this.record, "/record", ExchangeFixtures.purpose("其他用途"), this.token);
		assertThat(call(this.record, "/text").statusCode()).isEqualTo(502);
		// written by the log's statement trigger in the same transaction as the entries
		List<Map<String, Object>> differences = this.jdbc.queryForList("""
				with summed as (
				    select (at at time zone 'Asia/Shanghai')::date as day, resource_code, consumer_system_id,
				        count(*) as calls, count(*) filter (where status >= 500) as errors,
				        count(*) filter (where status in (401, 403, 429)) as denied,
				        count(*) filter (where status between 400 and 499 and status not in (401, 403, 429)) as rejected,
				        sum(latency_us) as latency,
				        max(latency_us) as max, count(*) filter (where latency_us < 5000) as u5, sum(bytes) as bytes
				    from exc_access_log
				    where consumer_system_id is not null and consumer_agency_id is not null and provider_agency_id is not null
				    group by 1, 2, 3)
				select * from summed s full join exc_traffic_daily t
				    on t.day = s.day and t.resource_code = s.resource_code and t.consumer_system_id = s.consumer_system_id
				where s.calls is distinct from t.calls or s.errors is distinct from t.errors
				    or s.denied is distinct from t.denied or s.rejected is distinct from t.rejected or s.latency is distinct from t.latency_us_sum
				    or s.max is distinct from t.latency_us_max or s.u5 is distinct from t.under_5ms
				    or s.bytes is distinct from t.bytes""");
		assertThat(differences).isEmpty();
		assertThat(this.jdbc.queryForObject("select sum(denied) from exc_traffic_daily where resource_code = ?", Long.class,
				this.record)).isPositive();
		assertThat(this.jdbc.queryForObject("select sum(errors) from exc_traffic_daily where resource_code = ?", Long.class,
				this.record)).isPositive();
	}

	@Test
	void S10_anInsertThatDoesNotContinueTheChainIsRefused() throws Exception {
		call(this.record, "/record?idNumber=" + SUBJECT);
		Map<String, Object> last = this.jdbc.queryForMap("select * from exc_access_log order by seq desc limit 1");
		long seq = ((Number) last.get("seq")).longValue();
		org.assertj.core.api.Assertions.assertThatThrownBy(() -> this.jdbc.update("""
				insert into exc_access_log (seq, at, request_id, resource_code, purpose, method, path, items, status,
				    outcome, latency_us, bytes, previous_hash, hash)
				values (?, now(), gen_random_uuid(), 'x', 'x', 'GET', '/', '{}', 200, 'ok', 1, 1, ?, ?),
				    (?, now(), gen_random_uuid(), 'x', 'x', 'GET', '/', '{}', 200, 'ok', 1, 1, ?, ?)""",
				seq + 1, last.get("hash"), new byte[32], seq + 3, new byte[32], new byte[32]))
			.rootCause()
			.hasMessageContaining("consecutive")
			.isInstanceOf(org.postgresql.util.PSQLException.class);
		org.assertj.core.api.Assertions.assertThatThrownBy(() -> this.jdbc.update("""
				insert into exc_access_log (seq, at, request_id, resource_code, purpose, method, path, items, status,
				    outcome, latency_us, bytes, previous_hash, hash)
				values (?, now(), gen_random_uuid(), 'x', 'x', 'GET', '/', '{}', 200, 'ok', 1, 1, ?, ?)""",
				seq + 1, new byte[32], new byte[32]))
			.rootCause()
			.hasMessageContaining("exc_log_head moved");
		assertThat(call(this.record, "/record?idNumber=" + SUBJECT).statusCode()).isEqualTo(200);
	}

	@Test
	void S10_anEntrysHashIsItsCanonicalFormChainedToThePreviousOne() throws Exception {
		call(this.record, "/record?idNumber=" + SUBJECT);
		List<AccessEntry> entries = this.jdbc.query("select * from exc_access_log order by seq desc limit 2",
				AccessEntries::row);
		AccessEntry last = entries.get(0);
		assertThat(last.previousHash()).isEqualTo(entries.get(1).hash());
		assertThat(HexFormat.of().formatHex(AccessLogHashing.hash(last, last.seq(), last.previousHash())))
			.isEqualTo(HexFormat.of().formatHex(last.hash()));
	}
}
