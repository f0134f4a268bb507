package org.unigov.catalog.search;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.QueryBuilder;
import org.jspecify.annotations.Nullable;

/**
 * The text part of a catalog search. Each word of the query (split at spaces) must match, in one
 * of three ways: all its SmartChineseAnalyzer words in the Chinese text, all its English words in
 * the English text, or the word as a run of characters in the Chinese text, matched as a phrase of
 * overlapping character pairs (bigrams). The last finds place names without their suffix (西安 in
 * 西安市) and terms inside longer words (户籍 in 户籍人口) that the word segmenter splits differently,
 * while a phrase of pairs keeps the precision of an exact substring. Each word also matches as its
 * synonyms from the editable list (社保 as 社会保险), including where the word contains a listed term.
 * A match in the name ranks higher; an exact code matches too.
 */
final class TextQuery {

	/** Variants of one word beyond this are ignored: the synonym list should not explode a query. */
	private static final int MAX_VARIANTS = 16;

	private final Analyzer chinese;

	private final Analyzer english;

	private final Analyzer bigrams;

	private volatile Map<String, List<String>> synonyms = Map.of();

	TextQuery(Analyzer chinese, Analyzer english, Analyzer bigrams) {
		this.chinese = chinese;
		this.english = english;
		this.bigrams = bigrams;
	}

	/** Replaces the synonym list; the next search uses it. */
	void useSynonyms(List<SynonymRule> rules) {
		Map<String, Set<String>> alternatives = new HashMap<>();
		for (SynonymRule rule : rules) {
			for (String word : rule.words()) {
				Set<String> to = alternatives.computeIfAbsent(word, w -> new LinkedHashSet<>());
				if (rule.expandsTo().isEmpty()) {
					rule.words().stream().filter(other -> !other.equals(word)).forEach(to::add);
				}
				else {
					to.addAll(rule.expandsTo());
				}
			}
		}
		Map<String, List<String>> frozen = new HashMap<>();
		alternatives.forEach((word, to) -> frozen.put(word, List.copyOf(to)));
		this.synonyms = Map.copyOf(frozen);
	}

	Query build(String text) {
		BooleanQuery.Builder every = new BooleanQuery.Builder();
		BooleanQuery.Builder names = new BooleanQuery.Builder();
		boolean any = false;
		for (String word : text.split("\\s+")) {
			if (word.isEmpty()) {
				continue;
			}
			List<String> variants = variants(word);
			BooleanQuery.Builder oneOf = new BooleanQuery.Builder();
			for (String variant : variants) {
				add(oneOf, new QueryBuilder(this.chinese).createBooleanQuery("all", variant, Occur.MUST), 1f);
				add(oneOf, new QueryBuilder(this.english).createBooleanQuery("all_en", variant, Occur.MUST), 1f);
				add(oneOf, new QueryBuilder(this.bigrams).createPhraseQuery("all_bi", variant), 1f);
				add(names, new QueryBuilder(this.bigrams).createPhraseQuery("name_bi", variant), 3f);
			}
			every.add(oneOf.build(), Occur.MUST);
			any = true;
		}
		BooleanQuery.Builder matches = new BooleanQuery.Builder();
		if (any) {
			matches.add(every.build(), Occur.SHOULD);
		}
		matches.add(new BoostQuery(new TermQuery(new Term("code", text)), 10f), Occur.SHOULD);
		BooleanQuery.Builder scored = new BooleanQuery.Builder();
		scored.add(matches.build(), Occur.MUST);
		add(scored, new QueryBuilder(this.chinese).createBooleanQuery("name", text, Occur.SHOULD), 3f);
		add(scored, new QueryBuilder(this.english).createBooleanQuery("name_en", text, Occur.SHOULD), 3f);
		scored.add(names.build(), Occur.SHOULD);
		return scored.build();
	}

	/** The word, and the word with each listed term it contains replaced by that term's synonyms. */
	List<String> variants(String word) {
		Set<String> variants = new LinkedHashSet<>();
		variants.add(word);
		for (Map.Entry<String, List<String>> synonym : this.synonyms.entrySet()) {
			if (word.contains(synonym.getKey())) {
				for (String alternative : synonym.getValue()) {
					if (variants.size() < MAX_VARIANTS) {
						variants.add(word.replace(synonym.getKey(), alternative));
					}
				}
			}
		}
		return new ArrayList<>(variants);
	}

	private static void add(BooleanQuery.Builder builder, @Nullable Query query, float boost) {
		if (query != null) {
			builder.add(boost == 1f ? query : new BoostQuery(query, boost), Occur.SHOULD);
		}
	}
}
