package org.unigov.catalog;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Component;
import org.unigov.catalog.internal.Classifications;
import org.unigov.catalog.internal.Providers;
import org.unigov.catalog.search.CatalogSearch;
import org.unigov.catalog.search.EntryIndex;
import org.unigov.organization.Agency;
import org.unigov.organization.Division;
import org.unigov.organization.OrganizationDirectory;
import org.unigov.shared.Coded;

/** Names for codes on catalog pages: facet values, agencies, divisions, classifications, enumerated fields. */
@Component
public class CatalogLabels {

	private static final Map<String, Class<? extends Coded>> CODED = Map.of("sharingType", SharingType.class,
			"openAttribute", OpenAttribute.class, "format", DataFormat.class, "updateFrequency", UpdateFrequency.class,
			"grade", DataGrade.class);

	private final OrganizationDirectory organizations;

	private final Classifications classifications;

	private final Providers providers;

	CatalogLabels(OrganizationDirectory organizations, Classifications classifications, Providers providers) {
		this.organizations = organizations;
		this.classifications = classifications;
		this.providers = providers;
	}

	/** The label of a facet value in a dimension. */
	public String value(String dimension, String value, Locale locale) {
		return switch (dimension) {
			case "agency" -> agency(value, locale);
			case "division" -> division(value, locale);
			case "classification" -> classification(value, locale);
			default -> coded(dimension, value, locale);
		};
	}

	public String coded(String dimension, String code, Locale locale) {
		Class<? extends Coded> type = CODED.get(dimension);
		if (type == null) {
			return code;
		}
		for (Coded constant : type.getEnumConstants()) {
			if (constant.code().equals(code)) {
				return "zh".equals(locale.getLanguage()) ? constant.labelZh() : constant.labelEn();
			}
		}
		return code;
	}

	public String label(Coded value, Locale locale) {
		return "zh".equals(locale.getLanguage()) ? value.labelZh() : value.labelEn();
	}

	public String agency(String id, Locale locale) {
		try {
			Agency agency = this.providers.agency(UUID.fromString(id));
			return agency == null ? id : agency.name(locale);
		}
		catch (IllegalArgumentException ex) {
			return id;
		}
	}

	public String agency(UUID id, Locale locale) {
		return agency(id.toString(), locale);
	}

	/** Division names, read once a minute at most: a facet lists up to a hundred of them. */
	private volatile Map<String, Division> divisions = Map.of();

	private volatile long divisionsReadAt;

	public String division(String code, Locale locale) {
		if (System.currentTimeMillis() - this.divisionsReadAt > 60_000) {
			Map<String, Division> byCode = new HashMap<>();
			this.organizations.divisions().forEach(d -> byCode.put(d.code(), d));
			this.divisions = byCode;
			this.divisionsReadAt = System.currentTimeMillis();
		}
		Division division = this.divisions.get(code);
		return division == null ? code : division.name(locale);
	}

	public String classification(String code, Locale locale) {
		return this.classifications.all()
			.stream()
			.filter(c -> c.code().equals(code))
			.findFirst()
			.map(c -> c.name(locale))
			.orElse(code);
	}

	/** The hit's name in a page's language. */
	public String name(EntryIndex.IndexedEntry hit, Locale locale) {
		return !"zh".equals(locale.getLanguage()) && hit.nameEn() != null ? hit.nameEn() : hit.name();
	}

	public String summary(EntryIndex.IndexedEntry hit, Locale locale) {
		return !"zh".equals(locale.getLanguage()) && hit.summaryEn() != null ? hit.summaryEn() : hit.summary();
	}

	/**
	 * The language of a piece of entered text where it differs from a Chinese page's: text with no
	 * Chinese character but Latin letters (a name harvested from an English catalogue) is marked so
	 * screen readers read it in its own language (WCAG 3.1.2, language of parts). ASCII letters
	 * only are taken as English; other Latin text as undetermined ("und"); null where no mark is due.
	 */
	public @Nullable String textLang(@Nullable String text, Locale locale) {
		if (text == null || !"zh".equals(locale.getLanguage()) || text.codePoints().anyMatch(
				c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN) || text.chars().noneMatch(Character::isLetter)) {
			return null;
		}
		return text.chars().filter(Character::isLetter).allMatch(c -> c < 128) ? "en" : "und";
	}

	public String provider(EntryIndex.IndexedEntry hit, Locale locale) {
		return "zh".equals(locale.getLanguage()) ? hit.agencyNameZh() : hit.agencyNameEn();
	}

	/** Search results as a page for the shared pager. */
	public Page<EntryIndex.IndexedEntry> page(CatalogSearch.Results results) {
		return new PageImpl<>(results.hits(), PageRequest.of(results.page(), results.size()),
				Math.min(results.total(), EntryIndex.MAX_DEPTH));
	}
}
