package org.unigov.registry.similarity;

import java.util.Set;

import org.unigov.registry.similarity.SimilarityIndex.Entry;

/** A system as analysed for comparison: its name words, all its words, its document ordinal. */
record Profile(Entry entry, Set<String> nameTerms, Set<String> allTerms, long ordinal) {
}
