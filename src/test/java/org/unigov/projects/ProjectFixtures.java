package org.unigov.projects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import com.jayway.jsonpath.JsonPath;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.unigov.catalog.CatalogFixtures;
import tools.jackson.databind.json.JsonMapper;

/** Proposals as JSON for the project tests: a valid one to start from, changed field by field. */
public final class ProjectFixtures {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private ProjectFixtures() {
	}

	/**
	 * A valid proposal of Yanta civil affairs (a county agency): a new internal system for the
	 * courses of community schools for the elderly, ¥300,000 to build, ¥60,000 a year to run.
	 */
	public static Map<String, Object> proposal() {
		Map<String, Object> p = new java.util.LinkedHashMap<>();
		p.put("name", "雁塔区社区老年学堂课程管理系统");
		p.put("summary", "为社区老年学堂登记课程安排、学员报名和上课签到，按月统计开课和参学情况。");
		p.put("type", "new-system");
		p.put("path", "urgent");
		p.put("urgencyReason", "补贴政策2027年1月起施行，须在施行前上线。");
		p.put("capabilities", List.of("education"));
		p.put("publicFacing", false);
		p.put("signIn", "unified-identity");
		p.put("publishes", List.of(Map.of("name", "社区老年学堂开课记录", "description", "按月汇总的课程和参学人次")));
		p.put("obtains", List.of());
		p.put("collects", List.of());
		p.put("budgetLines", List.of(budget("build", 30_000_000L), budget("om", 6_000_000L)));
		p.put("targets", List.of(Map.of("indicator", "service-applications", "name", "课程网上报名量", "unit", "件/月",
				"baseline", 0, "target", 1200, "due", LocalDate.now().plusYears(1).toString())));
		return p;
	}

	public static Map<String, Object> budget(String kind, long fen) {
		return Map.of("kind", kind, "year", 2027, "source", "county-fiscal", "amountFen", fen);
	}

	public static Map<String, Object> with(Map<String, Object> base, Object... keyValues) {
		Map<String, Object> copy = new java.util.LinkedHashMap<>(base);
		for (int i = 0; i < keyValues.length; i += 2) {
			copy.put((String) keyValues[i], keyValues[i + 1]);
		}
		return copy;
	}

	public static String json(Object value) {
		return JSON.writeValueAsString(value);
	}

	public static ResultActions create(MockMvc mvc, MockHttpSession session, Map<String, Object> proposal)
			throws Exception {
		return CatalogFixtures.send(mvc, post("/api/v1/projects"), session, json(proposal));
	}

	/** Creates a proposal and returns its id. */
	public static String created(MockMvc mvc, MockHttpSession session, Map<String, Object> proposal) throws Exception {
		String body = create(mvc, session, proposal).andReturn().getResponse().getContentAsString();
		String id = JsonPath.read(body, "$.project.id");
		assertThat(id).as(body).isNotNull();
		return id;
	}
}
