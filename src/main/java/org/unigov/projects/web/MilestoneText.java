package org.unigov.projects.web;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.unigov.projects.ProjectExecution;
import org.unigov.shared.problem.FieldProblem;

/**
 * The milestone plan as the project page's text box holds it, one milestone a line:
 * "name | planned | actual (or blank) | weight %". The page fills it with ISO dates; it also
 * reads the dates as earlier pages showed them (2026/10/15 on Chinese pages, 10/15/26 on English
 * ones) and 2026年10月15日, so a plan saved from an old page is not lost. What it cannot read is a
 * problem against its line, in the form's own terms, never a bare "invalid parameter".
 */
final class MilestoneText {

	private static final Pattern YEAR_FIRST = Pattern.compile("(\\d{4})\\s*[-/.年]\\s*(\\d{1,2})\\s*[-/.月]\\s*(\\d{1,2})\\s*日?");

	private static final Pattern MONTH_FIRST = Pattern.compile("(\\d{1,2})/(\\d{1,2})/(\\d{2}|\\d{4})");

	private MilestoneText() {
	}

	/** The text a plan is shown as: ISO dates, blank for no actual date. */
	static String format(List<ProjectExecution.Milestone> milestones) {
		List<String> lines = new ArrayList<>();
		for (ProjectExecution.Milestone m : milestones) {
			lines.add(m.name() + " | " + m.planned() + " | " + (m.actual() == null ? "" : m.actual()) + " | " + m.weightPct());
		}
		return String.join("\n", lines);
	}

	/** The milestones of a text; every line it cannot read adds a problem naming the line's field. */
	static List<ProjectExecution.MilestoneInput> parse(String text, List<FieldProblem> problems) {
		List<ProjectExecution.MilestoneInput> list = new ArrayList<>();
		List<String> lines = text.lines().map(String::strip).filter(s -> !s.isEmpty()).toList();
		for (int i = 0; i < lines.size(); i++) {
			String[] parts = lines.get(i).split("[|｜]", -1);
			String field = "milestones[" + i + "]";
			list.add(new ProjectExecution.MilestoneInput(parts[0].strip(),
					date(parts.length > 1 ? parts[1] : "", field + ".planned", problems),
					date(parts.length > 2 ? parts[2] : "", field + ".actual", problems),
					weight(parts.length > 3 ? parts[3] : "", field + ".weightPct", problems)));
		}
		return list;
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
