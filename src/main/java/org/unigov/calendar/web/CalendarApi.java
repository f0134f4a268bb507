package org.unigov.calendar.web;

import java.time.LocalDate;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.unigov.calendar.Deadline;
import org.unigov.calendar.WorkingCalendar.CalendarYear;
import org.unigov.calendar.WorkingCalendar;
import org.unigov.calendar.internal.CalendarDay;
import org.unigov.calendar.internal.CalendarError;
import org.unigov.shared.Access;
import org.unigov.shared.Actor;
import org.unigov.shared.ident.PlainText;
import org.unigov.shared.problem.UnigovException;

/** The working calendar over JSON: read by everyone signed in, edited by platform admins. */
@RestController
@RequestMapping("/api/v1/calendar")
@Tag(name = "Working calendar", description = "Official days off and make-up working days (S4)")
class CalendarApi {

	private final WorkingCalendar calendar;

	CalendarApi(WorkingCalendar calendar) {
		this.calendar = calendar;
	}

	record DayRequest(@NotNull LocalDate date, @NotBlank @Size(max = 10) String kind,
			@NotBlank @Size(max = 50) @PlainText String nameZh, @NotBlank @Size(max = 100) @PlainText String nameEn) {
	}

	/** A year as {@code GET} returns it, so a body read can be put back; {@code year} may be left out. */
	record YearRequest(@Nullable Integer year, @NotBlank @Size(max = 300) @PlainText String source,
			@Nullable Long version, @NotNull @Size(max = 366) List<@Valid @NotNull DayRequest> days) {
	}

	record DeadlineView(LocalDate start, int workingDays, LocalDate due, boolean provisional) {
	}

	@GetMapping("/years")
	@PreAuthorize("isAuthenticated()")
	@Operation(summary = "The years the calendar holds")
	List<CalendarYear> years() {
		return this.calendar.years();
	}

	@GetMapping("/years/{year}")
	@PreAuthorize("isAuthenticated()")
	@Operation(summary = "A year's days off and make-up working days")
	CalendarYear year(@PathVariable int year) {
		return this.calendar.year(year);
	}

	@PutMapping("/years/{year}")
	@PreAuthorize(Access.PLATFORM_ADMIN)
	@Operation(summary = "Add a year or replace its days (audited: calendar.year.added / calendar.year.replaced)",
			description = "kind is day-off or working (a make-up working day on a weekend). The body GET returns "
					+ "is accepted as it is (year, if given, must be the year in the path). Stored deadlines of open "
					+ "requests are recomputed.")
	CalendarYear replace(@PathVariable int year, @Valid @RequestBody YearRequest request) {
		if (request.year() != null && request.year() != year) {
			throw new UnigovException(CalendarError.INVALID_CALENDAR,
					"The body is the calendar for " + request.year() + ", not " + year + ".");
		}
		List<CalendarDay> days = request.days()
			.stream()
			.map(d -> new CalendarDay(d.date(), kind(d.kind()), d.nameZh(), d.nameEn()))
			.toList();
		return this.calendar.replaceYear(Actor.current(), year, request.source(), days, request.version());
	}

	@GetMapping("/deadline")
	@PreAuthorize("isAuthenticated()")
	@Operation(summary = "The date a number of working days after a start date",
			description = "The start day is not counted: day 1 is the first working day after it.")
	DeadlineView deadline(@RequestParam LocalDate start, @RequestParam @Min(0) @Max(366) int workingDays) {
		Deadline deadline = this.calendar.addWorkingDays(start, workingDays);
		return new DeadlineView(start, workingDays, deadline.due(), deadline.provisional());
	}

	static CalendarDay.Kind kind(String code) {
		try {
			return CalendarDay.Kind.of(code);
		}
		catch (IllegalArgumentException ex) {
			throw new UnigovException(CalendarError.INVALID_CALENDAR,
					"A day is either day-off or working, not " + code + ".");
		}
	}
}
