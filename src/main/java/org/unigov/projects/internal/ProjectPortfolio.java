package org.unigov.projects.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.unigov.calendar.WorkingCalendar;
import org.unigov.organization.AgencyId;
import org.unigov.organization.OrganizationDirectory;
import org.unigov.projects.Stage;
import org.unigov.registry.Taxonomy;
import org.unigov.shared.Actor;
import org.unigov.shared.Coded;
import org.unigov.shared.Role;
import org.unigov.shared.Spreadsheets;
import org.unigov.shared.problem.CommonError;
import org.unigov.shared.problem.UnigovException;

/**
 * Portfolio views for coordinators and auditors over their division's subtree (the platform admin
 * over everything): the pipeline by stage and status, budgets and money spent by division, agency
 * and capability, overdue reviews, proposals failing their gates, zombie systems; and the whole
 * list as a spreadsheet. Money in fen; a project's budget counts under each of its capabilities.
 */
@Service
@Transactional(readOnly = true)
public class ProjectPortfolio {

	/** How many projects a list of the portfolio shows (overdue reviews, failing gates, zombies). */
	static final int LIST_LIMIT = 20;

	/** The most projects one spreadsheet holds. */
	public static final int EXPORT_LIMIT = 100_000;

	private final PortfolioReads reads;

	private final WorkingCalendar calendar;

	private final Taxonomy taxonomy;

	private final OrganizationDirectory directory;

	private final ObjectProvider<ProjectExecution> execution;

	private final ObjectProvider<Projects> projects;

	ProjectPortfolio(PortfolioReads reads, WorkingCalendar calendar, Taxonomy taxonomy,
			OrganizationDirectory directory,
			ObjectProvider<ProjectExecution> execution,
			ObjectProvider<Projects> projects) {
		this.reads = reads;
		this.calendar = calendar;
		this.taxonomy = taxonomy;
		this.directory = directory;
		this.execution = execution;
		this.projects = projects;
	}

	public record StageCount(String stage, String status, long projects, long totalFen) {
	}

	public record Spend(String key, String name, long projects, long budgetFen, long spentFen) {
	}

	public record Item(UUID id, String code, String name, String agencyCode, String divisionCode, String stage,
			String status, long totalFen, @Nullable LocalDate due, @Nullable String note) {
	}

	public record Portfolio(String scope, long projects, long totalFen, long spentFen, List<StageCount> pipeline,
			List<Spend> byDivision, List<Spend> byAgency, List<Spend> byCapability, List<Item> recentlyApproved,
			long overdueReviews,
			List<Item> overdue, long failingGates, List<Item> failing, long zombies, List<Item> zombieList) {
	}

	/** Whether the actor may see portfolios at all. */
	public static boolean canView(Actor actor) {
		return actor.hasAny(Role.PLATFORM_ADMIN, Role.COORDINATOR, Role.AUDITOR);
	}

	/**
	 * The division-code prefix the portfolio covers: the actor's subtree, narrowed to
	 * {@code division} when it lies within it.
	 */
	public String scope(Actor actor, @Nullable String division) {
		if (!canView(actor) || actor.scopePrefix() == null) {
			throw new UnigovException(CommonError.FORBIDDEN, "Portfolios are for coordinators, auditors and platform admins.");
		}
		String prefix = actor.scopePrefix();
		if (division != null && !division.isBlank()) {
			String wanted = Actor.significantPrefix(division.strip());
			if (!wanted.startsWith(prefix)) {
				throw new UnigovException(CommonError.FORBIDDEN, "Division " + division + " is outside your scope.");
			}
			prefix = wanted;
		}
		return prefix;
	}

