package org.unigov.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import com.jayway.jsonpath.JsonPath;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.unigov.SignIn;
import org.unigov.catalog.CatalogFixtures;

/**
 * Builds what an exchange call needs through the platform's own API: a published entry of the
 * provincial public security department with ten items, a grant to a consumer system, a data
 * service, a client token. Shared by the integration tests and the benchmark.
 */
public final class ExchangeFixtures {

	/** The ten data items of {@link #wideEntry}; field {@code fNN} of the stub record carries item NN. */
	public static final List<String> ITEMS = List.of("公民身份号码", "姓名", "性别", "出生日期", "民族", "户籍地址", "联系电话",
			"服务处所", "文化程度", "婚姻状况");

	private ExchangeFixtures() {
	}

	public static String wideEntry(String name) {
		String items = ITEMS.stream()
			.map(item -> "{\"name\": \"" + item + "\", \"type\": \"string\"}")
			.collect(Collectors.joining(", "));
		return """
				{"name": "%s", "nameEn": "Population register (wide)", "classification": "101",
				 "summary": "户籍人口基础信息（交换网关测试用），含十个数据项。", "summaryEn": "Basic population data.",
				 "items": [%s],
				 "format": "database", "updateFrequency": "daily", "sharingMethods": ["api"],
				 "grade": "important", "personalInfo": true, "secrecy": "none",
				 "assessmentApprovedBy": "赵厅长", "assessmentApprovedOn": "2026-11-02",
				 "keywords": ["户籍", "人口"], %s}""".formatted(name, items, CatalogFixtures.CONDITIONAL);
	}

	/** Publishes a wide entry; returns its id and code. */
	public static String[] publishWide(MockMvc mvc) throws Exception {
		String id = CatalogFixtures.published(mvc, wideEntry(CatalogFixtures.name("交换测试人口信息")));
		String code = new JdbcTemplateHolder().code(mvc, id);
		return new String[] { id, code };
	}

	/** The first registered system of an agency, by name (as the demo binds its clients). */
	public static UUID firstSystem(JdbcTemplate jdbc, String agencyCreditCode) {
		return jdbc.queryForObject("""
				select s.id from reg_system s join org_agency a on a.id = s.agency_id
				where a.credit_code = ? order by s.name limit 1""", UUID.class, agencyCreditCode);
	}

