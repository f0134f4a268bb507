package org.unigov.calendar;

import java.time.LocalDate;
import java.util.Locale;

/**
 * A day that departs from the Monday–Friday rule: a day off on a weekday (or a listed weekend day
 * of a holiday), or a make-up working day (调休) on a weekend.
 */
public record CalendarDay(LocalDate date, Kind kind, String nameZh, String nameEn) {

	public enum Kind {

		DAY_OFF("day-off"), WORKING("working");

		private final String code;

		Kind(String code) {
			this.code = code;
		}

		public String code() {
			return this.code;
		}

		public static Kind of(String code) {
			for (Kind kind : values()) {
				if (kind.code.equals(code)) {
					return kind;
				}
			}
			throw new IllegalArgumentException("Unknown day kind " + code);
		}
	}

	public String name(Locale locale) {
		return "zh".equals(locale.getLanguage()) ? this.nameZh : this.nameEn;
	}
}
