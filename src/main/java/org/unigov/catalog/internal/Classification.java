package org.unigov.catalog.internal;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

/** A class (类) or item (项) of the resource classification. */
public record Classification(String code, @Nullable String parent, String nameZh, String nameEn) {

	public String name(Locale locale) {
		return "zh".equals(locale.getLanguage()) ? this.nameZh : this.nameEn;
	}
}
