package org.unigov.calendar.internal;

import java.time.LocalDate;
import java.util.Locale;

import org.unigov.shared.Coded;

/**
 * A day that departs from the Monday–Friday rule: a day off on a weekday (or a listed weekend day
 * of a holiday), or a make-up working day (调休) on a weekend.
 */
public record CalendarDay(LocalDate date, Kind kind, String nameZh, String nameEn) {

	/**
	 * Travels as its lower-case code ({@code day-off}, {@code working}) in JSON, like every coded
	 * enumeration, so that a year read with GET can be PUT back as it is.
	 */
	public enum Kind implements Coded {

		DAY_OFF("day-off", "放假", "Day off"), WORKING("working", "调休上班", "Make-up working day");

		private final Label label;

		Kind(String code, String zh, String en) {
			this.label = new Label(code, zh, en);
		}

		@Override
		public Label label() {
			return this.label;
		}

		/** The kind whose code is exactly {@code code}; the line editor and the API accept codes only. */
		public static Kind of(String code) {
			for (Kind kind : values()) {
				if (kind.code().equals(code)) {
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
