package org.unigov.calendar;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.event.TransactionalEventListener;
import org.unigov.audit.AuditJournal;
import org.unigov.audit.AuditRecord;
import org.unigov.calendar.internal.CalendarDay;
import org.unigov.calendar.internal.CalendarError;
import org.unigov.calendar.internal.StatutoryHolidays;
import org.unigov.shared.Actor;
import org.unigov.shared.ChinaTime;
import org.unigov.shared.Role;
import org.unigov.shared.problem.CommonError;
import org.unigov.shared.problem.UnigovException;

/**
 * Working-day arithmetic on the official calendar (S4). A working day is a Monday–Friday that is
 * not a day off, or a make-up working day (调休). Deadlines count from the day after the starting
 * day (the day an act happens is not counted, as in Chinese administrative law), so "within 10
 * working days" of a request filed on a Friday ends on the tenth working day after that Friday.
 *
 * <p>The calendar is held in memory as one bit set per year, read at start-up and again after an
 * admin replaces a year and at least every five minutes (so several instances converge), which
 * makes a deadline a few dozen bit tests: 100,000 open requests are recomputed in milliseconds.
 *
 * <p>A year without the State Council's notice counts the statutory holidays ({@link
 * StatutoryHolidays}) as its only days off, and every deadline that reaches it is provisional. From
 * 1 November the platform admin is reminded to enter next year's notice.
 */
@Service
public class WorkingCalendar {

	/** Deadlines and dates are those of the province. */
	public static final ZoneId ZONE = ChinaTime.ZONE;

	private static final long REFRESH_MILLIS = 5 * 60_000L;

	/** The longest count accepted, so that a wrong argument cannot loop for long. */
	private static final int MAX_DAYS = 3_660;

	/** Years without a notice, computed once each: they depend on nothing but the year. */
	private static final Map<Integer, YearDays> PROVISIONAL = new ConcurrentHashMap<>();

	private final JdbcClient jdbc;

	private final AuditJournal journal;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private volatile @Nullable Snapshot snapshot;

	WorkingCalendar(JdbcClient jdbc, AuditJournal journal, ApplicationEventPublisher events, Clock clock) {
		this.jdbc = jdbc;
		this.journal = journal;
		this.events = events;
		this.clock = clock;
	}

	/** One year as the admin sees it. */
	public record CalendarYear(int year, String source, long version, List<CalendarDay> days) {
	}

	/** Today in the province. */
	public LocalDate today() {
		return LocalDate.now(this.clock.withZone(ZONE));
	}

	/** Whether the calendar holds the official days of this year. */
	public boolean covers(int year) {
		return snapshot().years.containsKey(year);
	}

	public boolean isWorkingDay(LocalDate date) {
		return isWorkingDay(snapshot(), date);
	}

	/**
	 * The day off or make-up working day on this date, if it is one; in a year without a notice, the
	 * statutory holiday on this date (provisional, as {@link #covers} tells).
	 */
	public Optional<CalendarDay> special(LocalDate date) {
		YearDays year = days(snapshot(), date.getYear());
		return year == null ? Optional.empty() : Optional.ofNullable(year.special.get(date));
	}

	/**
	 * The days off a year without a notice counts: the statutory holidays alone, no bridge days and
	 * no make-up working days. Empty outside 2000–2099.
	 */
	public List<CalendarDay> provisionalDays(int year) {
		return StatutoryHolidays.of(year);
	}

	/**
	 * Next year, when it is 1 November or later in the province and the calendar holds no notice for
	 * next year yet: the platform admin should enter it before deadlines reach it.
	 */
	public Optional<Integer> yearAwaitingNotice() {
		return yearAwaitingNotice(today());
	}

	/** As {@link #yearAwaitingNotice()}, on a given day. */
	public Optional<Integer> yearAwaitingNotice(LocalDate today) {
		int next = today.getYear() + 1;
		return today.getMonthValue() >= 11 && !covers(next) ? Optional.of(next) : Optional.empty();
	}

	/**
	 * The deadline {@code workingDays} working days after {@code start}: the first working day
	 * after {@code start} is day 1. Zero days gives {@code start} itself.
	 */
	public Deadline addWorkingDays(LocalDate start, int workingDays) {
		if (workingDays < 0 || workingDays > MAX_DAYS) {
			throw new UnigovException(CommonError.INVALID_PARAMETER,
					"A deadline counts between 0 and " + MAX_DAYS + " working days.");
		}
		if (start.getYear() < 1900 || start.getYear() > 2200) {
			throw new UnigovException(CommonError.INVALID_PARAMETER, "A deadline starts between 1900 and 2200.");
		}
		Snapshot current = snapshot();
		LocalDate day = start;
		boolean provisional = false;
		int counted = 0;
		while (counted < workingDays) {
			day = day.plusDays(1);
			if (!current.years.containsKey(day.getYear())) {
				provisional = true;
			}
			if (isWorkingDay(current, day)) {
				counted++;
			}
		}
		return new Deadline(day, provisional);
	}

