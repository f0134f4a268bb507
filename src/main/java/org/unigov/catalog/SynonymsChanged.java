package org.unigov.catalog;

/** The search synonym list was replaced; searches pick up the new list once this commits. */
public record SynonymsChanged(int rules) {
}
