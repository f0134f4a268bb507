package org.unigov.catalog.internal;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.unigov.catalog.ItemType;

/**
 * A standard data element (数据元): one definition of a piece of data that every department's
 * catalog items link to, so that "citizen ID" or "date of birth" means one thing province-wide.
 *
 * @param code the stable code, e.g. {@code citizen-id}
 * @param itemType the item type an item claiming this element must have
 * @param format how values are checked
 * @param pattern the regular expression, for the {@code pattern} format only
 * @param maxLength the longest value
 * @param standard the national standard the definition follows
 * @param builtin shipped with the platform (cannot be changed)
 */
public record DataElement(String code, String nameZh, String nameEn, String definitionZh, String definitionEn,
		ItemType itemType, ElementFormat format, @Nullable String pattern, int maxLength, String standard,
		boolean builtin) {

	public String name(Locale locale) {
		return "zh".equals(locale.getLanguage()) ? this.nameZh : this.nameEn;
	}

	public String definition(Locale locale) {
		return "zh".equals(locale.getLanguage()) ? this.definitionZh : this.definitionEn;
	}

	/** Why a value is not a valid value of this element, or empty when it is. */
	public Optional<String> check(@Nullable String value) {
		if (value == null || value.isEmpty()) {
			return Optional.of("is empty");
		}
		if (value.length() > this.maxLength) {
			return Optional.of("is longer than " + this.maxLength + " characters");
		}
		return this.format.problem(value, this.pattern == null ? null : Pattern.compile(this.pattern));
	}
}
