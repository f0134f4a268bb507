package org.unigov.calendar;

import org.springframework.http.HttpStatus;
import org.unigov.shared.problem.ErrorCode;

/** Why the calendar refused a request. */
public enum CalendarError implements ErrorCode {

	YEAR_NOT_FOUND("calendar_year_not_found", HttpStatus.NOT_FOUND),
	INVALID_CALENDAR("invalid_calendar", HttpStatus.UNPROCESSABLE_CONTENT);

	private final String code;

	private final HttpStatus status;

	CalendarError(String code, HttpStatus status) {
		this.code = code;
		this.status = status;
	}

	@Override
	public String code() {
		return this.code;
	}

	@Override
	public HttpStatus status() {
		return this.status;
	}

	@Override
	public String ruleId() {
		return "S4";
	}
}
