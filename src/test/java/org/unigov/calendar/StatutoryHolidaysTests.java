package org.unigov.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.ibm.icu.impl.CalendarAstronomer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.unigov.calendar.internal.CalendarDay;
import org.unigov.calendar.internal.NewMoon;
import org.unigov.calendar.internal.StatutoryHolidays;

/**
 * S4: the statutory holidays a year without an official notice counts, checked against the official
 * calendars of 2025 and 2026 (RULES.md) and the known dates of 2027.
 */
class StatutoryHolidaysTests {

	static Map<LocalDate, String> holidays(int year) {
		return StatutoryHolidays.of(year).stream().collect(Collectors.toMap(CalendarDay::date, CalendarDay::nameZh));
	}

	static List<LocalDate> dates(String... iso) {
		return java.util.Arrays.stream(iso).map(LocalDate::parse).toList();
	}

	@Nested
	@DisplayName("S4 statutory holidays of a year")
	class OfYear {

		@Test
		@DisplayName("S4 2025: the statutory days lie inside the State Council's days off")
		void S4_statutoryDays2025() {
			assertThat(holidays(2025).keySet()).containsExactlyInAnyOrderElementsOf(dates("2025-01-01", "2025-01-28",
					"2025-01-29", "2025-01-30", "2025-01-31", "2025-04-04", "2025-05-01", "2025-05-02", "2025-05-31",
					"2025-10-01", "2025-10-02", "2025-10-03", "2025-10-06"));
			assertThat(holidays(2025)).containsEntry(LocalDate.parse("2025-01-28"), "春节（除夕）")
				.containsEntry(LocalDate.parse("2025-10-06"), "中秋节");
		}

		@Test
		@DisplayName("S4 2026: the statutory days lie inside the State Council's days off")
		void S4_statutoryDays2026() {
			assertThat(holidays(2026).keySet()).containsExactlyInAnyOrderElementsOf(dates("2026-01-01", "2026-02-16",
					"2026-02-17", "2026-02-18", "2026-02-19", "2026-04-05", "2026-05-01", "2026-05-02", "2026-06-19",
					"2026-09-25", "2026-10-01", "2026-10-02", "2026-10-03"));
		}

		@Test
		@DisplayName("S4 2027: 初一 6 February, 清明 5 April, 端午 9 June, 中秋 15 September")
		void S4_statutoryDays2027() {
			Map<LocalDate, String> days = holidays(2027);
			assertThat(days).containsEntry(LocalDate.parse("2027-01-01"), "元旦")
				.containsEntry(LocalDate.parse("2027-02-05"), "春节（除夕）")
				.containsEntry(LocalDate.parse("2027-02-06"), "春节")
				.containsEntry(LocalDate.parse("2027-02-08"), "春节")
				.containsEntry(LocalDate.parse("2027-04-05"), "清明节")
				.containsEntry(LocalDate.parse("2027-05-02"), "劳动节")
				.containsEntry(LocalDate.parse("2027-06-09"), "端午节")
				.containsEntry(LocalDate.parse("2027-09-15"), "中秋节")
				.containsEntry(LocalDate.parse("2027-10-03"), "国庆节")
				.hasSize(13);
			assertThat(StatutoryHolidays.of(2027)).allMatch(d -> d.kind() == CalendarDay.Kind.DAY_OFF);
		}

		@Test
		@DisplayName("S4 every year of 2000–2099 has 13 statutory days (12 dates when 中秋 falls on 1–3 October)")
		void S4_everyYearHasThirteenDays() {
			for (int year = StatutoryHolidays.FIRST_YEAR; year <= StatutoryHolidays.LAST_YEAR; year++) {
				List<CalendarDay> days = StatutoryHolidays.of(year);
				boolean shared = days.stream().anyMatch(d -> d.nameZh().equals("国庆节、中秋节"));
				assertThat(days).as("%d", year).hasSize(shared ? 12 : 13);
				int y = year;
				assertThat(days).as("%d", year).allMatch(d -> d.date().getYear() == y);
			}
			// 2020: 中秋 fell on National Day
			assertThat(holidays(2020)).containsEntry(LocalDate.parse("2020-10-01"), "国庆节、中秋节");
		}

		@Test
		@DisplayName("S4 outside 2000–2099 no holidays are computed")
		void S4_outsideTheCentury() {
			assertThat(StatutoryHolidays.of(1999)).isEmpty();
			assertThat(StatutoryHolidays.of(2100)).isEmpty();
		}
	}

	@Nested
	@DisplayName("S4 清明")
	class Qingming {

		@Test
		@DisplayName("S4 清明 by the formula on known dates")
		void S4_knownDates() {
			assertThat(StatutoryHolidays.qingming(2024)).isEqualTo("2024-04-04");
			assertThat(StatutoryHolidays.qingming(2025)).isEqualTo("2025-04-04");
			assertThat(StatutoryHolidays.qingming(2026)).isEqualTo("2026-04-05");
			assertThat(StatutoryHolidays.qingming(2027)).isEqualTo("2027-04-05");
		}

		/**
		 * Cross-checks the formula with ICU's astronomy (an internal ICU class, used in this test
		 * only). 2071 is left out: the term falls within minutes of midnight, closer than either
		 * method is precise.
		 */
		@Test
		@DisplayName("S4 清明 by the formula agrees with the sun's longitude of 15° in Beijing time, 2000–2099")
		void S4_agreesWithAstronomy() {
			for (int year = 2000; year <= 2099; year++) {
				if (year == 2071) {
					continue;
				}
				long march = LocalDate.of(year, 3, 25).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
				long term = new CalendarAstronomer(march).getSunTime(Math.PI / 12, true);
				LocalDate beijing = LocalDateTime.ofInstant(Instant.ofEpochMilli(term), ZoneOffset.ofHours(8)).toLocalDate();
				assertThat(StatutoryHolidays.qingming(year)).as("%d", year).isEqualTo(beijing);
			}
		}
	}

	@Nested
	@DisplayName("S4 new moons")
	class NewMoons {

		@Test
		@DisplayName("S4 Meeus's worked example 49.a: the new moon of February 1977")
		void S4_meeusExample() {
			assertThat(NewMoon.julianEphemerisDay(-283)).isCloseTo(2443192.65118, org.assertj.core.data.Offset.offset(0.00001));
		}

		@Test
		@DisplayName("S4 a new moon close to midnight in Beijing starts the month on the right day, where ICU is a day off")
		void S4_newMoonNearMidnight() {
			// 2027: new moon 23:56 on 6 February in Beijing; ICU alone says the 7th
			assertThat(holidays(2027)).containsEntry(LocalDate.parse("2027-02-06"), "春节");
			// 2030: 初一 is Sunday 3 February; ICU alone says the 2nd
			assertThat(holidays(2030)).containsEntry(LocalDate.parse("2030-02-02"), "春节（除夕）")
				.containsEntry(LocalDate.parse("2030-02-03"), "春节");
		}
	}
}