	public Portfolio portfolio(Actor actor, @Nullable String division) {
		String prefix = scope(actor, division);
		String like = prefix + "%";
		LocalDate today = this.calendar.today();
		this.reads.planForEachPrefix();
		PortfolioReads.Breakdown breakdown = this.reads.breakdown(like);
		List<StageCount> pipeline = breakdown.pipeline();
		List<Spend> byDivision = breakdown.byDivision();
		long projects = pipeline.stream().mapToLong(StageCount::projects).sum();
		long total = pipeline.stream().mapToLong(StageCount::totalFen).sum();
		Locale locale = LocaleContextHolder.getLocale();
		List<Spend> byCapability = this.reads.byCapability(like)
			.stream()
			.map(c -> new Spend(c.key(), this.taxonomy.name(c.key(), locale), c.projects(), c.budgetFen(), c.spentFen()))
			.toList();
		PortfolioReads.Listed overdue = this.reads.overdueReviews(like, today, LIST_LIMIT);
		PortfolioReads.Listed failing = this.reads.failingGates(like, LIST_LIMIT);
		PortfolioReads.Listed zombies = this.reads.zombies(like, LIST_LIMIT);
		List<Item> recent = this.reads.recentlyApproved(like, LIST_LIMIT);
		long spent = byDivision.stream().mapToLong(Spend::spentFen).sum();
		return new Portfolio(prefix, projects, total, spent, pipeline, byDivision, breakdown.byAgency(), byCapability,
				recent, overdue.total(), overdue.items(), failing.total(), failing.items(), zombies.total(),
				zombies.items());
	}

	/** One row of the spreadsheet. */
	record ExportRow(UUID id, String code, String name, UUID agencyId, String agencyCode, String divisionCode,
			String type, String path, String stage, String status, long buildFen, long omFen, long totalFen, long spentFen,
			@Nullable String gateOutcome, List<Integer> route, List<String> capabilities, @Nullable LocalDate submitted,
			@Nullable LocalDate decided) {
	}

	private static final Map<Integer, String> LEVELS_ZH = Map.of(1, "省级", 2, "市级", 3, "县级");

	private static final Map<Integer, String> LEVELS_EN = Map.of(1, "province", 2, "city", 3, "county");

	private static final Map<String, String> RISK_ZH = Map.of("low", "低风险", "medium", "中风险", "high",
			"高风险", "unplanned", "尚未制定里程碑计划");

	private static final Map<String, String> RISK_EN = Map.of("low", "low risk", "medium", "medium risk",
			"high", "high risk", "unplanned", "no milestone plan yet");

	/** The approval route by level names, lowest first: 县级 → 市级 → 省级. */
	static String route(List<Integer> levels, boolean zh) {
		return levels.stream()
			.map(l -> (zh ? LEVELS_ZH : LEVELS_EN).getOrDefault(l, String.valueOf(l)))
			.collect(Collectors.joining(" → "));
	}

	/** Risk and variances of a project under way (approved or accepted), else {@code null}. */
	private ProjectExecution.@Nullable Variance variance(ExportRow row) {
		if (!row.status().equals(ProjectStatus.APPROVED.code()) && !row.status().equals(ProjectStatus.ACCEPTED.code())) {
			return null;
		}
		return this.projects.getObject().get(row.id()).map(p -> this.execution.getObject().execution(p).variance()).orElse(null);
	}