	/**
	 * Working days after {@code from} up to and including {@code to}; negative when {@code to} is
	 * earlier (then it counts the working days after {@code to} up to and including {@code from}).
	 * Days left until a deadline are {@code workingDaysBetween(today, due)}; days overdue are
	 * {@code workingDaysBetween(due, today)}.
	 */
	public int workingDaysBetween(LocalDate from, LocalDate to) {
		if (to.isBefore(from)) {
			return -workingDaysBetween(to, from);
		}
		if (to.toEpochDay() - from.toEpochDay() > MAX_DAYS * 2L) {
			throw new UnigovException(CommonError.INVALID_PARAMETER, "The dates are too far apart to count.");
		}
		int count = 0;
		for (LocalDate day = from.plusDays(1); !day.isAfter(to); day = day.plusDays(1)) {
			if (isWorkingDay(day)) {
				count++;
			}
		}
		return count;
	}

	/** The years the calendar holds, newest first, without their days. */
	@Transactional(readOnly = true)
	public List<CalendarYear> years() {
		return this.jdbc.sql("select year, source, version from cal_year order by year desc")
			.query((rs, n) -> new CalendarYear(rs.getInt(1), rs.getString(2), rs.getLong(3), List.of()))
			.list();
	}

	@Transactional(readOnly = true)
	public CalendarYear year(int year) {
		return this.jdbc.sql("select year, source, version from cal_year where year = ?")
			.param(year)
			.query((rs, n) -> new CalendarYear(rs.getInt(1), rs.getString(2), rs.getLong(3), days(year)))
			.optional()
			.orElseThrow(() -> new UnigovException(CalendarError.YEAR_NOT_FOUND,
					"The calendar holds no official days for " + year + " yet."));
	}

	private List<CalendarDay> days(int year) {
		return this.jdbc.sql("select day, kind, name_zh, name_en from cal_day where year = ? order by day")
			.param(year)
			.query((rs, n) -> new CalendarDay(rs.getObject(1, LocalDate.class), CalendarDay.Kind.of(rs.getString(2)),
					rs.getString(3), rs.getString(4)))
			.list();
	}

	/**
	 * Adds a year or replaces all of its days (platform admins only). Every date must lie in the
	 * year, appear once, and a make-up working day must fall on a weekend (a weekday is a working
	 * day already). {@code expectedVersion} guards against overwriting someone else's edit; null
	 * for a new year.
	 */
	@Transactional
	public CalendarYear replaceYear(Actor actor, int year, String source, List<CalendarDay> days,
			@Nullable Long expectedVersion) {
		if (!actor.has(Role.PLATFORM_ADMIN)) {
			throw new UnigovException(CommonError.FORBIDDEN, "Only a platform admin edits the working calendar.");
		}
		List<String> problems = validate(year, source, days);
		if (!problems.isEmpty()) {
			throw new UnigovException(CalendarError.INVALID_CALENDAR,
					"The calendar for " + year + " has " + problems.size() + " problem(s): " + String.join("; ", problems),
					Map.of("problems", problems));
		}
		Optional<Long> existing = this.jdbc.sql("select version from cal_year where year = ? for update")
			.param(year)
			.query(Long.class)
			.optional();
		if (existing.isPresent() && expectedVersion == null) {
			throw new UnigovException(CommonError.STALE_VERSION,
					"The calendar holds " + year + " already: name the version you are replacing.");
		}
		if (existing.isPresent() && !existing.get().equals(expectedVersion)) {
			throw new UnigovException(CommonError.STALE_VERSION,
					"Someone changed the calendar for " + year + " since you read it; reload and try again.");
		}
		List<CalendarDay> before = existing.isPresent() ? days(year) : List.of();
		if (existing.isPresent()) {
			this.jdbc.sql("delete from cal_day where year = ?").param(year).update();
			this.jdbc.sql("update cal_year set source = ?, updated_at = now(), version = version + 1 where year = ?")
				.params(source.strip(), year)
				.update();
		}
		else {
			this.jdbc.sql("insert into cal_year (year, source) values (?, ?)").params(year, source.strip()).update();
		}
		for (CalendarDay day : days) {
			this.jdbc.sql("insert into cal_day (day, kind, name_zh, name_en, year) values (?, ?, ?, ?, ?)")
				.params(day.date(), day.kind().code(), day.nameZh().strip(), day.nameEn().strip(), year)
				.update();
		}
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("year", year);
		details.put("source", source.strip());
		details.put("daysOff", days.stream().filter(d -> d.kind() == CalendarDay.Kind.DAY_OFF).count());
		details.put("makeUpWorkingDays", days.stream().filter(d -> d.kind() == CalendarDay.Kind.WORKING).count());
		details.put("added", difference(days, before));
		details.put("removed", difference(before, days));
		this.journal.append(actor, AuditRecord.of(existing.isPresent() ? "calendar.year.replaced"
				: "calendar.year.added", "calendar-year", year, null, details));
		this.events.publishEvent(new CalendarChanged(year));
		return year(year);
	}

