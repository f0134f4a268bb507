package org.unigov.shared;

/** Rules for spreadsheets the platform writes (registry export, project portfolio). */
public final class Spreadsheets {

	private Spreadsheets() {
	}

	/**
	 * Neutralises a text cell a spreadsheet would otherwise evaluate as a formula (CSV/formula
	 * injection): a leading {@code = + - @}, tab or carriage return gets a quote in front.
	 */
	public static String neutralise(String value) {
		if (value.isEmpty()) {
			return value;
		}
		char first = value.charAt(0);
		return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
				? "'" + value : value;
	}

}
