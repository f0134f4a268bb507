package org.unigov.registry.internal;

import java.util.Locale;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * System names as people mean them: names that differ only in whitespace — non-breaking spaces
 * (U+00A0), full-width spaces (U+3000), doubled spaces, zero-width characters, leading or trailing
 * blanks, a space typed between Chinese characters — are one name. Names are stored in their
 * {@link #clean} form; uniqueness, the import's "already registered" check and the duplicate
 * finder compare {@link #key}s.
 */
public final class SystemNames {

	/** Every kind of blank a spreadsheet or a web form brings in, as one run. */
	private static final Pattern BLANKS = Pattern
		.compile("[\\s\\u00A0\\u1680\\u180E\\u2000-\\u200D\\u2028\\u2029\\u202F\\u205F\\u2060\\u3000\\uFEFF]+");

	/** Chinese, Japanese and Korean characters, CJK punctuation and full-width forms. */
	private static final String WIDE = "[\\u2E80-\\u9FFF\\uF900-\\uFAFF\\uFE30-\\uFE4F\\uFF00-\\uFFEF]";

	/** A space next to a wide character: Chinese text has no spaces between words. */
	private static final Pattern SPACE_BESIDE_WIDE = Pattern.compile(" (?=" + WIDE + ")|(?<=" + WIDE + ") ");

	private SystemNames() {
	}

	/** The name as stored: blanks collapsed to one space, none at the ends or beside Chinese characters. */
	public static String clean(@Nullable String name) {
		if (name == null) {
			return "";
		}
		String collapsed = BLANKS.matcher(name).replaceAll(" ").strip();
		return SPACE_BESIDE_WIDE.matcher(collapsed).replaceAll("");
	}

	/** What two names are compared by: the clean form, case-insensitive. */
	public static String key(@Nullable String name) {
		return clean(name).toLowerCase(Locale.ROOT);
	}
}
