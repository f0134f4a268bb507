package org.unigov.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.unigov.SignIn;
import org.unigov.UnigovTest;
import org.unigov.calendar.internal.CalendarDay;

/**
 * S4: deadlines count working days on the official calendar shipped as data, with make-up working
 * days on weekends and holidays on weekdays, checked on real 2026 dates.
 */
@UnigovTest
class WorkingCalendarIntegrationTests {

	@Autowired
	WorkingCalendar calendar;

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	static LocalDate day(String iso) {
		return LocalDate.parse(iso);
	}

	@Nested
	@DisplayName("S4 working days")
	class WorkingDays {

		@Test
		@DisplayName("S4 make-up Saturdays are working days, holiday weekdays are not")
		void makeUpDaysAndHolidays() {
			assertThat(calendar.isWorkingDay(day("2026-02-14"))).as("Sat, Spring Festival make-up").isTrue();
			assertThat(calendar.isWorkingDay(day("2026-02-28"))).as("Sat, Spring Festival make-up").isTrue();
			assertThat(calendar.isWorkingDay(day("2026-01-04"))).as("Sun, New Year make-up").isTrue();
			assertThat(calendar.isWorkingDay(day("2026-02-16"))).as("Mon in the Spring Festival").isFalse();
			assertThat(calendar.isWorkingDay(day("2026-10-08"))).as("Thu after National Day").isTrue();
			assertThat(calendar.isWorkingDay(day("2026-10-07"))).as("Wed, National Day").isFalse();
			assertThat(calendar.isWorkingDay(day("2026-09-25"))).as("Fri, Mid-Autumn").isFalse();
			assertThat(calendar.isWorkingDay(day("2026-03-07"))).as("an ordinary Saturday").isFalse();
			assertThat(calendar.isWorkingDay(day("2025-01-26"))).as("Sun, 2025 Spring Festival make-up").isTrue();
			assertThat(calendar.isWorkingDay(day("2025-10-08"))).as("2025 National Day").isFalse();
		}

		@Test
		@DisplayName("S4 a request filed on the last working day before the Spring Festival is due 10 working days later, after the holiday")
		void springFestival() {
			// Sat 14 Feb 2026 is the make-up working day right before the holiday (15-23 Feb)
			assertThat(calendar.addWorkingDays(day("2026-02-14"), 10)).isEqualTo(new Deadline(day("2026-03-06"), false));
			// filed on Fri 13 Feb, the make-up Saturday counts as day 1
			assertThat(calendar.addWorkingDays(day("2026-02-13"), 10).due()).isEqualTo(day("2026-03-05"));
			// unconditional: one working day, the first after the holiday
			assertThat(calendar.addWorkingDays(day("2026-02-14"), 1).due()).isEqualTo(day("2026-02-24"));
		}

		@Test
		@DisplayName("S4 an extension of 10 working days crossing Mid-Autumn and National Day")
		void nationalDayExtension() {
			// filed Thu 17 Sep 2026: Sun 20 Sep is a make-up day, 25 Sep and 1-7 Oct are off
			assertThat(calendar.addWorkingDays(day("2026-09-17"), 10).due()).isEqualTo(day("2026-10-08"));
			// extended once by 10: Sat 10 Oct is a make-up day
			assertThat(calendar.addWorkingDays(day("2026-09-17"), 20).due()).isEqualTo(day("2026-10-21"));
		}

		@Test
		@DisplayName("S4 working days between two dates, both ways")
		void between() {
			assertThat(calendar.workingDaysBetween(day("2026-02-13"), day("2026-03-05"))).isEqualTo(10);
			assertThat(calendar.workingDaysBetween(day("2026-03-05"), day("2026-02-13"))).isEqualTo(-10);
			assertThat(calendar.workingDaysBetween(day("2026-03-05"), day("2026-03-05"))).isZero();
		}

		@Test
		@DisplayName("S4 a deadline that reaches a year without a calendar is provisional")
		void provisional() {
			Deadline deadline = calendar.addWorkingDays(day("2026-12-24"), 10);
			assertThat(deadline.provisional()).isTrue();
			// 2027 has no official notice yet: 25, 28, 29, 30, 31 Dec, then (1 Jan is 元旦) 4, 5, 6, 7, 8 Jan
			assertThat(deadline.due()).isEqualTo(day("2027-01-08"));
			assertThat(calendar.addWorkingDays(day("2026-11-02"), 10).provisional()).isFalse();
		}
	}

	@Nested
	@DisplayName("S4 editing the calendar")
	class Editing {

