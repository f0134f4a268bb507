package org.unigov.calendar.internal;

import java.time.LocalDate;
import java.time.Month;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import com.ibm.icu.util.Calendar;
import com.ibm.icu.util.ChineseCalendar;
import com.ibm.icu.util.TimeZone;
import com.ibm.icu.util.ULocale;

/**
 * The statutory days off of a year by 《全国年节及纪念日放假办法》 (as amended on 12 November 2024,
 * in force 2025): 元旦 1 January, 春节 除夕 and 初一 to 初三, 清明 the day of the solar term, 劳动节 1–2
 * May, 端午 lunar 5/5, 中秋 lunar 8/15, 国庆 1–3 October; 13 days in all (12 dates when 中秋 falls on
 * 1–3 October). The State Council's yearly
 * notice adds bridge days and make-up working days (调休) on top of these, which no rule predicts; so
 * until a platform admin enters the notice, the calendar counts these days off alone and marks the
 * deadlines provisional.
 *
 * <p>Lunar dates follow the official rules (GB/T 33661-2017, 《农历的编算和颁行》): a month begins on the
 * day of the new moon in Beijing time. ICU4J's {@link ChineseCalendar} says which month is 正月, 五月
 * and 八月 (it places leap months by the solar terms); the day each of these months begins is then
 * taken from the precise new moon nearest to ICU's ({@link NewMoon}), because ICU's own new moons can
 * be a day late when they fall close to midnight, as in 2027.
 * 清明 is the solar term at which the sun reaches longitude 15°; it falls on 4 or 5 April, and its day
 * is given by the "寿星" formula {@code floor(Y × 0.2422 + 4.81) − floor(Y / 4)} (Y the last two digits
 * of the year; 4.81 the constant for 清明 in the 21st century), computed in integers. It agrees with ICU's
 * astronomical solar longitude in every year 2000–2099 but 2071, when the term falls within minutes of
 * midnight (23:56 on 4 April by ICU's low-precision sun, the 5th by the formula) — closer than either
 * method can settle; the official notice decides. Other years get no computed holidays (they count
 * Monday to Friday).
 */
public final class StatutoryHolidays {

	public static final int FIRST_YEAR = 2000;

	public static final int LAST_YEAR = 2099;

	private static final Map<Integer, List<CalendarDay>> CACHE = new ConcurrentHashMap<>();

	private StatutoryHolidays() {
	}

	/** The statutory days off of {@code year} in date order; empty outside 2000–2099. */
	public static List<CalendarDay> of(int year) {
		if (year < FIRST_YEAR || year > LAST_YEAR) {
			return List.of();
		}
		return CACHE.computeIfAbsent(year, StatutoryHolidays::compute);
	}

	private static List<CalendarDay> compute(int year) {
		Map<LocalDate, CalendarDay> days = new TreeMap<>();
		off(days, LocalDate.of(year, Month.JANUARY, 1), "元旦", "New Year's Day");
		off(days, qingming(year), "清明节", "Qingming Festival");
		off(days, LocalDate.of(year, Month.MAY, 1), "劳动节", "Labour Day");
		off(days, LocalDate.of(year, Month.MAY, 2), "劳动节", "Labour Day");
		for (int d = 1; d <= 3; d++) {
			off(days, LocalDate.of(year, Month.OCTOBER, d), "国庆节", "National Day");
		}
		ChineseCalendar chinese = new ChineseCalendar(TimeZone.GMT_ZONE, ULocale.ROOT);
		for (LocalDate day = LocalDate.of(year, 1, 1); day.getYear() == year; day = day.plusDays(1)) {
			chinese.setTimeInMillis(day.toEpochDay() * 86_400_000L);
			if (chinese.get(ChineseCalendar.IS_LEAP_MONTH) == 1) {
				continue;
			}
			int month = chinese.get(Calendar.MONTH) + 1;
			int date = chinese.get(Calendar.DAY_OF_MONTH);
			if (date != 1) {
				continue;
			}
			LocalDate first = NewMoon.nearest(day);
			if (month == 1) {
				// the eve (除夕) is the last day of the twelfth month, the 29th or the 30th; 初一 never
				// falls before 21 January, so the eve lies in the same Gregorian year
				off(days, first.minusDays(1), "春节（除夕）", "Spring Festival (New Year's Eve)");
				for (int d = 0; d < 3; d++) {
					off(days, first.plusDays(d), "春节", "Spring Festival");
				}
			}
			else if (month == 5) {
				off(days, first.plusDays(4), "端午节", "Dragon Boat Festival");
			}
			else if (month == 8) {
				off(days, first.plusDays(14), "中秋节", "Mid-Autumn Festival");
			}
		}
		return List.copyOf(days.values());
	}

	/** The day of the solar term 清明 in a year of 2000–2099. */
	public static LocalDate qingming(int year) {
		int y = year % 100;
		int day = (y * 2422 + 48_100) / 10_000 - y / 4;
		return LocalDate.of(year, Month.APRIL, day);
	}

	/** Adds a day off; 中秋 may fall on 1–3 October, and then the day carries both names. */
	private static void off(Map<LocalDate, CalendarDay> days, LocalDate date, String zh, String en) {
		days.merge(date, new CalendarDay(date, CalendarDay.Kind.DAY_OFF, zh, en),
				(a, b) -> new CalendarDay(date, CalendarDay.Kind.DAY_OFF, a.nameZh() + "、" + b.nameZh(),
						a.nameEn() + " and " + b.nameEn()));
	}
}
