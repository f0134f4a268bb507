package org.unigov.projects.web;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.unigov.projects.internal.ProjectExecution;
import org.unigov.shared.problem.FieldProblem;

/**
 * The milestone plan as the project page's form holds it: one row a milestone (name, planned and
 * actual dates in date fields, weight in whole percent) and blank rows to add more; blank rows are
 * left out. The date fields post ISO dates; a date typed by hand is also read as earlier pages
 * showed it (2026/10/15 on Chinese pages, 10/15/26 on English ones) or as 2026年10月15日. What it
 * cannot read is a problem against its row, in the form's own terms, never a bare "invalid
 * parameter", and the rows come back as typed.
 */
final class MilestoneRows {

	/** Blank rows shown after the plan's milestones. */
	static final int BLANK_ROWS = 2;

	/** Rows read from a form, at most. */
	static final int MAX_ROWS = 60;

	private static final Pattern YEAR_FIRST = Pattern.compile("(\\d{4})\\s*[-/.年]\\s*(\\d{1,2})\\s*[-/.月]\\s*(\\d{1,2})\\s*日?");

	private static final Pattern MONTH_FIRST = Pattern.compile("(\\d{1,2})/(\\d{1,2})/(\\d{2}|\\d{4})");

	/** One row as shown and posted: every field as text. Public for the template. */
	public record Row(String name, String planned, String actual, String weight) {

		boolean blank() {
			return this.name.isBlank() && this.planned.isBlank() && this.actual.isBlank() && this.weight.isBlank();
		}
	}

	private MilestoneRows() {
	}

	/** The rows of a plan, ISO dates, and blank rows to add milestones. */
	static List<Row> of(List<ProjectExecution.Milestone> milestones) {
		List<Row> rows = new ArrayList<>();
		for (ProjectExecution.Milestone m : milestones) {
			rows.add(new Row(m.name(), m.planned().toString(), m.actual() == null ? "" : m.actual().toString(),
					String.valueOf(m.weightPct())));
		}
		return withBlanks(rows);
	}

	/** The rows a form posted ({@code milestoneName[0]}, {@code milestonePlanned[0]}, …), as typed, with blank rows after. */
	static List<Row> read(Map<String, String> form) {
		List<Row> rows = new ArrayList<>();
		for (int i = 0; i < MAX_ROWS && form.containsKey("milestoneName[" + i + "]"); i++) {
			rows.add(new Row(value(form, "milestoneName[" + i + "]"), value(form, "milestonePlanned[" + i + "]"),
					value(form, "milestoneActual[" + i + "]"), value(form, "milestoneWeight[" + i + "]")));
		}
		while (!rows.isEmpty() && rows.getLast().blank()) {
			rows.removeLast();
		}
		return rows;
	}

	static List<Row> withBlanks(List<Row> rows) {
		List<Row> shown = new ArrayList<>(rows);
		for (int i = 0; i < BLANK_ROWS; i++) {
			shown.add(new Row("", "", "", ""));
		}
		return shown;
	}

	/** The milestones of the rows that are not blank; every field it cannot read adds a problem naming the milestone. */
	static List<ProjectExecution.MilestoneInput> input(List<Row> rows, List<FieldProblem> problems) {
		List<ProjectExecution.MilestoneInput> list = new ArrayList<>();
		for (Row row : rows) {
			if (row.blank()) {
				continue;
			}
			String field = "milestones[" + list.size() + "]";
			list.add(new ProjectExecution.MilestoneInput(row.name().strip(), date(row.planned(), field + ".planned", problems),
					date(row.actual(), field + ".actual", problems), weight(row.weight(), field + ".weightPct", problems)));
		}
		return list;
	}

	private static String value(Map<String, String> form, String key) {
		String value = form.get(key);
		return value == null ? "" : value.length() > 200 ? value.substring(0, 200) : value;
	}

	/** A date as ISO, as Chinese or English pages showed it, or with 年月日; null when blank or unreadable. */
	static @Nullable LocalDate date(String text, String field, List<FieldProblem> problems) {
		String value = text.strip();
		if (value.isEmpty()) {
			return null;
		}
		try {
			Matcher year = YEAR_FIRST.matcher(value);
			if (year.matches()) {
				return LocalDate.of(Integer.parseInt(year.group(1)), Integer.parseInt(year.group(2)),
						Integer.parseInt(year.group(3)));
			}
			Matcher month = MONTH_FIRST.matcher(value);
			if (month.matches()) {
				int y = Integer.parseInt(month.group(3));
				return LocalDate.of(y < 100 ? 2000 + y : y, Integer.parseInt(month.group(1)), Integer.parseInt(month.group(2)));
			}
		}
		catch (DateTimeException ex) {
			// a month or day out of range: reported below like any unreadable date
		}
		problems.add(new FieldProblem(field, "invalid_date", "Enter the date as YYYY-MM-DD, e.g. 2026-10-15."));
		return null;
	}

	/** A whole percent, with or without the % sign; null when blank (the service says it is required) or unreadable. */
	static @Nullable Integer weight(String text, String field, List<FieldProblem> problems) {
		String value = text.replace("%", "").replace("％", "").strip();
		if (value.isEmpty()) {
			return null;
		}
		if (value.matches("\\d{1,3}")) {
			return Integer.valueOf(value);
		}
		problems.add(new FieldProblem(field, "invalid_weight", "The weight is a whole percent from 0 to 100."));
		return null;
	}
}
