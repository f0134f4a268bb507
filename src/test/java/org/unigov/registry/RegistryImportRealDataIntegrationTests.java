package org.unigov.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.xssf.usermodel.XSSFCell;
import org.apache.poi.xssf.usermodel.XSSFRow;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.unigov.SignIn;
import org.unigov.UnigovTest;

/**
 * Issue 16, registry import with real data: the template marks its required columns; unknown
 * costs and user figures stay unknown (NULL), are shown as 未知 and are not summed as zero; the
 * import page explains every problem in Chinese with the code only as a small detail.
 */
@UnigovTest
class RegistryImportRealDataIntegrationTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	byte[] template(MockHttpSession session, String query) throws Exception {
		return this.mvc.perform(get("/api/v1/systems/import/template" + query).session(session))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsByteArray();
	}

	static XSSFCell header(XSSFWorkbook workbook, String startsWith) {
		XSSFRow row = workbook.getSheetAt(0).getRow(0);
		for (int c = 0; c < row.getLastCellNum(); c++) {
			if (row.getCell(c).getStringCellValue().startsWith(startsWith)) {
				return row.getCell(c);
			}
		}
		throw new AssertionError("no column " + startsWith);
	}

	@Test
	void theTemplateMarksTheRequiredColumnsInBothLanguages() throws Exception {
		MockHttpSession staff = SignIn.as(this.mvc, "yt-civil-staff");
		try (XSSFWorkbook zh = new XSSFWorkbook(new ByteArrayInputStream(template(staff, "?format=xlsx")))) {
			XSSFCell name = header(zh, "系统名称");
			assertThat(name.getStringCellValue()).isEqualTo("系统名称 *");
			assertThat(name.getCellStyle().getFillForegroundColor()).isEqualTo(IndexedColors.DARK_RED.getIndex());
			assertThat(name.getCellComment().getString().getString()).startsWith("必填");
			XSSFCell build = header(zh, "建设投资");
			assertThat(build.getStringCellValue()).isEqualTo("建设投资（元）");
			assertThat(build.getCellStyle().getFillForegroundColor()).isNotEqualTo(IndexedColors.DARK_RED.getIndex());
			assertThat(build.getCellComment().getString().getString()).startsWith("选填").contains("未知");
			assertThat(header(zh, "月活跃用户数").getStringCellValue()).doesNotContain("*");
			var help = zh.getSheetAt(1);
			assertThat(help.getRow(help.getLastRowNum()).getCell(0).getStringCellValue()).contains("必填")
				.contains("未知").contains("不按 0 计算");
		}
		try (XSSFWorkbook en = new XSSFWorkbook(new ByteArrayInputStream(template(staff, "?format=xlsx&lang=en")))) {
			assertThat(header(en, "name").getStringCellValue()).isEqualTo("name *");
			assertThat(header(en, "name").getCellComment().getString().getString()).startsWith("Required");
			assertThat(header(en, "buildCostYuan").getStringCellValue()).isEqualTo("buildCostYuan");
		}
		String csv = new String(template(staff, "?format=csv"), StandardCharsets.UTF_8);
		assertThat(csv).startsWith("\uFEFF系统名称 *,别名,所属部门统一社会信用代码 *").contains(",建设投资（元）,");
	}

	@Test
	void unknownCostsAndUsersStayUnknownAndAreNotSummedAsZero() throws Exception {
		MockHttpSession staff = SignIn.as(this.mvc, "yt-civil-staff");
		String name = RegistryFixtures.unique("雁塔区殡葬服务管理系统");
		String row = String.join(",", name, "", RegistryFixtures.code("yt-civil"), "殡葬服务预约、火化证明开具和惠民殡葬补贴发放。",
				"social-assistance", "运行", "2021-05-01", "", "", "县级财政", "", "政务云", "", "", "统一身份认证", "", "否");
		this.mvc.perform(multipart("/api/v1/systems/import")
			.file(new MockMultipartFile("file", "unknown.csv", "text/csv", RegistryFixtures.csv(List.of(row))))
			.param("dryRun", "false")
			.session(staff)
			.with(csrf())).andExpect(status().isOk()).andExpect(jsonPath("$.imported").value(1));
		var stored = this.jdbc.sql("""
				select id::text, build_cost_fen, annual_om_cost_fen, registered_users, monthly_active_users
				from reg_system where name = ?""").param(name).query().singleRow();
		assertThat(stored.get("build_cost_fen")).isNull();
		assertThat(stored.get("annual_om_cost_fen")).isNull();
		assertThat(stored.get("registered_users")).isNull();
		assertThat(stored.get("monthly_active_users")).isNull();
		String id = (String) stored.get("id");
		this.mvc.perform(get("/api/v1/systems/" + id).session(staff))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.buildCostFen").isEmpty())
			.andExpect(jsonPath("$.monthlyActiveUsers").isEmpty());
		String page = this.mvc.perform(get("/registry/systems/" + id).session(staff))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(page).contains("<dd>未知</dd>").doesNotContain("<dd>¥0.00</dd>");
		String list = this.mvc.perform(get("/registry").param("q", name).session(staff))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(list).contains("共 1 个系统").contains("其中 1 个系统的费用未知，未计入合计");

		// the API takes unknown figures as null or left out
		String body = """
				{"name":"%s","summary":"火化预约。","capabilities":["social-assistance"],"status":"planned",
				 "fundingSource":"county-fiscal","hosting":"gov-cloud","loginMethod":"unified-identity",
				 "publicFacing":false,"buildCostFen":null}""".formatted(RegistryFixtures.unique("雁塔区火化预约系统"));
		this.mvc.perform(post("/api/v1/systems?confirmDuplicates=true").session(staff)
			.with(csrf())
			.contentType(MediaType.APPLICATION_JSON)
			.content(body))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.buildCostFen").isEmpty())
			.andExpect(jsonPath("$.registeredUsers").isEmpty());
	}

	@Test
	void theFormTakesEmptyFiguresAsUnknown() throws Exception {
		MockHttpSession staff = SignIn.as(this.mvc, "yt-civil-staff");
		String agency = this.jdbc.sql("select agency_id::text from reg_system where name = '雁塔区社会救助信息管理系统'")
			.query(String.class)
			.single();
		String name = RegistryFixtures.unique("雁塔区慈善信息公开系统");
		this.mvc.perform(post("/registry/systems").session(staff)
			.with(csrf())
			.param("name", name)
			.param("agencyId", agency)
			.param("summary", "慈善组织年报、募捐备案和项目信息向社会公开。")
			.param("capabilities", "social-assistance")
			.param("status", "planned")
			.param("buildCostYuan", "")
			.param("annualOmCostYuan", "")
			.param("fundingSource", "county-fiscal")
			.param("hosting", "gov-cloud")
			.param("registeredUsers", "")
			.param("monthlyActiveUsers", "")
			.param("loginMethod", "unified-identity")
			.param("confirmDuplicates", "true")).andExpect(status().is3xxRedirection());
		var stored = this.jdbc.sql("select build_cost_fen, monthly_active_users from reg_system where name = ?")
			.param(name)
			.query()
			.singleRow();
		assertThat(stored.get("build_cost_fen")).isNull();
		assertThat(stored.get("monthly_active_users")).isNull();
	}

	@Test
	void importProblemsReadAsChineseWithTheCodeAsASmallDetail() throws Exception {
		MockHttpSession staff = SignIn.as(this.mvc, "yt-civil-staff");
		String name = RegistryFixtures.unique("雁塔区问题行");
		String bad = String.join(",", name, "", RegistryFixtures.code("yt-civil"), "说明。", "不存在的功能", "运行",
				"2024/13/45", "12.345", "", "县级财政", "", "政务云", "-5", "", "统一身份认证", "", "也许");
		String repeated = RegistryFixtures.row(name + "乙", "yt-civil", "2022-01-01", "100", "10");
		String location = this.mvc.perform(multipart("/registry/import")
			.file(new MockMultipartFile("file", "problems.csv", "text/csv",
					RegistryFixtures.csv(List.of(bad, repeated, repeated))))
			.param("dryRun", "true")
			.session(staff)
			.with(csrf())).andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
		String page = "";
		for (int i = 0; i < 100 && !page.contains("import-outcome"); i++) {
			Thread.sleep(100);
			page = this.mvc.perform(get(location).session(staff)).andExpect(status().isOk()).andReturn().getResponse()
				.getContentAsString();
		}
		assertThat(page).contains("功能分类“不存在的功能”不存在")
			.contains("日期“2024/13/45”无法识别")
			.contains("金额“12.345”格式不正确")
			.contains("“-5”为负数")
			.contains("“也许”不在可选范围内")
			.contains("与第 3 行重复")
			.contains("<code>unknown_capability</code>");
		// no English messages and no code column on the Chinese page
		assertThat(page).doesNotContain("is not in the function taxonomy")
			.doesNotContain("is not a date")
			.doesNotContain("already registers")
			.doesNotContain(">代码</th>");
	}
}
