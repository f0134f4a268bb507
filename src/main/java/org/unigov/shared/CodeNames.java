package org.unigov.shared;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * Names for codes a module owns that are not enum constants (a capability code, say), so a page of
 * another module (the audit history) can show the name instead of the code without depending on
 * the owner. Each module that owns such codes provides one bean.
 */
public interface CodeNames {

	/**
	 * The name of {@code code} in {@code locale}, where {@code key} (the field that holds it, e.g.
	 * {@code capabilities}) is one of this module's; {@code null} otherwise.
	 */
	@Nullable String name(String key, String code, Locale locale);
}
