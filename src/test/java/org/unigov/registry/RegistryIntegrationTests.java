package org.unigov.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.jayway.jsonpath.JsonPath;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.unigov.SignIn;
import org.unigov.UnigovTest;
import org.unigov.organization.OrganizationDirectory;
import org.unigov.registry.internal.ImportFiles;
import org.unigov.registry.internal.SystemImport;
import org.unigov.shared.Spreadsheets;

/**
 * The systems registry on the real application and database: scoping by role, records with
 * validation and audit, bulk import (each failure kind, all-or-nothing), exports with the
 * formula-injection guard, the duplicate finder and the cluster report over the demo inventory.
 */
@UnigovTest
class RegistryIntegrationTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	OrganizationDirectory directory;

	@org.springframework.boot.test.web.server.LocalServerPort
	int port;

	String agencyId(String key) {
		return this.directory.agencyByCreditCode(RegistryFixtures.code(key)).orElseThrow().id().toString();
	}

	String systemId(String name) {
		return this.jdbc.sql("select id::text from reg_system where name = ?").param(name).query(String.class).single();
	}

	long count(String namePrefix) {
		return this.jdbc.sql("select count(*) from reg_system where name like ?")
			.param(namePrefix + "%")
			.query(Long.class)
			.single();
	}

	ResultActions createSystem(MockHttpSession session, String body) throws Exception {
		return this.mvc.perform(post("/api/v1/systems?confirmDuplicates=true").session(session)
			.with(csrf())
			.contentType(MediaType.APPLICATION_JSON)
			.content(body));
	}

	ResultActions upload(MockHttpSession session, String fileName, byte[] content, boolean dryRun) throws Exception {
		return this.mvc.perform(multipart("/api/v1/systems/import").file(new MockMultipartFile("file", fileName,
				"application/octet-stream", content)).param("dryRun", String.valueOf(dryRun)).session(session).with(csrf()));
	}

	@Nested
	class Scope {

		@Test
		void aDistrictCoordinatorSeesOnlyTheDistrictsSystems() throws Exception {
			MockHttpSession yanta = SignIn.as(mvc, "yt-coord");
			mvc.perform(get("/api/v1/systems?size=100").session(yanta))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.content[*].divisionCode").value(everyItem(startsWith("610113"))))
				.andExpect(jsonPath("$.page.totalElements").value(org.hamcrest.Matchers.greaterThanOrEqualTo(5)));
			mvc.perform(get("/api/v1/systems/" + systemId("碑林区一网统管平台")).session(yanta))
				.andExpect(status().isNotFound())
				.andExpect(jsonPath("$.code").value("system_not_found"));
		}

		@Test
		void aCityCoordinatorSeesTheCitysSubtreeButCannotWrite() throws Exception {
			MockHttpSession xian = SignIn.as(mvc, "xa-coord");
			String body = mvc.perform(get("/api/v1/systems?size=100").session(xian))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.content[*].divisionCode").value(everyItem(startsWith("6101"))))
				.andReturn()
				.getResponse()
				.getContentAsString();
			assertThat(body).contains("雁塔区城市大脑", "碑林区一网统管平台").doesNotContain("宝鸡市智慧城市驾驶舱");
			createSystem(xian, RegistryFixtures.json(RegistryFixtures.unique("统筹不应能登记"), agencyId("xa-data"),
					"live", "2024-01-01", 0, 0, "\"social-assistance\""))
				.andExpect(status().isForbidden());
		}

		@Test
		void agencyStaffSeeAndEditOnlyTheirAgencysSystems() throws Exception {
			MockHttpSession staff = SignIn.as(mvc, "yt-civil-staff");
			mvc.perform(get("/api/v1/systems?size=100").session(staff))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.content[*].agencyCode").value(everyItem(
						org.hamcrest.Matchers.is(RegistryFixtures.code("yt-civil")))));
			createSystem(staff, RegistryFixtures.json(RegistryFixtures.unique("他部门系统"), agencyId("yt-data"), "live",
					"2024-01-01", 0, 0, "\"social-assistance\""))
				.andExpect(status().isForbidden())
				.andExpect(jsonPath("$.code").value("system_out_of_scope"));
			String other = systemId("雁塔区城市大脑");
			mvc.perform(put("/api/v1/systems/" + other + "?confirmDuplicates=true").session(staff)
				.with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.content(RegistryFixtures.json("雁塔区城市大脑", agencyId("yt-data"), "live", "2022-01-01", 0, 0,
						"\"city-brain\"").replace("}", ",\"version\":0}")))
				.andExpect(status().isNotFound());
		}

		@Test
		void theListPageSumsWhatTheReaderMaySee() throws Exception {
			MockHttpSession yanta = SignIn.as(mvc, "yt-coord");
			String body = mvc.perform(get("/api/v1/systems?size=100").session(yanta)).andReturn().getResponse().getContentAsString();
			List<Number> costs = JsonPath.read(body, "$.content[*].annualOmCostFen");
			long total = costs.stream().mapToLong(Number::longValue).sum();
			String page = mvc.perform(get("/registry").session(yanta)).andExpect(status().isOk()).andReturn().getResponse()
				.getContentAsString();
			assertThat(page).contains("共 " + costs.size() + " 个系统")
				.contains(String.format("年运维费用合计 ¥%,.2f", total / 100.0));
		}

		@Test
		void auditorsReadTheirSubtreeAndNobodyElseClusters() throws Exception {
			MockHttpSession auditor = SignIn.as(mvc, "xa-auditor");
			mvc.perform(get("/api/v1/systems?size=5").session(auditor)).andExpect(status().isOk());
			mvc.perform(get("/api/v1/systems/duplicate-clusters?divisionCode=610100").session(auditor))
				.andExpect(status().isOk());
			mvc.perform(get("/api/v1/systems/duplicate-clusters?divisionCode=610300").session(auditor))
				.andExpect(status().isForbidden())
				.andExpect(jsonPath("$.code").value("system_out_of_scope"));
			mvc.perform(get("/api/v1/systems/duplicate-clusters?divisionCode=610113").session(SignIn.as(mvc, "yt-civil-staff")))
				.andExpect(status().isForbidden());
			mvc.perform(get("/api/v1/systems")).andExpect(status().isUnauthorized());
		}
	}

	@Nested
	class Records {

		@Test
		void staffRegisterAndChangeASystemWithHistoryAndVersionCheck() throws Exception {
			MockHttpSession staff = SignIn.as(mvc, "yt-civil-staff");
			String name = RegistryFixtures.unique("雁塔区低保审核系统");
			String created = createSystem(staff, RegistryFixtures.json(name, null, "live", "2023-05-01", 1_250_000_00L,
					300_000_00L, "\"social-assistance\""))
				.andExpect(status().isCreated())
				.andExpect(jsonPath("$.agencyCode").value(RegistryFixtures.code("yt-civil")))
				.andExpect(jsonPath("$.divisionCode").value("610113"))
				.andExpect(jsonPath("$.buildCostFen").value(125000000))
				.andExpect(jsonPath("$.version").value(0))
				.andReturn()
				.getResponse()
				.getContentAsString();
			String id = JsonPath.read(created, "$.id");
			String change = RegistryFixtures.json(name, null, "suspended", "2023-05-01", 1_250_000_00L, 350_000_00L,
					"\"social-assistance\"");
			mvc.perform(put("/api/v1/systems/" + id + "?confirmDuplicates=true").session(staff)
				.with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.content(change.replace("}", ",\"version\":0}")))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.status").value("suspended"))
				.andExpect(jsonPath("$.version").value(1));
			mvc.perform(put("/api/v1/systems/" + id + "?confirmDuplicates=true").session(staff)
				.with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.content(change.replace("}", ",\"version\":0}")))
				.andExpect(status().isConflict())
				.andExpect(jsonPath("$.code").value("stale_version"));
			mvc.perform(get("/api/v1/systems/" + id + "/history").session(staff))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$[0].action").value("system.updated"))
				.andExpect(jsonPath("$[0].details").value(org.hamcrest.Matchers.containsString("annualOmCostFen")))
				.andExpect(jsonPath("$[1].action").value("system.registered"))
				.andExpect(jsonPath("$[1].actor").value("yt-civil-staff"));
		}

		@Test
		void badRecordsAreRefusedWithEveryProblemNamed() throws Exception {
			MockHttpSession staff = SignIn.as(mvc, "yt-civil-staff");
			String name = RegistryFixtures.unique("坏记录");
			createSystem(staff, RegistryFixtures.json(name, null, "live", null, 0, 0, "\"no-such-capability\""))
				.andExpect(status().isUnprocessableContent())
				.andExpect(jsonPath("$.code").value("invalid_system"))
				.andExpect(jsonPath("$.errors[*].field").value(
						org.hamcrest.Matchers.containsInAnyOrder("capabilities", "goLiveDate")));
			createSystem(staff, RegistryFixtures.json(name, null, "live", "2024-01-01", -5, 0, "\"social-assistance\""))
				.andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.code").value("validation_failed"));
			createSystem(staff, RegistryFixtures.json(name, null, "flying", "2024-01-01", 0, 0, "\"social-assistance\""))
				.andExpect(status().isUnprocessableContent())
				.andExpect(jsonPath("$.errors[0].field").value("status"));
			createSystem(staff, RegistryFixtures.json(name, null, "live", "2024-01-01", 0, 0, "\"social-assistance\"")
				.replace("\"publicFacing\":false", "\"publicFacing\":false,\"sharedPlatform\":true"))
				.andExpect(status().isForbidden())
				.andExpect(jsonPath("$.code").value("shared_platform_reserved"));
			assertThat(count(name)).isZero();
		}

		@Test
		void onlyPlatformAdminsExtendTheTaxonomy() throws Exception {
			String code = "test-" + RegistryFixtures.unique("").toLowerCase();
			String body = "{\"code\":\"" + code + "\",\"nameZh\":\"测试" + code + "\",\"nameEn\":\"Test " + code + "\"}";
			mvc.perform(post("/api/v1/capabilities").session(SignIn.as(mvc, "xa-coord"))
				.with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.content(body)).andExpect(status().isForbidden());
			mvc.perform(post("/api/v1/capabilities").session(SignIn.as(mvc, "admin"))
				.with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.content(body)).andExpect(status().isCreated()).andExpect(jsonPath("$.code").value(code));
			mvc.perform(post("/api/v1/capabilities").session(SignIn.as(mvc, "admin"))
				.with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.content(body)).andExpect(status().isConflict()).andExpect(jsonPath("$.code").value("capability_exists"));
			mvc.perform(get("/api/v1/capabilities").session(SignIn.as(mvc, "yt-civil-staff")))
				.andExpect(jsonPath("$[?(@.code == '" + code + "')]").exists())
				.andExpect(jsonPath("$.length()").value(org.hamcrest.Matchers.greaterThanOrEqualTo(40)));
		}

		@Test
		void theSeededProvinceWideSetIsTheFindersDefault() {
			List<String> seeded = jdbc.sql("select code from reg_capability where province_wide and builtin")
				.query(String.class)
				.list();
			assertThat(seeded).containsExactlyInAnyOrderElementsOf(
					org.unigov.registry.similarity.SimilarityIndex.DEFAULT_PROVINCE_WIDE);
		}
	}

	@Nested
	class Import {

		@Test
		void aDryRunReportsAndImportsNothingThenTheRealRunImportsEveryRow() throws Exception {
			MockHttpSession admin = SignIn.as(mvc, "yt-civil-admin");
			String prefix = RegistryFixtures.unique("导入测试");
			byte[] file = RegistryFixtures.csv(List.of(RegistryFixtures.row(prefix + "甲", "yt-civil", "2021-03-01", "1000000", "200000.5"),
					RegistryFixtures.row(prefix + "乙", "yt-civil", "2022/4/5", "0", "0"), "",
					RegistryFixtures.row(prefix + "丙", "yt-civil", "2020年1月2日", "\"5,000,000.00\"", "0")));
			upload(admin, "inventory.csv", file, true).andExpect(status().isOk())
				.andExpect(jsonPath("$.dryRun").value(true))
				.andExpect(jsonPath("$.rows").value(3))
				.andExpect(jsonPath("$.validRows").value(3))
				.andExpect(jsonPath("$.blankRows").value(1))
				.andExpect(jsonPath("$.imported").value(0))
				.andExpect(jsonPath("$.problemCount").value(0));
			assertThat(count(prefix)).isZero();
			upload(admin, "inventory.csv", file, false).andExpect(status().isOk()).andExpect(jsonPath("$.imported").value(3));
			assertThat(count(prefix)).isEqualTo(3);
			assertThat(jdbc.sql("select annual_om_cost_fen from reg_system where name = ?")
				.param(prefix + "甲")
				.query(Long.class)
				.single()).isEqualTo(20_000_050L);
			assertThat(jdbc.sql("select count(*) from audit_entry where action = 'system.registered' and details like ?")
				.param("%import:inventory.csv%")
				.query(Long.class)
				.single()).isGreaterThanOrEqualTo(3);
			mvc.perform(get("/api/v1/audit/verify").session(SignIn.as(mvc, "admin")))
				.andExpect(jsonPath("$.valid").value(true));
		}

		@Test
		void oneBadRowAndNothingIsImported() throws Exception {
			MockHttpSession admin = SignIn.as(mvc, "yt-civil-admin");
			String prefix = RegistryFixtures.unique("全有全无");
			List<String> rows = new ArrayList<>();
			for (int i = 0; i < 5; i++) {
				rows.add(RegistryFixtures.row(prefix + i, "yt-civil", "2021-03-01", "100", "100"));
			}
			rows.add(RegistryFixtures.row(prefix + "坏", "yt-civil", "2021-13-45", "100", "100"));
			upload(admin, "all-or-nothing.csv", RegistryFixtures.csv(rows), false)
				.andExpect(status().isUnprocessableContent())
				.andExpect(jsonPath("$.code").value("import_rejected"))
				.andExpect(jsonPath("$.report.imported").value(0))
				.andExpect(jsonPath("$.report.validRows").value(5))
				.andExpect(jsonPath("$.report.problems[0].row").value(7))
				.andExpect(jsonPath("$.report.problems[0].code").value("invalid_date"));
			assertThat(count(prefix)).isZero();
		}

		@Test
		void everyKindOfBadRowIsReportedWithRowAndColumn() throws Exception {
			MockHttpSession admin = SignIn.as(mvc, "yt-civil-admin");
			String p = RegistryFixtures.unique("问题行");
			String unknownAgency = org.unigov.shared.ident.CreditCode.complete("11610113MB9999999");
			List<String> rows = List.of(
					RegistryFixtures.row(p + "1", "yt-civil", "2021-03-01", "100", "100").replace(RegistryFixtures.code("yt-civil"), unknownAgency),
					RegistryFixtures.row(p + "2", "yt-civil", "yesterday", "100", "100"),
					RegistryFixtures.row(p + "3", "yt-civil", "2021-03-01", "-100", "100"),
					RegistryFixtures.row(p + "4", "yt-civil", "2021-03-01", "100", "100"),
					RegistryFixtures.row(p + "4", "yt-civil", "2021-03-01", "100", "100"),
					RegistryFixtures.row(p + "5", "yt-data", "2021-03-01", "100", "100"),
					RegistryFixtures.row(p + "6", "yt-civil", "2021-03-01", "1.234", "100"),
					RegistryFixtures.row(p + "7", "yt-civil", "2021-03-01", "100", "100").replace("social-assistance;社会救助", "时间旅行"),
					RegistryFixtures.row(p + "8", "yt-civil", "2021-03-01", "100", "100").replace(",运行,", ",飞行,"),
					RegistryFixtures.row("", "yt-civil", "2021-03-01", "100", "100"),
					RegistryFixtures.row("雁塔区社会救助信息管理系统", "yt-civil", "2021-03-01", "100", "100"));
			String body = upload(admin, "problems.csv", RegistryFixtures.csv(rows), true).andExpect(status().isOk())
				.andExpect(jsonPath("$.imported").value(0))
				.andReturn()
				.getResponse()
				.getContentAsString();
			List<Map<String, Object>> problems = JsonPath.read(body, "$.problems");
			assertThat(problems).extracting(m -> m.get("row") + ":" + m.get("code"))
				.contains("2:unknown_agency", "3:invalid_date", "4:negative_amount", "6:duplicate_row",
						"7:agency_not_permitted", "8:invalid_amount", "9:unknown_capability", "10:invalid_value",
						"11:required")
				.doesNotContain("5:duplicate_row");
			assertThat(problems).filteredOn(m -> m.get("row").equals(12))
				.extracting(m -> m.get("code"))
				.contains("system_exists");
			assertThat(problems).filteredOn(m -> m.get("row").equals(4))
				.extracting(m -> m.get("column"))
				.containsExactly("建设投资（元）");
		}

		@Test
		void badFilesAreRefusedClearly() throws Exception {
			MockHttpSession admin = SignIn.as(mvc, "yt-civil-admin");
			upload(admin, "inventory.pdf", "%PDF-1.7".getBytes(StandardCharsets.US_ASCII), true)
				.andExpect(status().isUnsupportedMediaType())
				.andExpect(jsonPath("$.code").value("import_file_type"));
			upload(admin, "inventory.xls", new byte[] { (byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0 }, true)
				.andExpect(status().isUnsupportedMediaType())
				.andExpect(jsonPath("$.code").value("import_file_type"));
			upload(admin, "inventory.xlsx", "not a workbook".getBytes(StandardCharsets.UTF_8), true)
				.andExpect(status().isUnprocessableContent())
				.andExpect(jsonPath("$.code").value("import_file_invalid"));
			byte[] truncated = java.util.Arrays.copyOf(RegistryFixtures.xlsx(List.of()), 300);
			upload(admin, "truncated.xlsx", truncated, true).andExpect(status().isUnprocessableContent())
				.andExpect(jsonPath("$.code").value("import_file_invalid"));
			upload(admin, "headers.csv", "名字,部门\n甲,乙\n".getBytes(StandardCharsets.UTF_8), true)
				.andExpect(status().isUnprocessableContent())
				.andExpect(jsonPath("$.code").value("import_file_invalid"))
				.andExpect(jsonPath("$.unknownColumns[0]").value("名字"));
			upload(admin, "empty.csv", new byte[0], true).andExpect(status().isUnprocessableContent());
			StringBuilder many = new StringBuilder(RegistryFixtures.HEADER).append('\n');
			String row = RegistryFixtures.row("x", "yt-civil", "2021-03-01", "1", "1");
			for (int i = 0; i <= SystemImport.MAX_ROWS; i++) {
				many.append(row).append(i).append('\n');
			}
			upload(admin, "many.csv", many.toString().getBytes(StandardCharsets.UTF_8), true)
				.andExpect(status().isContentTooLarge())
				.andExpect(jsonPath("$.code").value("import_too_many_rows"));
			mvc.perform(multipart("/api/v1/systems/import").file(new MockMultipartFile("file", "x.csv", "text/csv",
					RegistryFixtures.csv(List.of()))).session(SignIn.as(mvc, "yt-coord")).with(csrf()))
				.andExpect(status().isForbidden());
		}

		@Test
		void filesOverTheUploadLimitAreRefusedByTheRealServer() throws Exception {
			var http = new RealHttp(port);
			http.signIn("yt-civil-admin");
			var response = http.upload("/api/v1/systems/import?dryRun=true", "huge.csv", new byte[21 * 1024 * 1024]);
			assertThat(response.statusCode()).isEqualTo(413);
			assertThat(response.body()).contains("\"code\":\"payload_too_large\"");
		}

		@Test
		void xlsxWithDateAndNumberCellsImports() throws Exception {
			MockHttpSession admin = SignIn.as(mvc, "yt-civil-admin");
			String name = RegistryFixtures.unique("表格导入");
			byte[] xlsx = RegistryFixtures.xlsx(List.<String[]>of(RegistryFixtures
				.row(name, "yt-civil", "2019-09-09", "2500000.25", "150000")
				.split(",", -1)));
			upload(admin, "inventory.xlsx", xlsx, false).andExpect(status().isOk()).andExpect(jsonPath("$.imported").value(1));
			Map<String, Object> row = jdbc.sql("select go_live_date::text d, build_cost_fen b from reg_system where name = ?")
				.param(name)
				.query()
				.singleRow();
			assertThat(row).containsEntry("d", "2019-09-09").containsEntry("b", 250_000_025L);
		}

		@Test
		void templatesDownloadWithEveryColumn() throws Exception {
			MockHttpSession staff = SignIn.as(mvc, "yt-civil-staff");
			byte[] xlsx = mvc.perform(get("/api/v1/systems/import/template?format=xlsx").session(staff))
				.andExpect(status().isOk())
				.andReturn()
				.getResponse()
				.getContentAsByteArray();
			try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
				assertThat(workbook.getSheetAt(0).getRow(0).getCell(0).getStringCellValue()).isEqualTo("系统名称 *");
				assertThat(workbook.getNumberOfSheets()).isEqualTo(3);
				assertThat(workbook.getSheetAt(2).getLastRowNum()).isGreaterThanOrEqualTo(40);
			}
			String csv = mvc.perform(get("/api/v1/systems/import/template?format=csv&lang=en").session(staff))
				.andExpect(status().isOk())
				.andReturn()
				.getResponse()
				.getContentAsString(StandardCharsets.UTF_8);
			assertThat(csv).startsWith("\uFEFFname *,aliases,agencyCode *");
		}
	}

	@Nested
	class Export {

		@Test
		void spreadsheetExportsNeutraliseFormulas() throws Exception {
			MockHttpSession staff = SignIn.as(mvc, "yt-civil-staff");
			String name = "=1+2" + RegistryFixtures.unique("公式");
			createSystem(staff, RegistryFixtures.json(name, null, "live", "2024-01-01", 0, 0, "\"social-assistance\""))
				.andExpect(status().isCreated());
			String csv = mvc.perform(get("/api/v1/systems/export?format=csv").session(staff))
				.andExpect(status().isOk())
				.andReturn()
				.getResponse()
				.getContentAsString(StandardCharsets.UTF_8);
			assertThat(csv).contains("'" + name).contains("\"'=HYPERLINK(\"\"http://evil\"\")\"").doesNotContain("," + name);
			byte[] xlsx = mvc.perform(get("/api/v1/systems/export?format=xlsx").session(staff))
				.andExpect(status().isOk())
				.andReturn()
				.getResponse()
				.getContentAsByteArray();
			try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
				var sheet = workbook.getSheetAt(0);
				List<String> cells = new ArrayList<>();
				for (var row : sheet) {
					for (var cell : row) {
						assertThat(cell.getCellType()).isNotEqualTo(org.apache.poi.ss.usermodel.CellType.FORMULA);
						if (cell.getCellType() == org.apache.poi.ss.usermodel.CellType.STRING) {
							cells.add(cell.getStringCellValue());
						}
					}
				}
				assertThat(cells).contains("'" + name).noneMatch(c -> c.startsWith("=") || c.startsWith("@"));
			}
			mvc.perform(get("/api/v1/systems/export?format=json").session(staff))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$[?(@.name == '" + name + "')]").exists());
			mvc.perform(get("/api/v1/systems/export?format=pdf").session(staff))
				.andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.code").value("invalid_parameter"));
			// the importer takes the guard off again: an exported sheet is importable
			assertThat(Spreadsheets.neutralise("+86 029")).isEqualTo("'+86 029");
			assertThat(Spreadsheets.neutralise("-1")).isEqualTo("'-1");
			assertThat(Spreadsheets.neutralise("普通文本")).isEqualTo("普通文本");
		}
	}

	@Nested
	class Finder {

		@Test
		void aPlannedCityBrainFindsTheDemoDuplicatesAndTheFindingFollowsChanges() throws Exception {
			MockHttpSession coordinator = SignIn.as(mvc, "xa-coord");
			String draft = """
					{"name":"未央区城市大脑二期","summary":"建设区级城市运行监测和领导驾驶舱，汇聚视频和物联感知数据，实现一屏观全域",
					 "capabilities":["city-brain","data-cockpit"],"divisionCode":"610112","limit":5}""";
			mvc.perform(post("/api/v1/systems/similar").session(coordinator)
				.with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.content(draft))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$[0].name").value("未央区城市运行指挥中心平台"))
				.andExpect(jsonPath("$[0].relation").value("same_division"))
				.andExpect(jsonPath("$[0].reasons[?(@.type == 'shared_capabilities')].values[0]").value("city-brain"))
				.andExpect(jsonPath("$[0].reasons[?(@.type == 'matching_words')]").exists())
				.andExpect(jsonPath("$[*].name").value(org.hamcrest.Matchers.hasItem("西安市城市运行管理服务平台")));
			// retiring the district's platform takes it out of the finder at once
			String id = systemId("未央区城市运行指挥中心平台");
			MockHttpSession admin = SignIn.as(mvc, "admin");
			String current = mvc.perform(get("/api/v1/systems/" + id).session(admin))
				.andReturn()
				.getResponse()
				.getContentAsString();
			Map<String, Object> system = JsonPath.read(current, "$");
			String retired = new tools.jackson.databind.json.JsonMapper()
				.writeValueAsString(retire(system));
			mvc.perform(put("/api/v1/systems/" + id + "?confirmDuplicates=true").session(admin)
				.with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.content(retired)).andExpect(status().isOk());
			mvc.perform(post("/api/v1/systems/similar").session(coordinator)
				.with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.content(draft))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$[*].name").value(org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem("未央区城市运行指挥中心平台"))));
			system.put("version", ((Number) system.get("version")).longValue() + 1);
			mvc.perform(put("/api/v1/systems/" + id + "?confirmDuplicates=true").session(admin)
				.with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.content(new tools.jackson.databind.json.JsonMapper().writeValueAsString(editable(system))))
				.andExpect(status().isOk());
		}

		private Map<String, Object> retire(Map<String, Object> system) {
			Map<String, Object> body = editable(system);
			body.put("status", "retired");
			return body;
		}

		private Map<String, Object> editable(Map<String, Object> system) {
			Map<String, Object> body = new java.util.LinkedHashMap<>(system);
			for (String readOnly : List.of("id", "agencyCode", "agencyName", "divisionCode", "createdAt", "updatedAt")) {
				body.remove(readOnly);
			}
			return body;
		}

		@Test
		void sharedPlatformsProvidingTheCapabilityComeFirstAsReuseAdvice() throws Exception {
			mvc.perform(post("/api/v1/systems/similar").session(SignIn.as(mvc, "bj-nr-staff"))
				.with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.content("""
						{"name":"宝鸡市自然资源一网通办账号系统","summary":"为本局业务系统建设独立的用户注册和登录",
						 "capabilities":["unified-identity"],"divisionCode":"610300"}"""))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$[0].reuse").value(true))
				.andExpect(jsonPath("$[0].name").value("陕西省统一身份认证平台"))
				.andExpect(jsonPath("$[0].reasons[0].type").value("reuse"));
		}

		@Test
		void badDraftsAreRefused() throws Exception {
			MockHttpSession staff = SignIn.as(mvc, "bj-nr-staff");
			mvc.perform(post("/api/v1/systems/similar").session(staff)
				.with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"name\":\"x\",\"capabilities\":[\"nope\"],\"divisionCode\":\"610300\"}"))
				.andExpect(status().isUnprocessableContent())
				.andExpect(jsonPath("$.code").value("unknown_capability"));
			mvc.perform(post("/api/v1/systems/similar").session(staff)
				.with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"name\":\"x\",\"divisionCode\":\"61\"}"))
				.andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.code").value("validation_failed"));
		}
	}

	@Nested
	class Clusters {

		@Test
		void theProvinceReportShowsTheCityOperationClusterWithItsCombinedCost() throws Exception {
			String body = mvc.perform(get("/api/v1/systems/duplicate-clusters?divisionCode=610000").session(SignIn.as(mvc, "sn-coord")))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.clusters.length()").value(org.hamcrest.Matchers.greaterThanOrEqualTo(5)))
				.andReturn()
				.getResponse()
				.getContentAsString();
			List<Map<String, Object>> clusters = JsonPath.read(body, "$.clusters");
			Map<String, Object> cityOps = clusters.stream()
				.filter(c -> JsonPath.<List<String>>read(c, "$.systems[*].name").contains("西安市城市运行管理服务平台"))
				.findFirst()
				.orElseThrow();
			List<Map<String, Object>> members = JsonPath.read(cityOps, "$.systems");
			assertThat(members).extracting(m -> (String) m.get("name"))
				.contains("西安市城市运行管理服务平台", "雁塔区城市大脑", "碑林区一网统管平台")
				.doesNotContain("宝鸡市智慧城市驾驶舱");
			assertThat(clusters).anySatisfy(c -> assertThat(JsonPath.<List<String>>read(c, "$.systems[*].name"))
				.contains("宝鸡市智慧城市驾驶舱", "渭滨区城市运行管理中心平台"));
			long sum = members.stream().mapToLong(m -> ((Number) m.get("annualOmCostFen")).longValue()).sum();
			assertThat(((Number) cityOps.get("combinedAnnualOmCostFen")).longValue()).isEqualTo(sum).isPositive();
			assertThat(clusters).anySatisfy(c -> assertThat(JsonPath.<List<String>>read(c, "$.systems[*].name"))
				.contains("陕西省统一身份认证平台", "西安市市民统一认证中心"));
		}

		@Test
		void theReportIsCachedUntilTheRegistryChanges() throws Exception {
			MockHttpSession coordinator = SignIn.as(mvc, "yt-coord");
			String first = mvc.perform(get("/api/v1/systems/duplicate-clusters?divisionCode=610113").session(coordinator))
				.andReturn().getResponse().getContentAsString();
			String again = mvc.perform(get("/api/v1/systems/duplicate-clusters?divisionCode=610113").session(coordinator))
				.andReturn().getResponse().getContentAsString();
			assertThat(JsonPath.<String>read(again, "$.computedAt")).isEqualTo(JsonPath.<String>read(first, "$.computedAt"));
			createSystem(SignIn.as(mvc, "yt-civil-staff"), RegistryFixtures.json(RegistryFixtures.unique("触发重算"), null,
					"live", "2024-01-01", 0, 0, "\"social-assistance\"")).andExpect(status().isCreated());
			String after = mvc.perform(get("/api/v1/systems/duplicate-clusters?divisionCode=610113").session(coordinator))
				.andReturn().getResponse().getContentAsString();
			assertThat(JsonPath.<String>read(after, "$.computedAt")).isNotEqualTo(JsonPath.<String>read(first, "$.computedAt"));
		}

		@Test
		void aDistrictReportStaysInTheDistrict() throws Exception {
			mvc.perform(get("/api/v1/systems/duplicate-clusters?divisionCode=610113").session(SignIn.as(mvc, "yt-coord")))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.divisionCode").value("610113"))
				.andExpect(jsonPath("$.clusters[*].systems[*].division").value(everyItem(startsWith("610113"))));
			mvc.perform(get("/api/v1/systems/duplicate-clusters?divisionCode=6101").session(SignIn.as(mvc, "admin")))
				.andExpect(status().isBadRequest());
		}
	}

	@Nested
	class EdgeCases {

		@Test
		void aCoordinatorCannotWidenTheClusterReportWithALongerCode() throws Exception {
			MockHttpSession yanta = SignIn.as(mvc, "yt-coord");
			mvc.perform(get("/api/v1/systems/duplicate-clusters?divisionCode=6101130000").session(yanta))
				.andExpect(status().isBadRequest());
			String page = mvc.perform(get("/registry/clusters?divisionCode=6101130000").session(yanta))
				.andExpect(status().isOk())
				.andReturn()
				.getResponse()
				.getContentAsString();
			assertThat(page).contains("invalid_parameter").doesNotContain("西安市城市运行管理服务平台");
			mvc.perform(get("/api/v1/systems/duplicate-clusters?divisionCode=610100").session(yanta))
				.andExpect(status().isForbidden());
			mvc.perform(post("/registry/similar").session(yanta)
				.with(csrf())
				.param("name", "城市大脑")
				.param("divisionCode", "61")).andExpect(status().isOk());
		}

		@Test
		void anUpdateWithoutAgencyKeepsTheSystemWhereItIs() throws Exception {
			MockHttpSession staff = SignIn.as(mvc, "yt-civil-staff");
			String name = RegistryFixtures.unique("留在原部门");
			String created = createSystem(staff, RegistryFixtures.json(name, null, "live", "2023-05-01", 0, 0,
					"\"social-assistance\"")).andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
			String id = JsonPath.read(created, "$.id");
			mvc.perform(put("/api/v1/systems/" + id + "?confirmDuplicates=true").session(SignIn.as(mvc, "admin"))
				.with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.content(RegistryFixtures.json(name, null, "live", "2023-05-01", 0, 0, "\"social-assistance\"")
					.replace("}", ",\"version\":0}")))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.agencyCode").value(RegistryFixtures.code("yt-civil")));
		}

		@Test
		void malformedBodiesGetClearProblems() throws Exception {
			MockHttpSession staff = SignIn.as(mvc, "yt-civil-staff");
			String name = RegistryFixtures.unique("坏请求");
			createSystem(staff, RegistryFixtures.json(name, null, "live", "2023-05-01", 0, 0, "\"social-assistance\", null"))
				.andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.code").value("validation_failed"));
			createSystem(staff, RegistryFixtures.json(name, null, "live", "2023-05-01", 0, 0, "\"social-assistance\"")
				.replace("\"buildCostFen\":0", "\"buildCostFen\":1250000.75"))
				.andExpect(status().isBadRequest());
			mvc.perform(multipart("/api/v1/systems/import").session(SignIn.as(mvc, "yt-civil-admin")).with(csrf()))
				.andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.code").value("missing_parameter"));
			assertThat(count(name)).isZero();
			createSystem(staff, RegistryFixtures.json(name, null, "live", "2023-05-01", 0, 0, "\"social-assistance\"")
				.replace("为辖区居民提供社会救助申请、审核和资金发放管理。", "第一段。\\n第二段。"))
				.andExpect(status().isCreated())
				.andExpect(jsonPath("$.summary").value("第一段。\n第二段。"));
		}

		@Test
		void spreadsheetNumbersAndDatesAreTakenExactly() throws Exception {
			assertThat(ImportFiles.exact(0.1 + 0.2)).isEqualTo("0.3");
			assertThat(ImportFiles.exact(1250000.5)).isEqualTo("1250000.5");
			MockHttpSession admin = SignIn.as(mvc, "yt-civil-admin");
			String p = RegistryFixtures.unique("日期");
			upload(admin, "dates.csv", RegistryFixtures.csv(List.of(
					RegistryFixtures.row(p + "1", "yt-civil", "2024-02-30", "1", "1"),
					RegistryFixtures.row(p + "2", "yt-civil", "43831", "1", "1"))), true)
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.problems[0].row").value(2))
				.andExpect(jsonPath("$.problems[0].code").value("invalid_date"))
				.andExpect(jsonPath("$.problemCount").value(1));
		}

		@Test
		void theFormMarksEachBadFieldAndKeepsWhatWasTyped() throws Exception {
			String page = mvc.perform(post("/registry/systems").session(SignIn.as(mvc, "yt-civil-staff"))
				.with(csrf())
				.param("name", "表单错误测试")
				.param("agencyId", agencyId("yt-civil"))
				.param("summary", "测试")
				.param("status", "live")
				.param("goLiveDate", "not-a-date")
				.param("buildCostYuan", "-5")
				.param("annualOmCostYuan", "1")
				.param("fundingSource", "county-fiscal")
				.param("hosting", "gov-cloud")
				.param("registeredUsers", "1")
				.param("monthlyActiveUsers", "1")
				.param("loginMethod", "unified-identity"))
				.andExpect(status().isOk())
				.andReturn()
				.getResponse()
				.getContentAsString();
			assertThat(page).contains("id=\"goLiveDate-error\"", "id=\"buildCostYuan-error\"", "aria-invalid=\"true\"",
					"aria-describedby=\"goLiveDate-error\"", "value=\"表单错误测试\"");
			assertThat(count("表单错误测试")).isZero();
			mvc.perform(post("/registry/systems").session(SignIn.as(mvc, "yt-civil-staff"))
				.with(csrf())
				.param("name", "表单错误测试")
				.param("agencyId", "not-a-uuid"))
				.andExpect(status().isOk())
				.andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content()
					.string(org.hamcrest.Matchers.containsString("validation_failed")));
		}
	}
}
