package org.unigov.shared;

import java.util.Locale;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * An enumerated field of a record (system, catalog entry, request): a stable lower-case code for the API and exports, and
 * the Chinese and English labels people use, all accepted on import.
 */
public interface Coded {

	/** The code and the two labels of one constant. */
	record Label(String code, String zh, String en) {
	}

	Label label();

	default String code() {
		return label().code();
	}

	default String labelZh() {
		return label().zh();
	}

	default String labelEn() {
		return label().en();
	}

	/** The constant whose code or either label is {@code text} (case and spaces ignored). */
	static <E extends Enum<E> & Coded> Optional<E> parse(Class<E> type, @Nullable String text) {
		if (text == null || text.isBlank()) {
			return Optional.empty();
		}
		String wanted = normalize(text);
		for (E value : type.getEnumConstants()) {
			if (normalize(value.code()).equals(wanted) || normalize(value.labelZh()).equals(wanted)
					|| normalize(value.labelEn()).equals(wanted) || normalize(value.name()).equals(wanted)) {
				return Optional.of(value);
			}
		}
		return Optional.empty();
	}

	private static String normalize(String text) {
		return text.strip().toLowerCase(Locale.ROOT).replace('_', '-').replace(" ", "");
	}
}
