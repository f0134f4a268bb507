package org.unigov.projects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.unigov.SignIn;
import org.unigov.UnigovTest;

/**
 * The portfolio spreadsheet names things: the agency and division by name, the approval route by
 * level names (not {@code {3,2,1}}), capabilities by name in the chosen language; and it carries
 * the risk and variances of every project under way.
 */
@UnigovTest
class PortfolioExportIntegrationTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	/** The rows of the first sheet by project code, each as header → cell text. */
	Map<String, Map<String, String>> export(String lang) throws Exception {
		byte[] xlsx = this.mvc.perform(get("/api/v1/projects/portfolio/export?lang=" + lang)
				.session(SignIn.as(this.mvc, "sn-coord")))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsByteArray();
		Map<String, Map<String, String>> rows = new HashMap<>();
		try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
			Sheet sheet = workbook.getSheetAt(0);
			List<String> headers = new ArrayList<>();
			sheet.getRow(0).forEach(cell -> headers.add(cell.getStringCellValue()));
			for (int r = 1; r <= sheet.getLastRowNum(); r++) {
				Row row = sheet.getRow(r);
				Map<String, String> values = new HashMap<>();
				for (int c = 0; c < headers.size(); c++) {
					Cell cell = row.getCell(c);
					values.put(headers.get(c), cell == null ? "" : cell.getCellType() == CellType.NUMERIC
							? String.valueOf(cell.getNumericCellValue()) : cell.getStringCellValue());
				}
				rows.put(values.get(headers.get(0)), values);
			}
		}
		return rows;
	}

	String code(String where) {
		return this.jdbc.sql("select code from prj_project where " + where + " order by code limit 1")
			.query(String.class)
			.single();
	}

	@Test
	@DisplayName("approval levels, agencies, divisions and capabilities by name; risk and variances per project under way")
	void spreadsheetNamesThings() throws Exception {
		Map<String, Map<String, String>> zh = export("zh-CN");
		// the demo's project with the longest approval route
		String provincial = this.jdbc.sql("""
				select code from prj_project where array_length(route, 1) > 1
				order by array_length(route, 1) desc, code limit 1""").query(String.class).single();
		List<Integer> route = this.jdbc.sql("select unnest(route) from prj_project where code = ?")
			.param(provincial)
			.query(Integer.class)
			.list();
		Map<Integer, String> levelsZh = Map.of(1, "省级", 2, "市级", 3, "县级");
		Map<Integer, String> levelsEn = Map.of(1, "province", 2, "city", 3, "county");
		assertThat(zh.get(provincial).get("审批层级"))
			.isEqualTo(String.join(" → ", route.stream().map(levelsZh::get).toList()));
		zh.values().forEach(row -> {
			assertThat(row.get("审批层级")).doesNotContain("{").doesNotContainPattern("\\d");
			assertThat(row.get("功能")).as("capability names").doesNotContainPattern("[a-z]+-[a-z]+");
			assertThat(row.get("申报部门")).as("the agency by name").containsPattern("[\\u4e00-\\u9fa5]");
			assertThat(row.get("行政区划")).as("the division by name").doesNotContainPattern("^\\d{6}$");
		});
		String underWay = code("status = 'approved'");
		Map<String, String> approved = zh.get(underWay);
		assertThat(approved.get("风险等级")).containsAnyOf("低风险", "中风险", "高风险", "尚未制定里程碑计划");
		assertThat(approved).containsKeys("成本偏差（元）", "进度偏差（元）", "成本超支（%）", "进度延误（%）");
		String draft = code("status = 'draft'");
		assertThat(zh.get(draft).get("风险等级")).isEmpty();

		String capabilityCode = this.jdbc.sql("select capabilities[1] from prj_project where code = ?")
			.param(provincial)
			.query(String.class)
			.single();
		Map<String, Map<String, String>> en = export("en");
		assertThat(en.get(provincial).get("Route")).isEqualTo(String.join(" → ", route.stream().map(levelsEn::get).toList()));
		assertThat(en.get(provincial).get("Capabilities")).doesNotContain(capabilityCode).containsPattern("[A-Z][a-z]+");
		assertThat(zh.get(provincial).get("功能")).doesNotContain(capabilityCode).containsPattern("[\\u4e00-\\u9fa5]");
	}
}
