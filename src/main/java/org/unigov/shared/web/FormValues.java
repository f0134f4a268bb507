package org.unigov.shared.web;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.unigov.shared.problem.CommonError;
import org.unigov.shared.problem.FieldProblem;
import org.unigov.shared.problem.UnigovException;

/**
 * Reading what an HTML form posted: every field arrives as a string, blank means "not given", and
 * a value that does not parse is reported against its field rather than thrown as a server error.
 */
public final class FormValues {

	private FormValues() {
	}

	/** The value without surrounding blanks, or null when nothing was entered. */
	public static @Nullable String trimmed(@Nullable String value) {
		return value == null || value.isBlank() ? null : value.strip();
	}

	/** A YYYY-MM-DD date, null when blank; a problem for {@code field} when it does not parse. */
	public static @Nullable LocalDate date(@Nullable String value, String field, List<FieldProblem> problems) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return LocalDate.parse(value.strip());
		}
		catch (DateTimeParseException ex) {
			problems.add(new FieldProblem(field, "invalid_date", "Enter the date as YYYY-MM-DD."));
			return null;
		}
	}

	/** A YYYY-MM-DD date, null when blank; 400 {@code invalid_parameter} when it does not parse. */
	public static @Nullable LocalDate date(@Nullable String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return LocalDate.parse(value.strip());
		}
		catch (DateTimeParseException ex) {
			throw new UnigovException(CommonError.INVALID_PARAMETER, "Enter the date as YYYY-MM-DD.");
		}
	}

	/** A whole number, null when blank; 400 {@code invalid_parameter} when it is not one. */
	public static @Nullable Integer integer(@Nullable String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return Integer.valueOf(value.strip());
		}
		catch (NumberFormatException ex) {
			throw new UnigovException(CommonError.INVALID_PARAMETER, "\"" + value + "\" is not a whole number.");
		}
	}
}
