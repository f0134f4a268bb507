package org.unigov.registry;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.unigov.organization.DemoOrganization;

/** Files and JSON bodies for the registry's integration tests; every name is unique per run. */
final class RegistryFixtures {

	static final String HEADER = "系统名称,别名,所属部门统一社会信用代码,建设目的与主要功能,功能分类,状态,上线日期,建设投资（元）,年运维费用（元）,资金来源,承建单位,部署方式,注册用户数,月活跃用户数,登录方式,对接共享平台,面向公众";

	private RegistryFixtures() {
	}

	static String unique(String prefix) {
		return prefix + UUID.randomUUID().toString().substring(0, 8);
	}

	static String code(String agencyKey) {
		return DemoOrganization.agency(agencyKey).creditCode();
	}

	/** A CSV row in the template's Chinese columns. */
	static String row(String name, String agencyKey, String date, String build, String om) {
		return String.join(",", name, "", code(agencyKey), "为社会救助对象提供申请、审核和资金发放的全流程管理。", "social-assistance;社会救助", "运行",
				date, build, om, "县级财政", "西安某某科技有限公司", "政务云", "1200", "300", "统一身份认证", "unified-identity", "否");
	}

	static byte[] csv(List<String> rows) {
		return (HEADER + "\n" + String.join("\n", rows) + "\n").getBytes(StandardCharsets.UTF_8);
	}

	/** The same columns as an XLSX workbook, with a real date cell and numeric cells. */
	static byte[] xlsx(List<String[]> rows) throws IOException {
		try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			Sheet sheet = workbook.createSheet("系统清单");
			String[] header = HEADER.split(",");
			Row h = sheet.createRow(0);
			for (int c = 0; c < header.length; c++) {
				h.createCell(c).setCellValue(header[c]);
			}
			var dateStyle = workbook.createCellStyle();
			dateStyle.setDataFormat(workbook.getCreationHelper().createDataFormat().getFormat("yyyy-mm-dd"));
			int r = 1;
			for (String[] values : rows) {
				Row row = sheet.createRow(r++);
				for (int c = 0; c < values.length; c++) {
					var cell = row.createCell(c);
					if (c == 6 && !values[c].isEmpty()) {
						cell.setCellValue(java.time.LocalDate.parse(values[c]));
						cell.setCellStyle(dateStyle);
					}
					else if ((c == 7 || c == 8 || c == 12 || c == 13) && values[c].matches("-?[0-9.]+")) {
						cell.setCellValue(Double.parseDouble(values[c]));
					}
					else {
						cell.setCellValue(values[c]);
					}
				}
			}
			workbook.write(out);
			return out.toByteArray();
		}
	}

	static String json(String name, String agencyId, String status, String goLive, long buildFen, long omFen,
			String capabilities) {
		return """
				{"name":"%s","aliases":[],"agencyId":%s,"summary":"为辖区居民提供社会救助申请、审核和资金发放管理。",
				 "capabilities":[%s],"status":"%s","goLiveDate":%s,"buildCostFen":%d,"annualOmCostFen":%d,
				 "fundingSource":"county-fiscal","vendor":"=HYPERLINK(\\"http://evil\\")","hosting":"gov-cloud",
				 "registeredUsers":100,"monthlyActiveUsers":10,"loginMethod":"unified-identity",
				 "integrations":["unified-identity"],"publicFacing":false}"""
			.formatted(name, agencyId == null ? "null" : "\"" + agencyId + "\"", capabilities, status,
					goLive == null ? "null" : "\"" + goLive + "\"", buildFen, omFen);
	}
}
