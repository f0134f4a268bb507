package org.unigov.organization.web;

import org.jspecify.annotations.Nullable;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;
import org.unigov.organization.AgencyId;
import org.unigov.organization.OrganizationDirectory;

/**
 * A division's name in the page's language for a GB/T 2260 code, so tables of any module show
 * "雁塔区" rather than "610113". Used by templates as {@code @divisionNames}.
 */
@Component("divisionNames")
public class DivisionNames {

	private final OrganizationDirectory directory;

	DivisionNames(OrganizationDirectory directory) {
		this.directory = directory;
	}

	/** The division's name, or the code itself when there is no such division. */
	public String name(@Nullable String code) {
		if (code == null) {
			return "";
		}
		return this.directory.division(code).map(d -> d.name(LocaleContextHolder.getLocale())).orElse(code);
	}

	/** An agency's name in the page's language, or {@code null} when there is no such agency. */
	public @Nullable String agency(java.util.@Nullable UUID id) {
		if (id == null) {
			return null;
		}
		return this.directory.agency(new AgencyId(id))
			.map(a -> a.name(LocaleContextHolder.getLocale()))
			.orElse(null);
	}
}
