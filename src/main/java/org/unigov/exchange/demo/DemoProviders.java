package org.unigov.exchange.demo;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.jspecify.annotations.Nullable;
import org.unigov.shared.ident.CitizenId;
import org.unigov.shared.ident.CreditCode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The demo's provider systems, answering over real HTTP on a listener of their own bound to the
 * loopback address ({@code unigov.demo.providers-port}, a free port by default) under
 * {@code /demo-providers/}: the provincial public security population lookup by citizen ID, the
 * market regulator's enterprise lookup by credit code, and the social insurance enrolment status.
 * They are not on the platform's web port, so a reverse proxy in front of the platform on the same
 * host cannot expose their unfiltered records. Records are synthetic, derived from the identifier,
 * and carry more fields than any grant allows, so the gateway's filtering shows.
 */
final class DemoProviders implements AutoCloseable {

	static final String PREFIX = "/demo-providers/";

	private static final String[] SURNAMES = { "王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴" };

	private static final String[] GIVEN = { "伟", "芳", "娜", "敏", "静", "磊", "洋", "艳", "勇", "军", "杰", "娟" };

	private final JsonMapper json;

	private final HttpServer server;

	private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

	DemoProviders(JsonMapper json, int port) throws IOException {
		this.json = json;
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
		this.server.setExecutor(this.executor);
		this.server.createContext(PREFIX, this::handle);
		this.server.start();
	}

