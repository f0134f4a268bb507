package org.unigov.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.unigov.SignIn;
import org.unigov.UnigovTest;
import org.unigov.catalog.CatalogFixtures;
import org.unigov.exchange.gateway.ExchangeServer;
import org.unigov.exchange.internal.AccessLog;
import org.unigov.exchange.internal.SubjectHasher;

/**
 * The gateway against providers that answer more than they should (issue 15): nested fields under
 * a granted leaf and repeated keys (S6), answers framed so that bytes are left on a pooled
 * connection (one subject's answer must never reach another call), host names that move to
 * internal addresses after registration, and traffic statistics that count every outcome.
 */
@UnigovTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GatewayHardeningIntegrationTests {

	static final String PURPOSE = "社会保险待遇资格认证";

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	ExchangeServer server;

	@Autowired
	AccessLog accessLog;

	@Autowired
	SubjectHasher subjects;

	@Value("${local.server.port}")
	int webPort;

	/** One client, one connection to the gateway: calls follow each other on one event loop. */
	final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	RawProvider provider;

	RawProvider internal;

	UUID consumer;

	UUID providerSystem;

	String token;

	/** The resource served by {@link #provider}. */
	String resource;

	@BeforeAll
	void fixtures() throws Exception {
		this.provider = new RawProvider("127.0.0.1");
		// allowed networks in the tests: 127.0.0.1/32 only; 127.0.0.2 is loopback, not allowed
		this.internal = new RawProvider("127.0.0.2");
		this.consumer = ExchangeFixtures.firstSystem(this.jdbc, this.jdbc.queryForObject(
				"select a.credit_code from exc_client c join org_agency a on a.id = c.agency_id "
						+ "where c.client_id = 'xa-hrss-social-insurance'", String.class));
		this.providerSystem = ExchangeFixtures.firstSystem(this.jdbc,
				this.jdbc.queryForObject("select credit_code from org_agency where name_zh = '陕西省公安厅'", String.class));
		this.resource = publish("http://127.0.0.1:" + this.provider.port(),
				List.of("/person", "/leak", "/duplicate", "/no-content-then-more", "/trailing-bytes", "/idle-bytes"));
		this.token = ExchangeFixtures.token(this.webPort, "xa-hrss-social-insurance", "demo-secret-hrss");
	}

	@AfterAll
	void stop() throws Exception {
		this.provider.close();
		this.internal.close();
	}

	/** Publishes an entry, grants items 0, 1 and 3 to the consumer and registers the service. */
	String publish(String baseUrl, List<String> paths) throws Exception {
		String[] entry = ExchangeFixtures.publishWide(this.mvc);
		List<String> items = ExchangeFixtures.ITEMS;
		ExchangeFixtures.grant(this.mvc, this.jdbc, entry[0], "xa-hrss-staff", this.consumer,
				List.of(items.get(0), items.get(1), items.get(3)), PURPOSE, 10_000);
		ExchangeFixtures.service(this.mvc, entry[0], this.providerSystem, baseUrl, paths,
				Map.of("data.creditCode", items.get(0), "data.name", items.get(1), "data.items[].date", items.get(3),
						"data.secret", items.get(8)),
				"idNumber", 2000, 16);
		return entry[1].replace('/', '-');
	}

	HttpResponse<String> call(String resource, String path) throws Exception {
		HttpResponse<String> response = this.http.send(HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + this.server.port() + "/exchange/v1/" + resource + path))
			.header("Authorization", "Bearer " + this.token)
			.header("X-Purpose", ExchangeFixtures.purpose(PURPOSE))
			.timeout(Duration.ofSeconds(20))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(this.accessLog.awaitShipped(Duration.ofSeconds(10))).isTrue();
		return response;
	}

	Map<String, Object> logged(HttpResponse<String> response) {
		String id = response.headers().firstValue("X-Request-Id").orElseThrow();
		return this.jdbc.queryForMap("select * from exc_access_log where request_id = ?", UUID.fromString(id));
	}

	static String code(HttpResponse<String> response) {
		return JsonPath.read(response.body(), "$.code");
	}

	@Nested
	class FieldFilter {

		@Test
		@DisplayName("S6 objects and arrays at a granted leaf pass nothing; the log lists only what passed")
		void S6_nestedValuesUnderAGrantedLeafAreNotPassedOn() throws Exception {
			HttpResponse<String> response = call(GatewayHardeningIntegrationTests.this.resource, "/leak");
			assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
			assertThat(response.body()).doesNotContain("PHONE-P", "ID-I", "PHONE-T", "phone", "idNumber");
			assertThat(response.body()).isEqualTo("{\"data\":{\"items\":[{}]}}");
			assertThat((String[]) ((java.sql.Array) logged(response).get("items")).getArray()).isEmpty();
		}

		@Test
		@DisplayName("S6 an answer with a repeated key is refused with 502 and logged")
		void S6_anAnswerWithARepeatedKeyIsRefused() throws Exception {
			HttpResponse<String> response = call(GatewayHardeningIntegrationTests.this.resource, "/duplicate");
			assertThat(response.statusCode()).as(response.body()).isEqualTo(502);
			assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
			assertThat(code(response)).isEqualTo("exchange_provider_duplicate_key");
			assertThat(response.body()).doesNotContain("SECRET-S");
			Map<String, Object> entry = logged(response);
			assertThat(entry.get("status")).isEqualTo(502);
			assertThat(entry.get("outcome")).isEqualTo("exchange_provider_duplicate_key");
		}
	}

	@Nested
	class PooledConnections {

		/** Calls {@code first}, then asks for subject B on what would be the same pooled connection. */
		void nextCallGetsItsOwnAnswer(String first, long pauseMs) throws Exception {
			String subject = "61011319900101" + (1000 + (int) (Math.random() * 8999));
			call(GatewayHardeningIntegrationTests.this.resource, first);
			Thread.sleep(pauseMs);
			HttpResponse<String> second = call(GatewayHardeningIntegrationTests.this.resource,
					"/person?idNumber=" + subject);
			assertThat(second.body()).as("the answer to the next call").doesNotContain(RawProvider.INJECTED);
			assertThat(second.statusCode()).as(second.body()).isEqualTo(200);
			assertThat((String) JsonPath.read(second.body(), "$.data.name")).isEqualTo(subject);
			Map<String, Object> entry = logged(second);
			assertThat((byte[]) entry.get("subject_hmac"))
				.isEqualTo(GatewayHardeningIntegrationTests.this.subjects.hash(subject));
		}

		@Test
		@DisplayName("S6 a 204 followed 50 ms later by a second answer does not answer the next call")
		void aBodylessStatusEndsTheConnection() throws Exception {
			nextCallGetsItsOwnAnswer("/no-content-then-more", 0);
		}

		@Test
		@DisplayName("S6 bytes beyond an answer end the connection")
		void unreadBytesEndTheConnection() throws Exception {
			nextCallGetsItsOwnAnswer("/trailing-bytes", 0);
		}

		@Test
		@DisplayName("S6 an idle pooled connection that receives bytes is closed")
		void bytesOnAnIdleConnectionCloseIt() throws Exception {
			nextCallGetsItsOwnAnswer("/idle-bytes", 300);
		}
	}

	@Nested
	class ProviderAddresses {

		@Test
		@DisplayName("a name that moves to a loopback address after registration is not called (DNS rebinding)")
		void aNameRebindingToLoopbackIsRefusedAtCallTime() throws Exception {
			String name = "rebind-" + UUID.randomUUID().toString().substring(0, 8) + TestNames.SUFFIX;
			TestNames.point(name, "203.0.113.10");
			String resource = publish("http://" + name + ":" + GatewayHardeningIntegrationTests.this.internal.port(),
					List.of("/person"));
			TestNames.point(name, "127.0.0.2");
			int before = GatewayHardeningIntegrationTests.this.internal.requests.get();
			HttpResponse<String> response = call(resource, "/person?idNumber=610113199001011234");
			assertThat(response.statusCode()).as(response.body()).isEqualTo(502);
			assertThat(code(response)).isEqualTo("exchange_provider_address_refused");
			assertThat(GatewayHardeningIntegrationTests.this.internal.requests.get()).isEqualTo(before);
			assertThat(logged(response).get("outcome")).isEqualTo("exchange_provider_address_refused");
			for (String address : List.of("169.254.169.254", "0.0.0.0", "::ffff:169.254.169.254")) {
				TestNames.point(name, address);
				assertThat(code(call(resource, "/person?idNumber=610113199001011234"))).as(address)
					.isEqualTo("exchange_provider_address_refused");
			}
		}

		@Test
		@DisplayName("the platform's own ports are never a provider, even on an allowed network")
		void thePlatformsOwnPortsAreRefused() throws Exception {
			String name = "self-" + UUID.randomUUID().toString().substring(0, 8) + TestNames.SUFFIX;
			TestNames.point(name, "203.0.113.11");
			String resource = publish("http://" + name + ":" + GatewayHardeningIntegrationTests.this.webPort,
					List.of("/person"));
			TestNames.point(name, "127.0.0.1");
			assertThat(code(call(resource, "/person?idNumber=610113199001011234")))
				.isEqualTo("exchange_provider_address_refused");
		}

		@Test
		void registrationRefusesAddressesTheGatewayWouldNotCall() throws Exception {
			String[] entry = ExchangeFixtures.publishWide(GatewayHardeningIntegrationTests.this.mvc);
			for (String url : List.of("http://127.0.0.1:" + GatewayHardeningIntegrationTests.this.webPort,
					"http://127.0.0.2:" + GatewayHardeningIntegrationTests.this.internal.port(), "http://169.254.169.254",
					"http://[::ffff:127.0.0.2]:80", "http://10.1.2.3")) {
				String body = """
						{"entryId": "%s", "systemId": "%s", "name": "人口信息查询接口", "baseUrl": "%s",
						 "operations": [{"method": "GET", "path": "/person"}], "fieldMap": {"data.name": "姓名"},
						 "subjectParam": "idNumber"}""".formatted(entry[0], GatewayHardeningIntegrationTests.this.providerSystem,
						url);
				String answer = CatalogFixtures
					.send(GatewayHardeningIntegrationTests.this.mvc, post("/api/v1/exchange/services"),
							SignIn.as(GatewayHardeningIntegrationTests.this.mvc, "sn-psb-staff"), body)
					.andReturn()
					.getResponse()
					.getContentAsString();
				assertThat(answer).as(url).contains("invalid_data_service").contains("baseUrl");
			}
		}
	}

	@Nested
	class Traffic {

		@Test
		@DisplayName("S10 calls answered 4xx are counted, on the provider's and the consumer's side")
		void S10_everyNonSuccessIsCountedInItsClass() throws Exception {
			String resource = GatewayHardeningIntegrationTests.this.resource;
			assertThat(call(resource, "/not-offered").statusCode()).isEqualTo(404);
			assertThat(call(resource, "/duplicate").statusCode()).isEqualTo(502);
			for (String side : List.of("provider", "consumer")) {
				String staff = side.equals("provider") ? "sn-psb-staff" : "xa-hrss-staff";
				String traffic = GatewayHardeningIntegrationTests.this.mvc
					.perform(get("/api/v1/exchange/traffic").param("side", side)
						.session(SignIn.as(GatewayHardeningIntegrationTests.this.mvc, staff)))
					.andReturn()
					.getResponse()
					.getContentAsString();
				List<Integer> rejected = JsonPath.read(traffic, "$.rows[?(@.resourceCode == '" + resource + "')].rejected");
				List<Integer> errors = JsonPath.read(traffic, "$.rows[?(@.resourceCode == '" + resource + "')].errors");
				assertThat(rejected).as(side).isNotEmpty();
				assertThat(rejected.stream().mapToInt(Integer::intValue).sum()).as(side).isPositive();
				assertThat(errors.stream().mapToInt(Integer::intValue).sum()).as(side).isPositive();
				assertThat((Integer) JsonPath.read(traffic, "$.rejected")).as(side).isPositive();
			}
		}
	}

	@Nested
	class DemoProviders {

		@Test
		@DisplayName("the demo providers' unfiltered records are not on the platform's web port")
		void theDemoProvidersAreNotServedOnTheWebPort() throws Exception {
			HttpResponse<String> response = GatewayHardeningIntegrationTests.this.http.send(HttpRequest
				.newBuilder(URI.create("http://127.0.0.1:" + GatewayHardeningIntegrationTests.this.webPort
						+ "/demo-providers/psb/persons?idNumber=11010519491231002X"))
				.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(response.body()).doesNotContain("11010519491231002X").doesNotContain("phone");
			assertThat(response.statusCode()).isIn(401, 404);
		}

		@Test
		@DisplayName("S6 a demo client reads the demo population register through the gateway, granted items only")
		void S6_theDemoProvidersAnswerThroughTheGateway() throws Exception {
			String code = GatewayHardeningIntegrationTests.this.jdbc
				.queryForObject("select code from cat_entry where name = '全省户籍人口基础信息'", String.class);
			String token = ExchangeFixtures.token(GatewayHardeningIntegrationTests.this.webPort, "yt-civil-assistance",
					"demo-secret-civil");
			HttpResponse<String> response = GatewayHardeningIntegrationTests.this.http.send(HttpRequest
				.newBuilder(URI.create("http://127.0.0.1:" + GatewayHardeningIntegrationTests.this.server.port()
						+ "/exchange/v1/" + code.replace('/', '-') + "/persons?idNumber=11010519491231002X"))
				.header("Authorization", "Bearer " + token)
				.header("X-Purpose", ExchangeFixtures.purpose("社会救助对象身份核验"))
				.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
			assertThat((String) JsonPath.read(response.body(), "$.data.idNumber")).isEqualTo("11010519491231002X");
			assertThat(response.body()).contains("\"name\"", "\"sex\"", "\"detail\"")
				.doesNotContain("phone", "household", "birthDate", "divisionCode");
		}
	}
}
