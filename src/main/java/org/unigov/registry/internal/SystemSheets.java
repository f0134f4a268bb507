package org.unigov.registry.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.DataValidation;
import org.apache.poi.ss.usermodel.DataValidationHelper;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.util.CellRangeAddressList;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.springframework.stereotype.Component;
import org.unigov.registry.Capability;
import org.unigov.registry.FundingSource;
import org.unigov.registry.Hosting;
import org.unigov.registry.LoginMethod;
import org.unigov.registry.RegisteredSystem;
import org.unigov.registry.SystemStatus;
import org.unigov.registry.Taxonomy;
import org.unigov.shared.Coded;
import org.unigov.shared.Spreadsheets;

/**
 * Writes the import templates and the CSV and XLSX exports. Exports use the template's columns
 * (plus id, agency name and division), so an edited export can be imported elsewhere. Every text
 * cell that a spreadsheet would read as a formula (starting with {@code = + - @}, tab or carriage
 * return) is written with a leading apostrophe — the OWASP defence against CSV/formula injection.
 */
@Component
public class SystemSheets {

	private final Taxonomy taxonomy;

	SystemSheets(Taxonomy taxonomy) {
		this.taxonomy = taxonomy;
	}

	private static final List<ImportColumn> EXPORT_COLUMNS = List.of(ImportColumn.ID, ImportColumn.NAME,
			ImportColumn.ALIASES, ImportColumn.AGENCY_CODE, ImportColumn.AGENCY_NAME, ImportColumn.DIVISION,
			ImportColumn.SUMMARY, ImportColumn.CAPABILITIES, ImportColumn.STATUS, ImportColumn.GO_LIVE_DATE,
			ImportColumn.BUILD_COST, ImportColumn.ANNUAL_OM_COST, ImportColumn.FUNDING_SOURCE, ImportColumn.VENDOR,
			ImportColumn.HOSTING, ImportColumn.REGISTERED_USERS, ImportColumn.MONTHLY_ACTIVE_USERS,
			ImportColumn.LOGIN_METHOD, ImportColumn.INTEGRATIONS, ImportColumn.PUBLIC_FACING,
			ImportColumn.SHARED_PLATFORM);

	private static List<ImportColumn> templateColumns() {
		return Arrays.stream(ImportColumn.values()).filter(c -> !c.informational()).toList();
	}

	/** A cell value: text (neutralised on writing) or a number. */
	private static Object value(RegisteredSystem s, ImportColumn column, Locale locale) {
		boolean zh = "zh".equals(locale.getLanguage());
		return switch (column) {
			case ID -> s.id().toString();
			case NAME -> s.name();
			case ALIASES -> String.join(";", s.aliases());
			case AGENCY_CODE -> s.agencyCode();
			case AGENCY_NAME -> zh || s.agencyNameEn().isBlank() ? s.agencyNameZh() : s.agencyNameEn();
			case DIVISION -> s.divisionCode();
			case SUMMARY -> s.summary();
			case CAPABILITIES -> String.join(";", s.capabilities());
			case STATUS -> zh ? s.status().labelZh() : s.status().code();
			case GO_LIVE_DATE -> s.goLiveDate() == null ? "" : s.goLiveDate().toString();
			case BUILD_COST -> s.buildCostFen() == null ? "" : yuan(s.buildCostFen());
			case ANNUAL_OM_COST -> s.annualOmCostFen() == null ? "" : yuan(s.annualOmCostFen());
			case FUNDING_SOURCE -> zh ? s.fundingSource().labelZh() : s.fundingSource().code();
			case VENDOR -> s.vendor();
			case HOSTING -> zh ? s.hosting().labelZh() : s.hosting().code();
			case REGISTERED_USERS -> s.registeredUsers() == null ? "" : s.registeredUsers();
			case MONTHLY_ACTIVE_USERS -> s.monthlyActiveUsers() == null ? "" : s.monthlyActiveUsers();
			case LOGIN_METHOD -> zh ? s.loginMethod().labelZh() : s.loginMethod().code();
			case INTEGRATIONS -> String.join(";", s.integrations());
			case PUBLIC_FACING -> zh ? (s.publicFacing() ? "是" : "否") : (s.publicFacing() ? "yes" : "no");
			case SHARED_PLATFORM -> zh ? (s.sharedPlatform() ? "是" : "否") : (s.sharedPlatform() ? "yes" : "no");
		};
	}

