package org.unigov.registry.web;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import org.unigov.registry.Taxonomy;

/** Capability names for templates, in the page's language. */
public final class CapabilityLabels {

	private final Taxonomy taxonomy;

	CapabilityLabels(Taxonomy taxonomy) {
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
}