	/**
	 * Files a request as {@code consumerStaff} for {@code items} of the entry and has the provider
	 * (sn-psb-staff) approve it at {@code rate} calls a minute; returns the grant id.
	 */
	public static UUID grant(MockMvc mvc, JdbcTemplate jdbc, String entryId, String consumerStaff, UUID systemId,
			List<String> items, String purpose, int rate) throws Exception {
		MockHttpSession consumer = SignIn.as(mvc, consumerStaff);
		String body = """
				{"entryId": "%s", "consumerSystemId": "%s", "items": [%s],
				 "legalBasis": "《社会保险法》第七十四条", "useCase": "%s", "useScope": "限人社部门业务系统使用",
				 "sharingMethod": "api", "expectedVolume": "每日约5000次",
				 "periodFrom": "%s", "periodTo": "%s"}""".formatted(entryId, systemId,
				items.stream().map(i -> "\"" + i + "\"").collect(Collectors.joining(", ")), purpose,
				java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")),
				java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).plusYears(1));
		String filed = CatalogFixtures.send(mvc, post("/api/v1/sharing/requests"), consumer, body)
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(filed).as(filed).contains("\"request\"");
		String requestId = JsonPath.read(filed, "$.request.id");
		Integer version = JsonPath.read(filed, "$.request.version");
		String approved = CatalogFixtures.send(mvc, post("/api/v1/sharing/requests/" + requestId + "/approve"),
				SignIn.as(mvc, "sn-psb-staff"), "{\"rateLimitPerMinute\": " + rate + ", \"version\": " + version + "}")
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat((String) JsonPath.read(approved, "$.request.status")).as(approved).isEqualTo("approved");
		return jdbc.queryForObject("select id from shr_grant where request_id = ?", UUID.class,
				UUID.fromString(requestId));
	}

	/** Registers a data service as sn-psb-staff; returns the answer's JSON. */
	public static String service(MockMvc mvc, String entryId, UUID systemId, String baseUrl, String path,
			Map<String, String> fields, String subjectParam, int timeoutMs, int maxConcurrent) throws Exception {
		return service(mvc, entryId, systemId, baseUrl, List.of(path), fields, subjectParam, timeoutMs, maxConcurrent);
	}

	/** Registers a data service offering GET on several paths. */
	public static String service(MockMvc mvc, String entryId, UUID systemId, String baseUrl, List<String> paths,
			Map<String, String> fields, String subjectParam, int timeoutMs, int maxConcurrent) throws Exception {
		return serviceAs(mvc, "sn-psb-staff", entryId, systemId, baseUrl, paths, fields, subjectParam, timeoutMs,
				maxConcurrent);
	}

	/** Registers a data service as one of the provider agency's staff. */
	public static String serviceAs(MockMvc mvc, String staff, String entryId, UUID systemId, String baseUrl, String path,
			Map<String, String> fields, String subjectParam, int timeoutMs, int maxConcurrent) throws Exception {
		return serviceAs(mvc, staff, entryId, systemId, baseUrl, List.of(path), fields, subjectParam, timeoutMs,
				maxConcurrent);
	}

	static String serviceAs(MockMvc mvc, String staff, String entryId, UUID systemId, String baseUrl, List<String> paths,
			Map<String, String> fields, String subjectParam, int timeoutMs, int maxConcurrent) throws Exception {
		String operations = paths.stream()
			.map(p -> "{\"method\": \"GET\", \"path\": \"" + p + "\"}")
			.collect(Collectors.joining(", "));
		String map = fields.entrySet()
			.stream()
			.map(e -> "\"" + e.getKey() + "\": \"" + e.getValue() + "\"")
			.collect(Collectors.joining(", "));
		String body = """
				{"entryId": "%s", "systemId": "%s", "name": "人口信息查询接口", "baseUrl": "%s",
				 "operations": [%s], "fieldMap": {%s}, "subjectParam": "%s",
				 "timeoutMs": %d, "maxConcurrent": %d}""".formatted(entryId, systemId, baseUrl, operations, map, subjectParam,
				timeoutMs, maxConcurrent);
		String answer = CatalogFixtures.send(mvc, post("/api/v1/exchange/services"), SignIn.as(mvc, staff), body)
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat((String) JsonPath.read(answer, "$.id")).as(answer).isNotNull();
		return answer;
	}

	/** A client_credentials token from the running server. */
	public static String token(int port, String clientId, String secret) throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/oauth2/token"))
				.header("Authorization",
						"Basic " + Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8)))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=exchange"))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return JsonPath.read(response.body(), "$.access_token");
	}

	public static String purpose(String text) {
		return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
	}

	/** The stub record: twenty fields, about 1.2 KB; fields f01–f10 carry the ten items. */
	public static String record() {
		StringBuilder json = new StringBuilder("{");
		String[] values = { "11010519491231002X", "张三丰", "男", "1949-12-31", "汉族", "陕西省西安市雁塔区长安南路88号3单元502室",
				"13900000000", "西安市雁塔区某某街道办事处", "大学本科", "已婚" };
		for (int i = 1; i <= 20; i++) {
			if (i > 1) {
				json.append(',');
			}
			String value = i <= 10 ? values[i - 1]
					: "内部字段" + i + "：不在任何授权范围内的业务数据，交换网关必须将其移除，不得传给使用部门";
			json.append(String.format("\"f%02d\":\"%s\"", i, value));
		}
		return json.append('}').toString();
	}

	public static Map<String, String> fieldMap() {
		Map<String, String> map = new java.util.LinkedHashMap<>();
		for (int i = 1; i <= 10; i++) {
			map.put(String.format("f%02d", i), ITEMS.get(i - 1));
		}
		return map;
	}

	private static final class JdbcTemplateHolder {

		String code(MockMvc mvc, String id) throws Exception {
			String entry = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
				.get("/api/v1/catalog/entries/" + id)
				.session(SignIn.as(mvc, "sn-psb-staff"))).andReturn().getResponse().getContentAsString();
			return JsonPath.read(entry, "$.code");
		}
	}
}