		@Test
		@DisplayName("S4 a platform admin adds a year; it is audited and counts at once")
		void adminAddsYear() throws Exception {
			MockHttpSession admin = SignIn.as(mvc, "admin");
			mvc.perform(put("/api/v1/calendar/years/2030").session(admin).with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.content("""
						{"source": "国务院办公厅关于2030年部分节假日安排的通知", "days": [
						  {"date": "2030-01-01", "kind": "day-off", "nameZh": "元旦", "nameEn": "New Year's Day"},
						  {"date": "2030-01-05", "kind": "working", "nameZh": "调休上班", "nameEn": "Make-up working day"}]}"""))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.days.length()").value(2));
			assertThat(calendar.covers(2030)).isTrue();
			assertThat(calendar.isWorkingDay(day("2030-01-01"))).isFalse();
			assertThat(calendar.isWorkingDay(day("2030-01-05"))).isTrue();
			assertThat(jdbc.sql("select count(*) from audit_entry where action = 'calendar.year.added' and subject_id = '2030'")
				.query(Long.class).single()).isEqualTo(1);
			mvc.perform(get("/api/v1/calendar/deadline").param("start", "2030-01-04").param("workingDays", "1").session(admin))
				.andExpect(jsonPath("$.due").value("2030-01-05"))
				.andExpect(jsonPath("$.provisional").value(false));
			// replacing a year names the version it replaces
			mvc.perform(put("/api/v1/calendar/years/2030").session(admin).with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"source\": \"重发\", \"days\": []}"))
				.andExpect(status().isConflict())
				.andExpect(jsonPath("$.code").value("stale_version"));
		}

		@Test
		@DisplayName("S4 a weekday cannot be a make-up day and dates must lie in the year")
		void invalidDays() throws Exception {
			MockHttpSession admin = SignIn.as(mvc, "admin");
			mvc.perform(put("/api/v1/calendar/years/2031").session(admin).with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.content("""
						{"source": "notice", "days": [
						  {"date": "2031-01-06", "kind": "working", "nameZh": "调休", "nameEn": "Make-up"},
						  {"date": "2032-01-01", "kind": "day-off", "nameZh": "元旦", "nameEn": "New Year"}]}"""))
				.andExpect(status().isUnprocessableContent())
				.andExpect(jsonPath("$.code").value("invalid_calendar"))
				.andExpect(jsonPath("$.rule").value("S4"))
				.andExpect(jsonPath("$.problems.length()").value(2));
			assertThat(calendar.covers(2031)).isFalse();
		}