	/** Every project of the portfolio's scope (up to {@link #EXPORT_LIMIT}) as an XLSX workbook; amounts in yuan. */
	public void xlsx(Actor actor, @Nullable String division, Locale locale, OutputStream out) {
		String prefix = scope(actor, division);
		List<ExportRow> rows = this.reads.exportRows(prefix + "%", EXPORT_LIMIT);
		boolean zh = "zh".equals(locale.getLanguage());
		List<String> headers = zh ? HEADERS_ZH : HEADERS_EN;
		try (SXSSFWorkbook workbook = new SXSSFWorkbook(200)) {
			Sheet sheet = workbook.createSheet(zh ? "项目清单" : "Projects");
			CellStyle bold = workbook.createCellStyle();
			Font font = workbook.createFont();
			font.setBold(true);
			bold.setFont(font);
			CellStyle money = workbook.createCellStyle();
			money.setDataFormat(workbook.createDataFormat().getFormat("#,##0.00"));
			Row header = sheet.createRow(0);
			for (int c = 0; c < headers.size(); c++) {
				var cell = header.createCell(c);
				cell.setCellValue(headers.get(c));
				cell.setCellStyle(bold);
			}
			int r = 1;
			for (ExportRow row : rows) {
				write(sheet.createRow(r++), values(row, locale, zh), money);
			}
			sheet.createFreezePane(0, 1);
			workbook.write(out);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static final List<String> HEADERS_ZH = List.of("项目编号", "项目名称", "申报部门", "行政区划", "项目类型", "审批程序",
			"阶段", "状态", "建设费用（元）", "运维费用（元）", "总投资（元）", "已支出（元）", "提交检查", "审批层级", "功能", "提交日期",
			"决定日期", "风险等级", "成本偏差（元）", "进度偏差（元）", "成本超支（%）", "进度延误（%）", "统一社会信用代码");

	private static final List<String> HEADERS_EN = List.of("Code", "Name", "Agency", "Division", "Type", "Path", "Stage",
			"Status", "Build (yuan)", "O&M (yuan)", "Total (yuan)", "Spent (yuan)", "Gates", "Route", "Capabilities",
			"Submitted", "Decided", "Risk", "Cost variance (yuan)", "Schedule variance (yuan)", "Cost overrun (%)",
			"Schedule slip (%)", "Agency credit code");

	/** One spreadsheet row's cells: names, not ids; whole fen become yuan in {@link #write}. */
	private List<Object> values(ExportRow row, Locale locale, boolean zh) {
		String agency = this.directory.agency(new AgencyId(row.agencyId()))
			.map(a -> a.name(locale))
			.orElse(row.agencyCode());
		String divisionName = this.directory.division(row.divisionCode())
			.map(d -> d.name(locale))
			.orElse(row.divisionCode());
		String capabilityNames = row.capabilities()
			.stream()
			.map(c -> this.taxonomy.name(c, locale))
			.collect(Collectors.joining(zh ? "、" : "; "));
		List<Object> values = new ArrayList<>(List.of(row.code(), row.name(), agency, divisionName,
				label(ProjectType.class, row.type(), zh), label(StagePath.class, row.path(), zh),
				label(Stage.class, row.stage(), zh), label(ProjectStatus.class, row.status(), zh), row.buildFen(),
				row.omFen(), row.totalFen(), row.spentFen(),
				row.gateOutcome() == null ? "" : label(GateOutcome.class, row.gateOutcome(), zh), route(row.route(), zh),
				capabilityNames, row.submitted() == null ? "" : row.submitted().toString(),
				row.decided() == null ? "" : row.decided().toString()));
		ProjectExecution.Variance v = variance(row);
		if (v == null) {
			values.addAll(List.of("", "", "", "", ""));
		}
		else {
			String risk = (zh ? RISK_ZH : RISK_EN).getOrDefault(v.riskLevel(), v.riskLevel());
			values.add(v.riskRating() == null ? risk
					: zh ? v.riskRating() + "级（" + risk + "）" : v.riskRating() + " (" + risk + ")");
			values.add(v.costVarianceFen());
			values.add(v.scheduleVarianceFen());
			values.add(v.costOverrunPct());
			values.add(v.scheduleSlipPct());
		}
		values.add(row.agencyCode());
		return values;
	}

	private static void write(Row row, List<Object> values, CellStyle money) {
		for (int c = 0; c < values.size(); c++) {
			var cell = row.createCell(c);
			if (values.get(c) instanceof Long fen) {
				// yuan with two decimals, from whole fen
				cell.setCellValue(new BigDecimal(fen).movePointLeft(2).doubleValue());
				cell.setCellStyle(money);
			}
			else if (values.get(c) instanceof Integer whole) {
				cell.setCellValue(whole);
			}
			else {
				cell.setCellValue(Spreadsheets.neutralise(String.valueOf(values.get(c))));
			}
		}
	}

	private static <E extends Enum<E> & Coded> String label(Class<E> type, String code, boolean zh) {
		E value = Projects.code(type, code);
		return zh ? value.labelZh() : value.labelEn();
	}
}
