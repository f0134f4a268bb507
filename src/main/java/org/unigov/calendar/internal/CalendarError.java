package org.unigov.calendar.internal;

import org.springframework.http.HttpStatus;
import org.unigov.shared.problem.ErrorCode;

/** Why the calendar refused a request. */
public enum CalendarError implements ErrorCode {

	YEAR_NOT_FOUND("calendar_year_not_found", HttpStatus.NOT_FOUND),
	INVALID_CALENDAR("invalid_calendar", HttpStatus.UNPROCESSABLE_CONTENT);

	private final Spec spec;

	/** Every calendar error is about the working-day rule. */
	CalendarError(String code, HttpStatus status) {
		this.spec = new Spec(code, status, "S4");
	}

	@Override
	public Spec spec() {
		return this.spec;
	}
}
