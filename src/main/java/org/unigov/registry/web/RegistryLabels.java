package org.unigov.registry.web;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import org.unigov.registry.Taxonomy;
import org.unigov.registry.internal.ImportColumn;

/** What registry templates show: capability names in the page's language, and amounts of money. */
public final class RegistryLabels {

	private final Taxonomy taxonomy;

	RegistryLabels(Taxonomy taxonomy) {
		this.taxonomy = taxonomy;
	}

	public String capability(String code, Locale locale) {
		return this.taxonomy.name(code, locale);
	}

	public String capabilities(List<String> codes, Locale locale) {
		return codes.stream()
			.map(c -> this.taxonomy.name(c, locale))
			.collect(Collectors.joining("zh".equals(locale.getLanguage()) ? "、" : ", "));
	}

	/** An import column's header in the page's language (problems name the Chinese header). */
	public String column(String header, Locale locale) {
		return ImportColumn.of(header).map(c -> c.header(locale)).orElse(header);
	}

	/** Fen as yuan for people: {@code ¥1,250,000.50}, exactly (no floating point). */
	public String yuan(long fen) {
		return String.format(Locale.ROOT, "¥%,.2f", BigDecimal.valueOf(fen, 2));
	}
}
