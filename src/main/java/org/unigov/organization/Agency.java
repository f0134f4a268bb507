package org.unigov.organization;

import java.util.Locale;

/** An agency (部门) of a division, identified by its unified social credit code. */
public record Agency(AgencyId id, String creditCode, String nameZh, String nameEn, String divisionCode,
		boolean active, long version) {

	public String name(Locale locale) {
		return "en".equals(locale.getLanguage()) && !this.nameEn.isBlank() ? this.nameEn : this.nameZh;
	}
}
