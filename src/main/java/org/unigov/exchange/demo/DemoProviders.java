package org.unigov.exchange.demo;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.unigov.shared.ident.CitizenId;
import org.unigov.shared.ident.CreditCode;

import tools.jackson.databind.json.JsonMapper;

/**
 * The demo's provider systems, answering over real HTTP on the platform's own port under
 * {@code /demo-providers/} and only to the loopback address (the exchange calling them): the
 * provincial public security population lookup by citizen ID, the market regulator's enterprise
 * lookup by credit code, and the social insurance enrolment status. Records are synthetic,
 * derived from the identifier, and carry more fields than any grant allows, so the gateway's
 * filtering shows.
 */
class DemoProviders extends HttpFilter {

	static final String PREFIX = "/demo-providers/";

	private static final String[] SURNAMES = { "王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴" };

	private static final String[] GIVEN = { "伟", "芳", "娜", "敏", "静", "磊", "洋", "艳", "勇", "军", "杰", "娟" };

	private final JsonMapper json;

	DemoProviders(JsonMapper json) {
		this.json = json;
	}

	@Override
	protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws IOException, ServletException {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		if (!path.startsWith(PREFIX)) {
			chain.doFilter(request, response);
			return;
		}
		if (!InetAddress.getByName(request.getRemoteAddr()).isLoopbackAddress()) {
			response.sendError(404);
			return;
		}
		if (!"GET".equals(request.getMethod())) {
			answer(response, 405, Map.of("error", "method not allowed"));
			return;
		}
		switch (path.substring(PREFIX.length())) {
			case "psb/persons" -> person(request, response);
			case "samr/enterprises" -> enterprise(request, response);
			case "hrss/insurance" -> insurance(request, response);
			default -> answer(response, 404, Map.of("error", "no such path"));
		}
	}

	/** The citizen ID asked for, or null after answering 400. */
	private @org.jspecify.annotations.Nullable String citizen(HttpServletRequest request, HttpServletResponse response) throws IOException {
		String id = request.getParameter("idNumber");
		if (id == null || !CitizenId.isValid(id)) {
			answer(response, 400, Map.of("error", "idNumber must be a valid citizen ID"));
			return null;
		}
		return id;
	}

	private void person(HttpServletRequest request, HttpServletResponse response) throws IOException {
		String id = citizen(request, response);
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
		answer(response, 200, Map.of("data", person));
	}

	private void enterprise(HttpServletRequest request, HttpServletResponse response) throws IOException {
		String code = request.getParameter("creditCode");
		if (code == null || !CreditCode.isValid(code)) {
			answer(response, 400, Map.of("error", "creditCode must be a valid unified social credit code"));
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
		answer(response, 200, enterprise);
	}

	private void insurance(HttpServletRequest request, HttpServletResponse response) throws IOException {
		String id = citizen(request, response);
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
		answer(response, 200, person);
	}

	private static String name(int seed) {
		return SURNAMES[seed % SURNAMES.length] + GIVEN[(seed / 10) % GIVEN.length];
	}

	private void answer(HttpServletResponse response, int status, Object body) throws IOException {
		byte[] bytes = this.json.writeValueAsBytes(body);
		response.setStatus(status);
		response.setContentType("application/json");
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		response.setContentLength(bytes.length);
		response.getOutputStream().write(bytes);
	}
}
