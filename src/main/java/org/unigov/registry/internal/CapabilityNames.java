package org.unigov.registry.internal;

import java.util.Locale;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.unigov.registry.Taxonomy;
import org.unigov.shared.CodeNames;

/** Capability names for capability codes wherever another module shows one (the audit history). */
@Component
class CapabilityNames implements CodeNames {

	private static final Set<String> KEYS = Set.of("capabilities", "capability");

	private final Taxonomy taxonomy;

	CapabilityNames(Taxonomy taxonomy) {
		this.taxonomy = taxonomy;
	}

	@Override
	public @Nullable String name(String key, String code, Locale locale) {
		return KEYS.contains(key) ? this.taxonomy.capability(code).map(c -> c.name(locale)).orElse(null) : null;
	}
}
