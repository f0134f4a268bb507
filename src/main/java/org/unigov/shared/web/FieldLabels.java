package org.unigov.shared.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * The label people read for a field key a problem names ({@code legalBasis},
 * {@code budgetLines[0].amountFen}): the form's own label from the message bundles, with the row
 * of a list field ("预算明细 第 1 行 · 金额"). Pages show the label and keep the key only as a small
 * code beside it; {@code null} when some part of the key has no label. Used by templates as
 * {@code @fieldLabels}.
 */
@Component("fieldLabels")
public class FieldLabels {

	/** Where the bundles keep field labels, tried in order after the shared {@code fieldLabel.} keys. */
	private static final List<String> PREFIXES = List.of("fieldLabel.", "projects.field.", "sharing.field.",
			"catalog.field.", "registry.field.", "exchange.field.", "org.field.", "staff.field.", "history.field.");

	/** Template folders whose labels live under another prefix. */
	private static final Map<String, String> MODULES = Map.of("organization", "org", "identity", "staff");

	private static final Pattern SEGMENT = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)(?:\\[(\\d+)])?");

	private final MessageSource messages;

	FieldLabels(MessageSource messages) {
		this.messages = messages;
	}

	/** The label of a field key in the page's language, or {@code null} when there is none. */
	public @Nullable String label(@Nullable Object field) {
		return label(field, null);
	}

	/**
	 * The label of a field key on a page: {@code template} (the page's template name, e.g.
	 * {@code registry/form}) says whose labels to try first, so {@code name} is a system's name on a
	 * registry page and a project's on a project page.
	 */
	public @Nullable String label(@Nullable Object field, @Nullable String template) {
		if (field == null || field.toString().isBlank()) {
			return null;
		}
		Locale locale = LocaleContextHolder.getLocale();
		String module = template == null || template.indexOf('/') < 0 ? null : template.substring(0, template.indexOf('/'));
		String key = field.toString();
		List<String> parts = new ArrayList<>();
		StringBuilder path = new StringBuilder();
		for (String segment : key.split("\\.")) {
			Matcher m = SEGMENT.matcher(segment);
			if (!m.matches()) {
				return null;
			}
			path.append(path.isEmpty() ? "" : ".").append(m.group(1));
			// a nested key may have a label of its own (budgetLines.amountFen), else its name's
			String label = path.indexOf(".") > 0 ? find(path.toString(), locale) : null;
			if (label == null && module != null) {
				label = this.messages.getMessage(MODULES.getOrDefault(module, module) + ".field." + m.group(1), null, null,
						locale);
			}
			if (label == null) {
				label = find(m.group(1), locale);
			}
			if (label == null) {
				return null;
			}
			if (m.group(2) != null) {
				int row = Integer.parseInt(m.group(2)) + 1;
				label = label + this.messages.getMessage("fieldLabel.row", new Object[] { String.valueOf(row) },
						" #" + row, locale);
			}
			parts.add(label);
		}
		return String.join(" · ", parts);
	}

	/** The label for one name (no dots, no index), from the first bundle prefix that has it. */
	public @Nullable String find(String name, Locale locale) {
		for (String prefix : PREFIXES) {
			String label = this.messages.getMessage(prefix + name, null, null, locale);
			if (label != null) {
				return label;
			}
		}
		return null;
	}
}