	private static List<String> difference(List<CalendarDay> a, List<CalendarDay> b) {
		Map<LocalDate, CalendarDay.Kind> other = new HashMap<>();
		b.forEach(d -> other.put(d.date(), d.kind()));
		List<String> result = new ArrayList<>();
		for (CalendarDay day : a) {
			if (other.get(day.date()) != day.kind()) {
				result.add(day.date() + " " + day.kind().code());
			}
		}
		return result;
	}

	static List<String> validate(int year, String source, List<CalendarDay> days) {
		List<String> problems = new ArrayList<>();
		if (year < 2000 || year > 2100) {
			problems.add("the year must lie between 2000 and 2100");
		}
		if (source.isBlank() || source.length() > 300) {
			problems.add("name the notice the days come from (up to 300 characters)");
		}
		if (days.size() > 366) {
			problems.add("a year has at most 366 days");
		}
		Map<LocalDate, Boolean> seen = new HashMap<>();
		for (CalendarDay day : days) {
			if (day.date().getYear() != year) {
				problems.add(day.date() + " is not in " + year);
			}
			if (seen.put(day.date(), Boolean.TRUE) != null) {
				problems.add(day.date() + " is listed twice");
			}
			if (day.kind() == CalendarDay.Kind.WORKING && isWeekday(day.date())) {
				problems.add(day.date() + " is a weekday, so it is a working day already");
			}
			if (day.nameZh().isBlank() || day.nameEn().isBlank() || day.nameZh().length() > 50
					|| day.nameEn().length() > 100) {
				problems.add(day.date() + " needs a Chinese and an English name");
			}
		}
		return problems;
	}

	@TransactionalEventListener
	void on(CalendarChanged event) {
		reload();
	}

	/**
	 * Reads the calendar again now. Listeners that recompute deadlines after a change call it first,
	 * so that they never count on the calendar as it was.
	 */
	public void reload() {
		this.snapshot = load();
	}

	private static boolean isWeekday(LocalDate date) {
		DayOfWeek dow = date.getDayOfWeek();
		return dow != DayOfWeek.SATURDAY && dow != DayOfWeek.SUNDAY;
	}

	private static boolean isWorkingDay(Snapshot current, LocalDate date) {
		YearDays year = days(current, date.getYear());
		return year == null ? isWeekday(date) : year.working.get(date.getDayOfYear() - 1);
	}

	/**
	 * The official days of a year, or the statutory holidays where there is no notice yet; null for
	 * a year without either (outside 2000–2099), which counts Monday to Friday. Only years with
	 * holidays are cached, so that any date a client sends costs no memory.
	 */
	private static @Nullable YearDays days(Snapshot current, int year) {
		YearDays official = current.years.get(year);
		if (official != null) {
			return official;
		}
		if (StatutoryHolidays.of(year).isEmpty()) {
			return null;
		}
		return PROVISIONAL.computeIfAbsent(year, y -> {
			YearDays days = weekdays(y);
			for (CalendarDay day : StatutoryHolidays.of(y)) {
				days.working.clear(day.date().getDayOfYear() - 1);
				days.special.put(day.date(), day);
			}
			return new YearDays(days.working, Map.copyOf(days.special));
		});
	}

	/** A year in which Monday to Friday are the working days. */
	private static YearDays weekdays(int year) {
		YearDays days = new YearDays(new BitSet(366), new HashMap<>());
		for (LocalDate d = LocalDate.of(year, 1, 1); d.getYear() == year; d = d.plusDays(1)) {
			days.working.set(d.getDayOfYear() - 1, isWeekday(d));
		}
		return days;
	}

	private Snapshot snapshot() {
		Snapshot current = this.snapshot;
		if (current == null || System.currentTimeMillis() - current.readAt > REFRESH_MILLIS) {
			current = load();
			this.snapshot = current;
		}
		return current;
	}

	private Snapshot load() {
		Map<Integer, YearDays> years = new TreeMap<>();
		this.jdbc.sql("select year from cal_year").query(Integer.class).list().forEach(y -> years.put(y, weekdays(y)));
		this.jdbc.sql("select day, kind, name_zh, name_en, year from cal_day").query((rs, n) -> {
			CalendarDay day = new CalendarDay(rs.getObject(1, LocalDate.class), CalendarDay.Kind.of(rs.getString(2)),
					rs.getString(3), rs.getString(4));
			YearDays year = years.get(rs.getInt(5));
			year.working.set(day.date().getDayOfYear() - 1, day.kind() == CalendarDay.Kind.WORKING);
			year.special.put(day.date(), day);
			return day;
		}).list();
		return new Snapshot(Map.copyOf(years), System.currentTimeMillis());
	}

	private record YearDays(BitSet working, Map<LocalDate, CalendarDay> special) {
	}

	private record Snapshot(Map<Integer, YearDays> years, long readAt) {
	}
}