		@Test
		@DisplayName("S4 only a platform admin edits the calendar")
		void othersMayNot() throws Exception {
			mvc.perform(put("/api/v1/calendar/years/2032").session(SignIn.as(mvc, "sn-coord")).with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"source\": \"x\", \"days\": []}"))
				.andExpect(status().isForbidden());
			mvc.perform(get("/api/v1/calendar/years/2026").session(SignIn.as(mvc, "sn-coord")))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.days.length()").value(33 + 6));
		}
	}

	@Nested
	@DisplayName("S4 years without an official notice")
	class ProvisionalYears {

		@Test
		@DisplayName("S4 until its notice is entered, a year keeps the statutory holidays off, provisionally")
		void S4_unpublishedYearKeepsStatutoryHolidaysOff() {
			assertThat(calendar.covers(2027)).as("no official 2027 schedule ships").isFalse();
			assertThat(calendar.isWorkingDay(day("2027-01-01"))).as("Fri, 元旦").isFalse();
			assertThat(calendar.isWorkingDay(day("2027-02-05"))).as("Fri, 除夕").isFalse();
			assertThat(calendar.isWorkingDay(day("2027-02-08"))).as("Mon, 初三").isFalse();
			assertThat(calendar.isWorkingDay(day("2027-02-09"))).as("Tue, 初四 is no statutory holiday").isTrue();
			assertThat(calendar.isWorkingDay(day("2027-04-05"))).as("Mon, 清明").isFalse();
			assertThat(calendar.isWorkingDay(day("2027-05-03"))).as("Mon, after the two statutory May days").isTrue();
			assertThat(calendar.isWorkingDay(day("2027-06-09"))).as("Wed, 端午").isFalse();
			assertThat(calendar.isWorkingDay(day("2027-09-15"))).as("Wed, 中秋").isFalse();
			assertThat(calendar.isWorkingDay(day("2027-10-01"))).as("Fri, 国庆").isFalse();
			assertThat(calendar.isWorkingDay(day("2027-10-04"))).as("Mon, after the three statutory days").isTrue();
			assertThat(calendar.special(day("2027-01-01"))).get()
				.extracting(CalendarDay::nameZh, CalendarDay::kind)
				.containsExactly("元旦", CalendarDay.Kind.DAY_OFF);
			// a delivery of 20 working days approved on Fri 22 Jan 2027 skips 除夕 and 初三
			assertThat(calendar.addWorkingDays(day("2027-01-22"), 20)).isEqualTo(new Deadline(day("2027-02-23"), true));
		}

		@Test
		@DisplayName("S4 from 1 November the platform admin is told on the home page that next year's notice is missing")
		void S4_adminIsWarnedOfMissingNextYear() throws Exception {
			LocalDate today = calendar.today();
			int next = today.getYear() + 1;
			boolean due = today.getMonthValue() >= 11 && !calendar.covers(next);
			MockHttpSession admin = SignIn.as(mvc, "admin");
			mvc.perform(get("/").session(admin))
				.andExpect(status().isOk())
				.andExpect(content().string(due ? Matchers.containsString("id=\"calendar-notice\"")
						: Matchers.not(Matchers.containsString("id=\"calendar-notice\""))));
			mvc.perform(get("/calendar").session(admin))
				.andExpect(status().isOk())
				.andExpect(content().string(due ? Matchers.containsString("id=\"calendar-notice\"")
						: Matchers.not(Matchers.containsString("id=\"calendar-notice\""))));
			if (due) {
				mvc.perform(get("/").session(admin).param("lang", "en"))
					.andExpect(content().string(Matchers.containsString("official holiday schedule for " + next)));
			}
			mvc.perform(get("/").session(SignIn.as(mvc, "sn-coord")))
				.andExpect(status().isOk())
				.andExpect(content().string(Matchers.not(Matchers.containsString("id=\"calendar-notice\""))));
		}

		@Test
		@DisplayName("S4 beyond 2099 no holidays are computed: Monday to Friday, provisional; absurd dates are refused")
		void S4_beyondTheCentury() throws Exception {
			// Fri 1 Jan 2150 is no computed holiday
			assertThat(calendar.addWorkingDays(day("2149-12-31"), 1)).isEqualTo(new Deadline(day("2150-01-01"), true));
			mvc.perform(get("/api/v1/calendar/deadline").param("start", "9999-12-31").param("workingDays", "1")
				.session(SignIn.as(mvc, "admin")))
				.andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.code").value("invalid_parameter"));
		}

		@Test
		@DisplayName("S4 the reminder starts on 1 November and only while next year's notice is missing")
		void S4_reminderStartsOnFirstNovember() {
			assertThat(calendar.yearAwaitingNotice(day("2026-10-31"))).isEmpty();
			assertThat(calendar.yearAwaitingNotice(day("2026-11-01"))).contains(2027);
			assertThat(calendar.yearAwaitingNotice(day("2026-12-31"))).contains(2027);
			assertThat(calendar.yearAwaitingNotice(day("2025-11-01"))).as("2026 is entered").isEmpty();
		}

		@Test
		@DisplayName("S4 the calendar page lists a year's provisional statutory holidays until its notice is entered")
		void S4_calendarPageShowsProvisionalDays() throws Exception {
			mvc.perform(get("/calendar").param("year", "2027").session(SignIn.as(mvc, "sn-coord")))
				.andExpect(status().isOk())
				.andExpect(content().string(Matchers.containsString("id=\"provisional-year\"")))
				.andExpect(content().string(Matchers.containsString("2027 年法定节假日")))
				.andExpect(content().string(Matchers.containsString("春节（除夕）")))
				.andExpect(content().string(Matchers.containsString("<option value=\"2027\" selected=\"selected\">")));
		}
	}

	@Nested
	@DisplayName("S4 the calendar over JSON")
	class Json {

		@Test
		@DisplayName("S4 a year read with GET is accepted unchanged by PUT")
		void S4_getBodyRoundTripsThroughPut() throws Exception {
			MockHttpSession admin = SignIn.as(mvc, "admin");
			mvc.perform(put("/api/v1/calendar/years/2033").session(admin).with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.content("""
						{"source": "国务院办公厅关于2033年部分节假日安排的通知", "days": [
						  {"date": "2033-01-03", "kind": "day-off", "nameZh": "元旦", "nameEn": "New Year's Day"},
						  {"date": "2033-01-08", "kind": "working", "nameZh": "调休上班", "nameEn": "Make-up working day"}]}"""))
				.andExpect(status().isOk());
			String body = mvc.perform(get("/api/v1/calendar/years/2033").session(admin))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.days[0].kind").value("day-off"))
				.andExpect(jsonPath("$.days[1].kind").value("working"))
				.andReturn().getResponse().getContentAsString();
			mvc.perform(put("/api/v1/calendar/years/2033").session(admin).with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.content(body))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.days.length()").value(2))
				.andExpect(jsonPath("$.days[0].kind").value("day-off"));
			// the body names its year: it cannot be put to another one
			mvc.perform(put("/api/v1/calendar/years/2034").session(admin).with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.content(body))
				.andExpect(status().isUnprocessableContent())
				.andExpect(jsonPath("$.code").value("invalid_calendar"));
		}
	}
}
