package org.unigov.catalog.search;

import java.util.List;

/**
 * One line of the search synonym list. Without {@code expandsTo} the words are equivalent: a
 * query for any of them also finds the others ({@code 社保, 社会保险}). With it, each word also
 * finds the targets but not the other way round ({@code 营业执照 => 市场主体登记}), so a general
 * word does not flood a precise one.
 */
public record SynonymRule(List<String> words, List<String> expandsTo) {

	public SynonymRule {
		words = List.copyOf(words);
		expandsTo = List.copyOf(expandsTo);
	}

	/** The rule as an editor writes it: words separated by commas, targets after {@code =>}. */
	public String line() {
		return this.expandsTo.isEmpty() ? String.join(", ", this.words)
				: String.join(", ", this.words) + " => " + String.join(", ", this.expandsTo);
	}
}