	static BigDecimal yuan(long fen) {
		return BigDecimal.valueOf(fen, 2);
	}

	public void csv(List<RegisteredSystem> systems, Locale locale, OutputStream out) {
		try {
			Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
			writer.write('\uFEFF');
			CSVPrinter printer = new CSVPrinter(writer, CSVFormat.RFC4180);
			printer.printRecord(EXPORT_COLUMNS.stream().map(c -> c.header(locale)).toList());
			for (RegisteredSystem s : systems) {
				List<String> cells = new ArrayList<>(EXPORT_COLUMNS.size());
				for (ImportColumn column : EXPORT_COLUMNS) {
					Object v = value(s, column, locale);
					cells.add(v instanceof String text ? Spreadsheets.neutralise(text) : v instanceof BigDecimal d ? d.toPlainString()
							: String.valueOf(v));
				}
				printer.printRecord(cells);
			}
			printer.flush();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public void xlsx(List<RegisteredSystem> systems, Locale locale, OutputStream out) {
		try (SXSSFWorkbook workbook = new SXSSFWorkbook(200)) {
			Sheet sheet = workbook.createSheet("zh".equals(locale.getLanguage()) ? "系统清单" : "Systems");
			CellStyle bold = boldStyle(workbook);
			Row header = sheet.createRow(0);
			for (int c = 0; c < EXPORT_COLUMNS.size(); c++) {
				var cell = header.createCell(c);
				cell.setCellValue(EXPORT_COLUMNS.get(c).header(locale));
				cell.setCellStyle(bold);
			}
			int r = 1;
			for (RegisteredSystem s : systems) {
				Row row = sheet.createRow(r++);
				for (int c = 0; c < EXPORT_COLUMNS.size(); c++) {
					Object v = value(s, EXPORT_COLUMNS.get(c), locale);
					var cell = row.createCell(c);
					if (v instanceof String text) {
						cell.setCellValue(Spreadsheets.neutralise(text));
					}
					else if (v instanceof BigDecimal d) {
						cell.setCellValue(d.doubleValue());
					}
					else {
						cell.setCellValue(((Number) v).doubleValue());
					}
				}
			}
			sheet.createFreezePane(0, 1);
			workbook.write(out);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The empty CSV template: the header row only, with a BOM so that Excel reads it as UTF-8. */
	public byte[] csvTemplate(Locale locale) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8)) {
			writer.write('\uFEFF');
			CSVPrinter printer = new CSVPrinter(writer, CSVFormat.RFC4180);
			printer.printRecord(templateColumns().stream().map(c -> templateHeader(c, locale)).toList());
			printer.flush();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toByteArray();
	}

	/** A template header: required columns end in " *" (the importer ignores the mark). */
	static String templateHeader(ImportColumn column, Locale locale) {
		return column.header(locale) + (column.required() ? " *" : "");
	}

	/** What the templates say about required columns and unknown figures. */
	static String legend(boolean zh) {
		return zh ? "表头带 * 且为红底白字的列为必填，其余可留空。建设投资、年运维费用、注册用户数、月活跃用户数不清楚的请留空："
				+ "系统记为“未知”，不按 0 计算，也不计入合计。"
				: "Columns whose header ends in * (white on red) are required; the others may be left empty. Leave build "
						+ "cost, annual O&M cost, registered users or monthly active users empty when unknown: they are "
						+ "recorded as unknown, not as zero, and left out of totals.";
	}

	/**
	 * The XLSX template: the header row on the first sheet with drop-down lists for the coded
	 * columns (required columns marked with " *", white on red, and a comment on every header
	 * saying whether it is required and how to fill it), a second sheet explaining every column,
	 * and a third listing the taxonomy.
	 */
	public byte[] xlsxTemplate(Locale locale) {
		boolean zh = "zh".equals(locale.getLanguage());
		List<ImportColumn> columns = templateColumns();
		try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			templateSheet(workbook, columns, locale);
			helpSheet(workbook, columns, zh);
			taxonomySheet(workbook, zh);
			workbook.write(out);
			return out.toByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The first sheet: marked headers with comments, and drop-down lists for the coded columns. */
	private static void templateSheet(XSSFWorkbook workbook, List<ImportColumn> columns, Locale locale) {
		boolean zh = "zh".equals(locale.getLanguage());
		CellStyle required = headerStyle(workbook, true);
		CellStyle optional = headerStyle(workbook, false);
		Sheet sheet = workbook.createSheet(zh ? "系统清单" : "Systems");
		Row header = sheet.createRow(0);
		var drawing = sheet.createDrawingPatriarch();
		var factory = workbook.getCreationHelper();
		for (int c = 0; c < columns.size(); c++) {
			ImportColumn column = columns.get(c);
			var cell = header.createCell(c);
			cell.setCellValue(templateHeader(column, locale));
			cell.setCellStyle(column.required() ? required : optional);
			var anchor = factory.createClientAnchor();
			anchor.setCol1(c);
			anchor.setCol2(c + 3);
			anchor.setRow1(1);
			anchor.setRow2(5);
			var comment = drawing.createCellComment(anchor);
			comment.setString(factory.createRichTextString((column.required() ? (zh ? "必填。" : "Required. ")
					: (zh ? "选填，可留空。" : "Optional; may be left empty. ")) + explain(column, zh)));
			comment.setAuthor("Unigov");
			cell.setCellComment(comment);
			sheet.setColumnWidth(c, 20 * 256);
		}
		sheet.createFreezePane(0, 1);
		DataValidationHelper helper = sheet.getDataValidationHelper();
		for (int c = 0; c < columns.size(); c++) {
			String[] choices = choices(columns.get(c), zh);
			if (choices.length > 0) {
				DataValidation validation = helper.createValidation(helper.createExplicitListConstraint(choices),
						new CellRangeAddressList(1, SystemImport.MAX_ROWS, c, c));
				validation.setShowErrorBox(true);
				sheet.addValidationData(validation);
			}
		}
	}

	/** The second sheet: how to fill every column. */
	private static void helpSheet(XSSFWorkbook workbook, List<ImportColumn> columns, boolean zh) {
		CellStyle bold = boldStyle(workbook);
		Sheet help = workbook.createSheet(zh ? "填写说明" : "Instructions");
		String[] titles = zh ? new String[] { "列", "英文列名", "必填", "说明" }
				: new String[] { "Column", "Key", "Required", "How to fill it" };
		Row helpHeader = help.createRow(0);
		for (int c = 0; c < titles.length; c++) {
			helpHeader.createCell(c).setCellValue(titles[c]);
			helpHeader.getCell(c).setCellStyle(bold);
		}
		int r = 1;
		for (ImportColumn column : columns) {
			Row row = help.createRow(r++);
			row.createCell(0).setCellValue(column.headerZh());
			row.createCell(1).setCellValue(column.key());
			row.createCell(2).setCellValue(column.required() ? (zh ? "是" : "yes") : (zh ? "否" : "no"));
			row.createCell(3).setCellValue(explain(column, zh));
		}
		help.createRow(r + 1).createCell(0).setCellValue(legend(zh));
		help.setColumnWidth(0, 24 * 256);
		help.setColumnWidth(1, 20 * 256);
		help.setColumnWidth(3, 90 * 256);
	}

	/** The third sheet: the function taxonomy. */
	private void taxonomySheet(XSSFWorkbook workbook, boolean zh) {
		Sheet taxonomySheet = workbook.createSheet(zh ? "功能分类" : "Capabilities");
		Row taxonomyHeader = taxonomySheet.createRow(0);
		taxonomyHeader.createCell(0).setCellValue(zh ? "代码" : "Code");
		taxonomyHeader.createCell(1).setCellValue(zh ? "中文名称" : "Chinese name");
		taxonomyHeader.createCell(2).setCellValue(zh ? "英文名称" : "English name");
		int r = 1;
		for (Capability capability : this.taxonomy.capabilities()) {
			Row row = taxonomySheet.createRow(r++);
			row.createCell(0).setCellValue(capability.code());
			row.createCell(1).setCellValue(capability.nameZh());
			row.createCell(2).setCellValue(capability.nameEn());
		}
		taxonomySheet.setColumnWidth(0, 30 * 256);
		taxonomySheet.setColumnWidth(1, 24 * 256);
		taxonomySheet.setColumnWidth(2, 40 * 256);
	}

	private static String[] choices(ImportColumn column, boolean zh) {
		Class<? extends Coded> type = switch (column) {
			case STATUS -> SystemStatus.class;
			case FUNDING_SOURCE -> FundingSource.class;
			case HOSTING -> Hosting.class;
			case LOGIN_METHOD -> LoginMethod.class;
			default -> null;
		};
		if (type != null) {
			return Arrays.stream(type.getEnumConstants()).map(c -> zh ? c.labelZh() : c.code()).toArray(String[]::new);
		}
		if (column == ImportColumn.PUBLIC_FACING || column == ImportColumn.SHARED_PLATFORM) {
			return zh ? new String[] { "是", "否" } : new String[] { "yes", "no" };
		}
		return new String[0];
	}

	private static String explain(ImportColumn column, boolean zh) {
		String choices = String.join(" / ", choices(column, zh));
		return switch (column) {
			case NAME -> zh ? "系统全称；同一部门内不得重复" : "Full name; unique within the agency";
			case ALIASES -> zh ? "其他常用名称，多个用分号分隔" : "Other names in use, separated by semicolons";
			case AGENCY_CODE -> zh ? "建设（使用）部门的18位统一社会信用代码" : "The owning agency's 18-character unified social credit code";
			case SUMMARY -> zh ? "建设目的与主要功能，查重依据此列" : "Purpose and main functions; the duplicate finder reads it";
			case CAPABILITIES -> zh ? "见“功能分类”表，填代码或中文名称，多个用分号分隔"
					: "Codes or names from the Capabilities sheet, separated by semicolons";
			case GO_LIVE_DATE -> zh ? "格式 2024-06-30；运行、暂停状态必填" : "As 2024-06-30; required when live or suspended";
			case BUILD_COST, ANNUAL_OM_COST -> zh ? "单位：元，最多两位小数，不得为负；不清楚的留空，记为“未知”（不按 0 计算）"
					: "In yuan, at most two decimals, not negative; leave empty when unknown (recorded as unknown, not zero)";
			case VENDOR -> zh ? "承建单位全称" : "The contractor's full name";
			case REGISTERED_USERS, MONTHLY_ACTIVE_USERS -> zh ? "非负整数；注册用户与月活跃用户分别填写；不清楚的留空，记为“未知”"
					: "Whole numbers; registered and monthly active users are separate; leave empty when unknown";
			case INTEGRATIONS -> zh ? "已对接的共享平台能力代码，如 unified-identity;data-sharing-exchange"
					: "Capability codes of shared platforms used, e.g. unified-identity;data-sharing-exchange";
			case SHARED_PLATFORM -> zh ? "仅平台管理员可标记为共享平台" : "Only a platform admin may mark a shared platform";
			default -> choices;
		};
	}

	/** Required headers white on dark red, optional ones on light grey: both bold. */
	private static CellStyle headerStyle(Workbook workbook, boolean required) {
		CellStyle style = workbook.createCellStyle();
		Font font = workbook.createFont();
		font.setBold(true);
		if (required) {
			font.setColor(IndexedColors.WHITE.getIndex());
		}
		style.setFont(font);
		style.setFillForegroundColor(required ? IndexedColors.DARK_RED.getIndex()
				: IndexedColors.GREY_25_PERCENT.getIndex());
		style.setFillPattern(FillPatternType.SOLID_FOREGROUND);
		return style;
	}

	private static CellStyle boldStyle(Workbook workbook) {
		CellStyle style = workbook.createCellStyle();
		Font font = workbook.createFont();
		font.setBold(true);
		style.setFont(font);
		return style;
	}
}
