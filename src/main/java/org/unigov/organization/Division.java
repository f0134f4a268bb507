package org.unigov.organization;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

/** An administrative division of GB/T 2260. Level 1 = province, 2 = city, 3 = county/district. */
public record Division(String code, String nameZh, String nameEn, @Nullable String parentCode, int level,
		long version) {

	public String name(Locale locale) {
		return "en".equals(locale.getLanguage()) && !this.nameEn.isBlank() ? this.nameEn : this.nameZh;
	}
}
