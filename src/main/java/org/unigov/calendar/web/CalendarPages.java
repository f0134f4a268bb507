package org.unigov.calendar.web;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.unigov.calendar.WorkingCalendar.CalendarYear;
import org.unigov.calendar.WorkingCalendar;
import org.unigov.calendar.internal.CalendarDay;
import org.unigov.calendar.internal.CalendarError;
import org.unigov.shared.Access;
import org.unigov.shared.Actor;
import org.unigov.shared.Role;
import org.unigov.shared.problem.UnigovException;

/**
 * The working calendar page: a year's days off and make-up working days, a deadline calculator
 * anyone signed in may use, and for platform admins an editor that takes the State Council's
 * notice line by line ({@code 2027-01-01 day-off 元旦 | New Year's Day}).
 */
@Controller
@PreAuthorize(Access.ANY_STAFF)
class CalendarPages {

	private final WorkingCalendar calendar;

	CalendarPages(WorkingCalendar calendar) {
		this.calendar = calendar;
	}

	@GetMapping("/calendar")
	String index(@RequestParam(required = false) @Nullable Integer year,
			@RequestParam(required = false) @Nullable LocalDate start,
			@RequestParam(required = false) @Nullable Integer workingDays, Model model) {
		List<CalendarYear> years = this.calendar.years();
		int shown = year != null ? year : this.calendar.today().getYear();
		model.addAttribute("years", years);
		model.addAttribute("year", shown);
		boolean covered = years.stream().anyMatch(y -> y.year() == shown);
		CalendarYear current = covered ? this.calendar.year(shown) : null;
		model.addAttribute("current", current);
		model.addAttribute("provisionalDays", covered ? List.of() : this.calendar.provisionalDays(shown));
		model.addAttribute("yearOptions", yearOptions(years, shown));
		model.addAttribute("isAdmin", Actor.current().has(Role.PLATFORM_ADMIN));
		if (!model.containsAttribute("lines")) {
			model.addAttribute("lines", current == null ? "" : lines(current.days()));
		}
		if (start != null && workingDays != null && workingDays >= 0 && workingDays <= 366) {
			model.addAttribute("deadline", this.calendar.addWorkingDays(start, workingDays));
		}
		return "calendar/index";
	}

	@PostMapping("/calendar/{year}")
	@PreAuthorize(Access.PLATFORM_ADMIN)
	String replace(@PathVariable int year, @RequestParam String source, @RequestParam String lines,
			@RequestParam(required = false) @Nullable Long version, RedirectAttributes redirect) {
		try {
			this.calendar.replaceYear(Actor.current(), year, source, parse(year, lines), version);
			redirect.addFlashAttribute("saved", true);
		}
		catch (UnigovException ex) {
			redirect.addFlashAttribute("error", ex);
			redirect.addFlashAttribute("lines", lines);
		}
		return "redirect:/calendar?year=" + year;
	}

	/**
	 * The years to choose from: those the calendar holds, this year, next year (so that the admin
	 * finds the year to enter) and the one shown, newest first.
	 */
	private List<Integer> yearOptions(List<CalendarYear> years, int shown) {
		int thisYear = this.calendar.today().getYear();
		SortedSet<Integer> options = new TreeSet<>(Comparator.reverseOrder());
		years.forEach(y -> options.add(y.year()));
		options.add(thisYear);
		options.add(thisYear + 1);
		options.add(shown);
		return List.copyOf(options);
	}

	static String lines(List<CalendarDay> days) {
		StringBuilder out = new StringBuilder();
		for (CalendarDay day : days) {
			out.append(day.date()).append(' ').append(day.kind().code()).append(' ').append(day.nameZh()).append(" | ")
				.append(day.nameEn()).append('\n');
		}
		return out.toString();
	}

	/** One day per line: date, kind (day-off or working), Chinese name, "|", English name. */
	static List<CalendarDay> parse(int year, String text) {
		List<CalendarDay> days = new ArrayList<>();
		List<String> problems = new ArrayList<>();
		int number = 0;
		for (String line : text.split("\\R")) {
			number++;
			if (line.isBlank()) {
				continue;
			}
			String[] parts = line.strip().split("\\s+", 3);
			String[] names = parts.length == 3 ? parts[2].split("\\|", 2) : new String[0];
			if (parts.length < 3 || names.length < 2) {
				problems.add("line " + number + ": write \"date kind 中文名 | English name\"");
				continue;
			}
			try {
				days.add(new CalendarDay(LocalDate.parse(parts[0]), CalendarApi.kind(parts[1]), names[0].strip(),
						names[1].strip()));
			}
			catch (DateTimeParseException ex) {
				problems.add("line " + number + ": " + parts[0] + " is not a date (YYYY-MM-DD)");
			}
			catch (UnigovException ex) {
				problems.add("line " + number + ": " + ex.getMessage());
			}
		}
		if (!problems.isEmpty()) {
			throw new UnigovException(CalendarError.INVALID_CALENDAR,
					"The calendar for " + year + " has " + problems.size() + " problem(s): " + String.join("; ", problems),
					Map.of("problems", problems));
		}
		return days;
	}
}