	/** Where the listener accepts calls (loopback, its port). */
	InetSocketAddress address() {
		return this.server.getAddress();
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.executor.close();
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			if (!"GET".equals(exchange.getRequestMethod())) {
				answer(exchange, 405, Map.of("error", "method not allowed"));
				return;
			}
			Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
			switch (exchange.getRequestURI().getPath().substring(PREFIX.length())) {
				case "psb/persons" -> person(exchange, query);
				case "samr/enterprises" -> enterprise(exchange, query);
				case "hrss/insurance" -> insurance(exchange, query);
				case "psb/stations" -> stations(exchange, query);
				default -> answer(exchange, 404, Map.of("error", "no such path"));
			}
		}
		catch (IllegalArgumentException ex) {
			answer(exchange, 400, Map.of("error", "malformed query"));
		}
	}

	private static Map<String, String> query(@Nullable String raw) {
		Map<String, String> values = new HashMap<>();
		if (raw != null) {
			for (String pair : raw.split("&")) {
				int eq = pair.indexOf('=');
				if (eq > 0) {
					values.putIfAbsent(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
							URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
				}
			}
		}
		return values;
	}

	/** The citizen ID asked for, or null after answering 400. */
	private @Nullable String citizen(HttpExchange exchange, Map<String, String> query) throws IOException {
		String id = query.get("idNumber");
		if (id == null || !CitizenId.isValid(id)) {
			answer(exchange, 400, Map.of("error", "idNumber must be a valid citizen ID"));
			return null;
		}
		return id;
	}

	private void person(HttpExchange exchange, Map<String, String> query) throws IOException {
		String id = citizen(exchange, query);
		if (id == null) {
			return;
		}
		int seed = Math.abs(id.hashCode());
		Map<String, Object> person = new LinkedHashMap<>();
		person.put("idNumber", id);
		person.put("name", name(seed));
		person.put("sex", (id.charAt(16) - '0') % 2 == 1 ? "男" : "女");
		person.put("birthDate", LocalDate.of(Integer.parseInt(id.substring(6, 10)), Integer.parseInt(id.substring(10, 12)),
				Integer.parseInt(id.substring(12, 14))).toString());
		person.put("ethnicity", "汉族");
		person.put("address", Map.of("divisionCode", id.substring(0, 6), "detail",
				"陕西省西安市雁塔区长安南路" + (seed % 300 + 1) + "号"));
		person.put("household", Map.of("number", "6101" + String.format("%08d", seed % 100_000_000), "relation", "户主"));
		person.put("phone", "139" + String.format("%08d", seed % 100_000_000));
		person.put("religion", "无");
		answer(exchange, 200, Map.of("data", person));
	}

	private void enterprise(HttpExchange exchange, Map<String, String> query) throws IOException {
		String code = query.get("creditCode");
		if (code == null || !CreditCode.isValid(code)) {
			answer(exchange, 400, Map.of("error", "creditCode must be a valid unified social credit code"));
			return;
		}
		int seed = Math.abs(code.hashCode());
		Map<String, Object> enterprise = new LinkedHashMap<>();
		enterprise.put("creditCode", code);
		enterprise.put("name", "陕西" + GIVEN[seed % GIVEN.length] + "达科技有限公司");
		enterprise.put("legalRepresentative", name(seed));
		enterprise.put("address", "陕西省西安市高新区科技路" + (seed % 200 + 1) + "号");
		enterprise.put("established", LocalDate.of(2000 + seed % 25, 1 + seed % 12, 1 + seed % 28).toString());
		enterprise.put("registeredCapitalFen", (long) (seed % 1000 + 1) * 10_000_000L);
		enterprise.put("shareholders", List.of(
				Map.of("name", name(seed + 1), "idNumber", "610113199001011234", "sharePercent", 60),
				Map.of("name", name(seed + 2), "idNumber", "610113198502022345", "sharePercent", 40)));
		answer(exchange, 200, enterprise);
	}

	private void insurance(HttpExchange exchange, Map<String, String> query) throws IOException {
		String id = citizen(exchange, query);
		if (id == null) {
			return;
		}
		int seed = Math.abs(id.hashCode());
		Map<String, Object> person = new LinkedHashMap<>();
		person.put("idNumber", id);
		person.put("name", name(seed));
		person.put("enrolments", List.of(
				Map.of("type", "企业职工基本养老保险", "status", "正常参保", "since", "2015-07-01", "monthlyBaseFen", 650000),
				Map.of("type", "失业保险", "status", seed % 3 == 0 ? "暂停缴费" : "正常参保", "since", "2015-07-01",
						"monthlyBaseFen", 650000)));
		person.put("employer", "西安某某科技有限公司");
		answer(exchange, 200, person);
	}

	/** Police stations (open data); {@code district=} filters by district; the duty roster is internal. */
	private void stations(HttpExchange exchange, Map<String, String> query) throws IOException {
		String[][] all = { { "雁塔区", "雁塔路派出所", "西安市雁塔区雁塔路12号", "029-85520110" },
				{ "雁塔区", "小寨派出所", "西安市雁塔区小寨东路3号", "029-85520120" },
				{ "碑林区", "南院门派出所", "西安市碑林区南院门18号", "029-87210110" },
				{ "新城区", "解放门派出所", "西安市新城区解放路166号", "029-87410110" },
				{ "渭滨区", "经二路派出所", "宝鸡市渭滨区经二路45号", "0917-3210110" } };
		String district = query.get("district");
		List<Map<String, Object>> stations = new ArrayList<>();
		for (String[] s : all) {
			if (district == null || district.equals(s[0])) {
				Map<String, Object> station = new LinkedHashMap<>();
				station.put("district", s[0]);
				station.put("name", s[1]);
				station.put("address", s[2]);
				station.put("phone", s[3]);
				station.put("dutyRoster", List.of(name(s[1].hashCode() & 0x7fffffff), name(s[2].hashCode() & 0x7fffffff)));
				stations.add(station);
			}
		}
		Map<String, Object> answer = new LinkedHashMap<>();
		answer.put("stations", stations);
		answer.put("count", stations.size());
		answer(exchange, 200, answer);
	}

	private static String name(int seed) {
		return SURNAMES[seed % SURNAMES.length] + GIVEN[(seed / 10) % GIVEN.length];
	}

	private void answer(HttpExchange exchange, int status, Object body) throws IOException {
		byte[] bytes = this.json.writeValueAsBytes(body);
		exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}
}
