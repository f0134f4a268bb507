package org.unigov.catalog;

import java.util.Locale;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Whether a text names a law, an administrative regulation or a State Council decision: the only
 * bases on which data may be withheld from sharing (C3) or a request refused on legal grounds
 * (S3). Departmental measures (办法) and rules do not count.
 */
public final class LegalBasis {

	/** 《…法》 or 《…条例》 (not 《…办法》), a law of the People's Republic, or the State Council. */
	private static final Pattern CHINESE = Pattern
		.compile("《[^》]*((?<!办)法|条例|决定)》|中华人民共和国[^，,。;；\\s]*(?<!办)法|国务院");

	private static final Pattern ENGLISH = Pattern.compile("\\b(law|act|regulations?|state council)\\b");

	private LegalBasis() {
	}

	public static boolean namesLaw(@Nullable String text) {
		if (text == null || text.isBlank()) {
			return false;
		}
		return CHINESE.matcher(text).find() || ENGLISH.matcher(text.toLowerCase(Locale.ROOT)).find();
	}
}
