package org.unigov.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.rdf.model.RDFNode;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.unigov.SignIn;
import org.unigov.UnigovTest;
import org.unigov.catalog.CatalogFixtures;
import org.unigov.exchange.gateway.ExchangeServer;
import org.unigov.exchange.internal.AccessLog;
import org.unigov.exchange.internal.ExchangeLog;
import org.unigov.exchange.internal.LogVerification;
import org.unigov.shared.Actor;
import org.unigov.shared.Role;

/**
 * Open data through the exchange (C5): the provider opens a data service of an entry open without
 * conditions; anyone then calls {@code /open/v1/{resource}/{path}} on the real gateway without a
 * token, against a real provider (the JDK's HTTP server), and gets only the entry's items; entries
 * not open are refused; the rate per client address is limited (429, Retry-After); every call is in
 * the hash-chained access log; the DCAT-AP export and the portal name the API's address.
 */
@UnigovTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenApiIntegrationTests {

	static final List<String> ITEMS = List.of("派出所名称", "地址", "联系电话");

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

	final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	ProviderStub stub;

	/** An open entry whose service is opened. */
	String openEntry;

	String open;

	String openService;

	/** An entry not open (personal information), with a data service. */
	String closedEntry;

	String closed;

	String closedService;

	@BeforeAll
	void fixtures() throws Exception {
		this.stub = new ProviderStub();
		UUID provider = ExchangeFixtures.firstSystem(this.jdbc, providerCode());
		this.openEntry = CatalogFixtures.published(this.mvc, openEntryJson(CatalogFixtures.name("派出所名录开放接口")));
		this.open = code(this.openEntry);
		this.openService = register(this.openEntry, provider, """
				{"stations[].name": "派出所名称", "stations[].address": "地址", "stations[].phone": "联系电话"}""");
		this.closedEntry = CatalogFixtures.published(this.mvc,
				CatalogFixtures.entry(CatalogFixtures.name("户籍信息不开放"), CatalogFixtures.UNCONDITIONAL));
		this.closed = code(this.closedEntry);
		this.closedService = register(this.closedEntry, provider, """
				{"stations[].name": "姓名"}""");
	}

	@AfterAll
	void stop() {
		this.stub.close();
	}

	String providerCode() {
		return this.jdbc.queryForObject("select a.credit_code from org_agency a where a.name_zh = '陕西省公安厅'",
				String.class);
	}

	static String openEntryJson(String name) {
		return """
				{"name": "%s", "nameEn": "Police stations", "classification": "101",
				 "summary": "全省公安派出所名称、地址和联系电话。", "summaryEn": "Police stations of the province.",
				 "items": [{"name": "派出所名称", "type": "string"}, {"name": "地址", "type": "string"},
				   {"name": "联系电话", "type": "string"}],
				 "format": "database", "updateFrequency": "monthly", "sharingMethods": ["api"],
				 "grade": "general", "personalInfo": false, "secrecy": "none",
				 "assessmentApprovedBy": "赵厅长", "assessmentApprovedOn": "2026-11-02",
				 "keywords": ["派出所"], "sharingType": "unconditional", "openAttribute": "open"}""".formatted(name);
	}

	String code(String entryId) throws Exception {
		String entry = this.mvc.perform(get("/api/v1/catalog/entries/" + entryId).session(SignIn.as(this.mvc, "sn-psb-staff")))
			.andReturn().getResponse().getContentAsString();
		return ((String) JsonPath.read(entry, "$.code")).replace('/', '-');
	}

	String register(String entryId, UUID systemId, String fieldMap) throws Exception {
		String body = """
				{"entryId": "%s", "systemId": "%s", "name": "派出所名录查询接口", "baseUrl": "%s",
				 "operations": [{"method": "GET", "path": "/stations"}], "fieldMap": %s,
				 "timeoutMs": 2000, "maxConcurrent": 8}""".formatted(entryId, systemId, this.stub.baseUrl(), fieldMap);
		String answer = CatalogFixtures.send(this.mvc, post("/api/v1/exchange/services"), SignIn.as(this.mvc, "sn-psb-staff"), body)
			.andReturn().getResponse().getContentAsString();
		assertThat((String) JsonPath.read(answer, "$.id")).as(answer).isNotNull();
		return JsonPath.read(answer, "$.id");
	}

	/** Opens or closes a service's open API as {@code user}; returns the answer. */
	org.springframework.mock.web.MockHttpServletResponse setOpen(String user, String serviceId, boolean open) throws Exception {
		String current = this.mvc.perform(get("/api/v1/exchange/services/" + serviceId).session(SignIn.as(this.mvc, "sn-psb-staff")))
			.andReturn().getResponse().getContentAsString();
		Integer version = JsonPath.read(current, "$.version");
		return CatalogFixtures.send(this.mvc, post("/api/v1/exchange/services/" + serviceId + "/open-api"),
				SignIn.as(this.mvc, user), "{\"open\": " + open + ", \"version\": " + version + "}").andReturn().getResponse();
	}

	/** Opens the open entry's service once (the tests may run in any order). */
	synchronized void opened() throws Exception {
		if (!this.openedOnce) {
			var answer = setOpen("sn-psb-staff", this.openService, true);
			assertThat(answer.getStatus()).as(answer.getContentAsString()).isEqualTo(200);
			assertThat((Boolean) JsonPath.read(answer.getContentAsString(), "$.openApi")).isTrue();
			this.openedOnce = true;
		}
	}

	boolean openedOnce;

	HttpResponse<String> call(String path, String clientAddress) throws Exception {
		HttpResponse<String> response = this.http.send(HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + this.server.port() + path))
			.header("X-Forwarded-For", clientAddress)
			.GET()
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(this.accessLog.awaitShipped(Duration.ofSeconds(10))).as("journal shipped within 10 s").isTrue();
		return response;
	}

	Map<String, Object> logged(HttpResponse<String> response) {
		String id = response.headers().firstValue("X-Request-Id").orElseThrow();
		return this.jdbc.queryForMap("select * from exc_access_log where request_id = ?", UUID.fromString(id));
	}

	@Test
	@DisplayName("C5 S10 anyone calls an opened open entry without a token: only its items, logged as anonymous")
	void anonymousCallReturnsOnlyOpenItems() throws Exception {
		opened();
		HttpResponse<String> response = call("/open/v1/" + this.open + "/stations", "198.51.100.7");
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(response.body()).contains("雁塔路派出所", "西安市雁塔区小寨东路3号", "029-85500002")
			.doesNotContain("SECRET", "total");
		assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).contains("*");
		assertThat(this.stub.lastHeaders.getFirst("Authorization")).isNull();
		assertThat(this.stub.lastHeaders.getFirst("X-Unigov-Open-Data")).isEqualTo("anonymous");

		Map<String, Object> entry = logged(response);
		assertThat((String) entry.get("client_id")).startsWith("anonymous:").doesNotContain("198.51.100.7");
		assertThat(entry.get("consumer_system_id")).isNull();
		assertThat(entry.get("purpose")).isEqualTo("公开数据");
		assertThat(entry.get("path")).isEqualTo("/open/v1/" + this.open + "/stations");
		assertThat(entry.get("status")).isEqualTo(200);
		assertThat(entry.get("grant_id")).isNotNull();
		assertThat(entry.get("service_id")).isEqualTo(UUID.fromString(this.openService));
		assertThat(List.of((String[]) ((java.sql.Array) entry.get("items")).getArray()))
			.containsExactlyInAnyOrderElementsOf(ITEMS);
		// the same address is the same (hashed) caller; another address another
		HttpResponse<String> again = call("/open/v1/" + this.open + "/stations", "198.51.100.7");
		HttpResponse<String> other = call("/open/v1/" + this.open + "/stations", "198.51.100.8");
		assertThat(logged(again).get("client_id")).isEqualTo(entry.get("client_id"));
		assertThat(logged(other).get("client_id")).isNotEqualTo(entry.get("client_id"));

		String logPage = this.mvc.perform(get("/exchange/log?side=provider").session(SignIn.as(this.mvc, "sn-psb-staff")))
			.andReturn().getResponse().getContentAsString();
		assertThat(logPage).contains("公众匿名调用（公开数据）", ((String) entry.get("client_id")).substring("anonymous:".length()));

		Actor auditor = new Actor(null, "auditor", "Auditor", Actor.Kind.STAFF, null, null, "610000", java.util.Set.of(Role.AUDITOR));
		LogVerification verified = this.log.verify(auditor);
		assertThat(verified.valid()).as(String.valueOf(verified)).isTrue();
	}

	@Test
	@DisplayName("C5 an entry that is not open cannot be opened (422) and is refused anonymously (404, logged)")
	void notOpenRefused() throws Exception {
		var refused = setOpen("sn-psb-staff", this.closedService, true);
		assertThat(refused.getStatus()).isEqualTo(422);
		assertThat(refused.getContentAsString()).contains("exchange_open_api_not_allowed");
		assertThat(this.jdbc.queryForObject("select open_api from exc_service where id = ?", Boolean.class,
				UUID.fromString(this.closedService))).isFalse();

		HttpResponse<String> response = call("/open/v1/" + this.closed + "/stations", "198.51.100.20");
		assertThat(response.statusCode()).as(response.body()).isEqualTo(404);
		assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
		assertThat(response.body()).contains("\"code\":\"exchange_not_open_data\"").doesNotContain("户籍");
		Map<String, Object> entry = logged(response);
		assertThat(entry.get("outcome")).isEqualTo("exchange_not_open_data");
		assertThat(entry.get("resource_code")).isEqualTo(this.closed);

		HttpResponse<String> unknown = call("/open/v1/999-99999/stations", "198.51.100.20");
		assertThat(unknown.statusCode()).isEqualTo(404);
		assertThat(unknown.body()).contains("exchange_not_open_data");
		// a token does not open a resource either, and a POST is not offered anonymously
		HttpResponse<String> posted = this.http.send(HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + this.server.port() + "/open/v1/" + this.open + "/stations"))
			.header("X-Forwarded-For", "198.51.100.21")
			.POST(HttpRequest.BodyPublishers.ofString("{}"))
			.header("Content-Type", "application/json")
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(posted.statusCode()).isIn(404);
	}

	@Test
	@DisplayName("C5 only the provider agency opens its service, and the change is audited; closing stops the calls")
	void openingIsCheckedAudited() throws Exception {
		var foreign = setOpen("xa-hrss-staff", this.openService, true);
		assertThat(foreign.getStatus()).isEqualTo(403);
		opened();
		assertThat(this.jdbc.queryForObject("select count(*) from audit_entry where action = 'exchange.service.open-api-on' "
				+ "and subject_id = ?", Long.class, this.openService)).isEqualTo(1);
		// closed: the call is refused; opened again: served again
		assertThat(setOpen("sn-psb-staff", this.openService, false).getStatus()).isEqualTo(200);
		try {
			HttpResponse<String> refused = call("/open/v1/" + this.open + "/stations", "198.51.100.30");
			assertThat(refused.statusCode()).isEqualTo(404);
			assertThat(this.jdbc.queryForObject("select count(*) from audit_entry where action = 'exchange.service.open-api-off' "
					+ "and subject_id = ?", Long.class, this.openService)).isEqualTo(1);
		}
		finally {
			assertThat(setOpen("sn-psb-staff", this.openService, true).getStatus()).isEqualTo(200);
		}
		assertThat(call("/open/v1/" + this.open + "/stations", "198.51.100.31").statusCode()).isEqualTo(200);
	}

	@Test
	@DisplayName("C5 the rate per client address is limited: 429 with Retry-After, logged; other addresses unaffected")
	void rateLimitedPerAddress() throws Exception {
		opened();
		String path = "/open/v1/" + this.open + "/stations";
		// unigov.exchange.open.calls-per-minute is 20 in the tests: bursts of 2
		assertThat(call(path, "198.51.100.40").statusCode()).isEqualTo(200);
		assertThat(call(path, "198.51.100.40").statusCode()).isEqualTo(200);
		HttpResponse<String> limited = call(path, "198.51.100.40");
		assertThat(limited.statusCode()).as(limited.body()).isEqualTo(429);
		assertThat(limited.body()).contains("\"code\":\"exchange_rate_limited\"");
		assertThat(Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 60L);
		assertThat(limited.headers().firstValue("Access-Control-Expose-Headers").orElse("")).contains("Retry-After");
		assertThat(logged(limited).get("outcome")).isEqualTo("exchange_rate_limited");
		assertThat(call(path, "198.51.100.41").statusCode()).isEqualTo(200);
	}

	@Test
	@DisplayName("C5 DCAT-AP: the open API is a distribution whose dcat:accessURL is the API, served by a dcat:DataService")
	void dcatNamesTheApi() throws Exception {
		opened();
		String body = this.mvc.perform(get("/open/catalog.ttl").header("Accept", "text/turtle"))
			.andReturn().getResponse().getContentAsString();
		Model model = ModelFactory.createDefaultModel();
		RDFParser.create().source(new StringReader(body)).lang(Lang.TURTLE).parse(model);
		String dcat = "http://www.w3.org/ns/dcat#";
		String endpoint = "http://localhost:" + this.server.port() + "/open/v1/" + this.open;
		Resource dataset = model.createResource("http://localhost/open/datasets/" + this.openEntry);
		List<String> accessUrls = model.listObjectsOfProperty(dataset, model.createProperty(dcat, "distribution"))
			.toList()
			.stream()
			.map(RDFNode::asResource)
			.map(d -> d.getPropertyResourceValue(model.createProperty(dcat, "accessURL")).getURI())
			.toList();
		assertThat(accessUrls).contains(endpoint).noneMatch(url -> url.contains("/open/resources/"));
		List<Resource> services = model.listSubjectsWithProperty(model.createProperty(dcat, "endpointURL"),
				model.createResource(endpoint)).toList();
		assertThat(services).hasSize(1);
		assertThat(services.get(0).hasProperty(model.createProperty(dcat, "servesDataset"), dataset)).isTrue();
		// an entry not open has no dataset at all, let alone an API
		assertThat(body).doesNotContain("/open/v1/" + this.closed);
		// the dataset's own IRI, as Turtle, names the API too
		String described = this.mvc.perform(get("/open/datasets/" + this.openEntry).header("Accept", "text/turtle"))
			.andReturn().getResponse().getContentAsString();
		assertThat(described).contains("<" + endpoint + ">");
	}

	@Test
	@DisplayName("C5 the demo's open API (公安派出所名录) answers as the README shows, without its internal fields")
	void demoOpenApi() throws Exception {
		String code = this.jdbc.queryForObject("select code from cat_entry where name = '公安派出所名录'", String.class);
		assertThat(code.replace('/', '-')).as("the code the README uses").isEqualTo("301-00004");
		HttpResponse<String> response = call("/open/v1/301-00004/stations?district=%E9%9B%81%E5%A1%94%E5%8C%BA",
				"198.51.100.50");
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(response.body()).startsWith("{\"stations\":[{\"name\":\"雁塔路派出所\",\"address\":\"西安市雁塔区雁塔路12号\","
				+ "\"phone\":\"029-85520110\"}").doesNotContain("district", "dutyRoster", "count", "碑林");
	}

	@Test
	@DisplayName("C5 the open resource page shows the API address and an example call")
	void portalShowsTheApi() throws Exception {
		opened();
		String page = this.mvc.perform(get("/open/resources/" + this.openEntry).header("Accept-Language", "zh-CN"))
			.andReturn().getResponse().getContentAsString();
		assertThat(page).contains("接口调用", "http://localhost:" + this.server.port() + "/open/v1/" + this.open,
				"curl &#39;http://localhost:" + this.server.port() + "/open/v1/" + this.open + "/stations&#39;");
	}
}
