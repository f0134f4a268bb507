package org.unigov.registry.similarity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.lucene.analysis.core.WhitespaceAnalyzer;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopScoreDocCollectorManager;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.jspecify.annotations.Nullable;

/**
 * The duplicate finder's index: every registered system that is not retired, searchable by its
 * words and capabilities, scored against a draft by text, capability overlap and place in the
 * division hierarchy.
 * <p>
 * Lucene (BM25 over the words from {@link TextTerms}, plus capability terms) picks the candidates;
 * each candidate is then scored in 0..1:
 * {@code score = 0.50 × text + 0.25 × capabilities + 0.25 × hierarchy × functional}, where {@code text} is an
 * IDF-weighted cosine of the word sets (name and aliases weigh in separately), {@code capabilities}
 * a Dice coefficient in which related codes count half, and {@code hierarchy} 1 for the same
 * division, parent or child, 0.9 for other ancestors, descendants and sibling districts, 0.2 for
 * sibling cities and 0.1 elsewhere in the province — except that systems sharing a capability the
 * province builds once (unified identity, e-licences, the 12345 hotline …) count 0.9 anywhere in
 * the province; {@code functional = min(1, max(text, capabilities × min(1, text / 0.15)) / 0.5)}
 * lets place matter only between systems that do similar things, and a capability code counts as
 * such evidence only with words in common: a shared code alone scores at most 0.25. docs/registry.md explains the weights and how they were chosen on the evaluation
 * set. The index lives in memory and is safe for concurrent readers and writers.
 */
public final class SimilarityIndex implements AutoCloseable {

	/**
	 * Capabilities a province builds once for everyone (省级统建): two such systems anywhere in the
	 * province duplicate each other, whereas for local functions (a city's operation centre, its
	 * grid management) only systems in the same city's tree do. The taxonomy's
	 * {@code province_wide} flag holds the live set; this is its default.
	 */
	public static final Set<String> DEFAULT_PROVINCE_WIDE = Set.of("unified-identity", "data-sharing-exchange",
			"data-catalog", "e-licence", "e-seal", "unified-payment", "hotline-12345", "credit", "budget-finance",
			"mobile-service", "service-acceptance", "approval", "population-base", "legal-entity-base",
			"social-insurance", "medical-insurance");

	private volatile Set<String> provinceWide = DEFAULT_PROVINCE_WIDE;

	/**
	 * Sets the place names (division names) that text comparison ignores. Call it before loading:
	 * entries already indexed keep the words they were indexed with.
	 */
	public void places(Set<String> divisionNames) {
		Set<String> names = new HashSet<>();
		for (String name : divisionNames) {
			String n = name.strip();
			if (n.length() >= 2) {
				names.add(n);
				String stem = n.replaceAll("(省|市|自治州|地区|盟|区|县|自治县|旗)$", "");
				if (stem.length() >= 2) {
					names.add(stem);
				}
			}
		}
		this.text.places(names);
	}

	/** Sets the capabilities built once per province. */
	public void provinceWide(Set<String> capabilities) {
		this.provinceWide = Set.copyOf(capabilities);
	}

	/** A system as the index knows it. */
	public record Entry(String id, String name, List<String> aliases, String summary, Set<String> capabilities,
			String divisionCode, boolean sharedPlatform) {
	}

	/** What is compared against the index: a proposed system, or an existing one. */
	public record Draft(String name, String summary, Set<String> capabilities, String divisionCode,
			@Nullable String excludeId) {
	}

	/** Where a matched system sits relative to the draft's division. */
	public enum Relation {

		SAME_DIVISION(1.0), PARENT(1.0), CHILD(1.0), ANCESTOR(0.9), DESCENDANT(0.9), SIBLING(0.9),
		SIBLING_CITY(0.2), SAME_PROVINCE(0.1), OTHER(0);

		final double weight;

		Relation(double weight) {
			this.weight = weight;
		}
	}

	/** One ranked result with the evidence for its score. */
	public record Match(Entry entry, double score, List<String> sharedCapabilities, List<String> matchingWords,
			Relation relation) {
	}

	/** A group of systems that duplicate one another, with the average score that tied them. */
	public record Cluster(List<Entry> members, List<String> commonCapabilities, double averageScore) {
	}

	private final TextTerms text = new TextTerms();

	private final ByteBuffersDirectory directory = new ByteBuffersDirectory();

	private final IndexWriter writer;

	private final SearcherManager searchers;

	private final Map<String, Profile> profiles = new ConcurrentHashMap<>();

	/** Each indexed document carries its profile's ordinal as a doc value: cheaper than stored ids. */
	private final Map<Long, Profile> byOrdinal = new ConcurrentHashMap<>();

	private final Map<String, Profile> shared = new ConcurrentHashMap<>();

	private final AtomicLong ordinals = new AtomicLong();

	private final Map<String, Integer> documentFrequency = new ConcurrentHashMap<>();

	private final Scorer scorer = new Scorer(this.documentFrequency, this.profiles::size, () -> this.provinceWide);

	public SimilarityIndex() {
		try {
			this.writer = new IndexWriter(this.directory,
					new IndexWriterConfig(new WhitespaceAnalyzer()).setRAMBufferSizeMB(64));
			this.searchers = new SearcherManager(this.writer, null);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public int size() {
		return this.profiles.size();
	}

	/** The systems marked as shared platforms (few; kept apart so that reuse advice is cheap). */
	public List<Entry> sharedPlatforms() {
		return this.shared.values().stream().map(Profile::entry).toList();
	}

	/** How many indexed systems lie under a division-code prefix. */
	public int count(String divisionPrefix) {
		return (int) this.profiles.values().stream().filter(p -> p.entry().divisionCode().startsWith(divisionPrefix)).count();
	}

	/**
	 * Adds or replaces entries; they are searchable when this returns. Writers are serialised, so
	 * that the maps and the Lucene index always agree; readers never wait.
	 */
	public synchronized void putAll(Collection<Entry> entries) {
		List<Profile> analyzed = entries.size() > 100 ? entries.parallelStream().map(this::profile).toList()
				: entries.stream().map(this::profile).toList();
		try {
			List<Long> replaced = new ArrayList<>();
			for (Profile profile : analyzed) {
				Entry entry = profile.entry();
				Profile before = this.profiles.put(entry.id(), profile);
				if (before != null) {
					countTerms(before.allTerms(), -1);
					replaced.add(before.ordinal());
				}
				countTerms(profile.allTerms(), 1);
				this.byOrdinal.put(profile.ordinal(), profile);
				if (entry.sharedPlatform()) {
					this.shared.put(entry.id(), profile);
				}
				else {
					this.shared.remove(entry.id());
				}
				this.writer.updateDocument(new Term("id", entry.id()), IndexDocuments.document(profile));
			}
			this.searchers.maybeRefreshBlocking();
			// only now no searcher can return the old documents
			replaced.forEach(this.byOrdinal::remove);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public void put(Entry entry) {
		putAll(List.of(entry));
	}

	public synchronized void remove(String id) {
		try {
			Profile before = this.profiles.remove(id);
			if (before != null) {
				countTerms(before.allTerms(), -1);
			}
			this.shared.remove(id);
			this.writer.deleteDocuments(new Term("id", id));
			this.searchers.maybeRefreshBlocking();
			if (before != null) {
				this.byOrdinal.remove(before.ordinal());
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Where {@code other} sits relative to {@code division} (GB/T 2260 codes). */
	public static Relation relation(String division, String other) {
		return Hierarchy.relation(division, other);
	}

	/** The {@code limit} best matches for a draft, best first, scoring at least {@code minScore}. */
	public List<Match> similar(Draft draft, int limit, double minScore) {
		IndexSearcher searcher = acquire();
		try {
			return similar(searcher, draftProfile(draft), draft.excludeId(), limit, minScore);
		}
		finally {
			release(searcher);
		}
	}

	/**
	 * Groups the systems under {@code divisionPrefix} (all when empty) into clusters of likely
	 * duplicates, largest first (leader clustering). Systems are taken in order — shared
	 * platforms first, then provincial, city and district systems — and each one not yet in a
	 * cluster becomes the leader of a cluster made of its nearest neighbours (scoring at least
	 * {@code threshold}) that are not in a cluster either. Every member thus duplicates its leader,
	 * typically the higher-level system it repeats, and chains of loosely similar systems do not
	 * merge into one giant group. Members never need a search of their own, which keeps a report
	 * over a whole province fast.
	 */
	public List<Cluster> clusters(String divisionPrefix, double threshold) {
		IndexSearcher searcher = acquire();
		try {
			List<Entry> scope = this.profiles.values()
				.stream()
				.filter(p -> p.entry().divisionCode().startsWith(divisionPrefix))
				.map(Profile::entry)
				.sorted(Comparator.comparing((Entry e) -> !e.sharedPlatform())
					.thenComparingInt(e -> Hierarchy.level(e.divisionCode()))
					.thenComparing(Entry::id))
				.toList();
			Map<String, Double> idf = new ConcurrentHashMap<>();
			Map<String, Double> norms = new ConcurrentHashMap<>();
			return ClusterReport.of(scope, e -> {
				Profile p = this.profiles.get(e.id());
				return nearest(searcher, p, CLUSTER_NEIGHBOURS, threshold, duplicateScope(p, divisionPrefix), idf, norms);
			});
		}
		finally {
			release(searcher);
		}
	}

	/**
	 * Where a system's duplicates can be, within a report's scope: anywhere in the province for a
	 * system with a capability built once per province or for a provincial system; otherwise its
	 * own city's tree (a local function in another city is overlap, not duplication — and it
	 * could not reach the threshold: such pairs weigh 0.2 or less in the hierarchy part).
	 */
	private String duplicateScope(Profile p, String reportPrefix) {
		String division = p.entry().divisionCode();
		if (reportPrefix.length() >= 4 || division.endsWith("0000")
				|| p.entry().capabilities().stream().anyMatch(this.provinceWide::contains)) {
			return reportPrefix;
		}
		return division.substring(0, 4);
	}

	/** How many nearest neighbours of each system the cluster report considers. */
	static final int CLUSTER_NEIGHBOURS = 12;

	/**
	 * The ids and scores of a system's nearest neighbours at or above {@code minScore}, searched
	 * under {@code divisionPrefix}: the cluster report's search (IDF weights and vector norms are
	 * cached for the whole report).
	 */
	private List<Map.Entry<String, Double>> nearest(IndexSearcher searcher, Profile draft, int limit, double minScore,
			String divisionPrefix, Map<String, Double> idf, Map<String, Double> norms) {
		try {
			List<Map.Entry<String, Double>> result = new ArrayList<>();
			for (Profile candidate : candidates(searcher, query(draft, draft.entry().id(), divisionPrefix), limit * 2)) {
				double score = this.scorer.score(draft, candidate, idf, norms);
				if (score >= minScore) {
					result.add(Map.entry(candidate.entry().id(), score));
				}
			}
			result.sort(Map.Entry.<String, Double>comparingByValue().reversed());
			return result.size() > limit ? result.subList(0, limit) : result;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The best {@code n} candidates by BM25. Counting stops at {@code n} hits, so that Lucene can
	 * skip documents that cannot make the top (block-max MAXSCORE).
	 */
	private List<Profile> candidates(IndexSearcher searcher, Query query, int n)
			throws IOException {
		TopDocs top = searcher.search(query, new TopScoreDocCollectorManager(n, null, n));
		List<Profile> result = new ArrayList<>(top.scoreDocs.length);
		var leaves = searcher.getIndexReader().leaves();
		for (ScoreDoc hit : top.scoreDocs) {
			var leaf = leaves.get(ReaderUtil.subIndex(hit.doc, leaves));
			var ordinals = leaf.reader().getNumericDocValues("ordinal");
			if (ordinals != null && ordinals.advanceExact(hit.doc - leaf.docBase)) {
				Profile profile = this.byOrdinal.get(ordinals.longValue());
				if (profile != null) {
					result.add(profile);
				}
			}
		}
		return result;
	}

	/** How many of a draft's words the candidate search uses. */
	static final int QUERY_TERMS = 10;

	/**
	 * The {@code n} rarest words that another system also uses (a word only the draft itself has
	 * cannot find anything).
	 */
	private List<String> rarest(Profile draft, Set<String> terms, int n) {
		int own = this.profiles.get(draft.entry().id()) == draft ? 1 : 0;
		return terms.stream()
			.filter(t -> this.documentFrequency.getOrDefault(t, 0) > own)
			.sorted(Comparator.comparingInt((String t) -> this.documentFrequency.getOrDefault(t, 0)).thenComparing(t -> t))
			.limit(n)
			.toList();
	}

	/** The candidate search; {@code divisionPrefix} is a significant prefix (2, 4 or 6 digits) or empty. */
	private Query query(Profile draft, @Nullable String excludeId, String divisionPrefix) {
		// the rarest words say the most and keep the query cheap
		BooleanQuery.Builder words = new BooleanQuery.Builder();
		for (String term : rarest(draft, draft.allTerms(), QUERY_TERMS)) {
			words.add(new TermQuery(new Term("terms", term)), BooleanClause.Occur.SHOULD);
		}
		for (String term : rarest(draft, draft.nameTerms(), QUERY_TERMS / 2)) {
			words.add(new BoostQuery(new TermQuery(new Term("name", term)), 1.5f), BooleanClause.Occur.SHOULD);
		}
		for (String capability : draft.entry().capabilities()) {
			words.add(new BoostQuery(new TermQuery(new Term("cap", capability)), 3f), BooleanClause.Occur.SHOULD);
		}
		BooleanQuery.Builder query = new BooleanQuery.Builder().add(words.build(), BooleanClause.Occur.MUST);
		if (excludeId != null) {
			query.add(new TermQuery(new Term("id", excludeId)), BooleanClause.Occur.MUST_NOT);
		}
		if (!divisionPrefix.isEmpty()) {
			// a term per ancestor prefix is indexed, so that the filter is one posting list
			query.add(new TermQuery(new Term("scope", divisionPrefix)), BooleanClause.Occur.FILTER);
		}
		return query.build();
	}

	private List<Match> similar(IndexSearcher searcher, Profile draft, @Nullable String excludeId, int limit,
			double minScore) {
		try {
			Map<String, Double> idf = new HashMap<>();
			Map<String, Double> norms = new HashMap<>();
			List<Match> matches = new ArrayList<>();
			for (Profile candidate : candidates(searcher, query(draft, excludeId, ""), Math.max(40, limit * 5))) {
				double score = this.scorer.score(draft, candidate, idf, norms);
				if (score >= minScore) {
					matches.add(this.scorer.explain(draft, candidate, score, idf));
				}
			}
			matches.sort(Comparator.comparingDouble(Match::score).reversed());
			return matches.size() > limit ? List.copyOf(matches.subList(0, limit)) : matches;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private Profile profile(Entry entry) {
		Set<String> name = new LinkedHashSet<>(this.text.terms(entry.name()));
		for (String alias : entry.aliases()) {
			name.addAll(this.text.terms(alias));
		}
		Set<String> all = new LinkedHashSet<>(name);
		all.addAll(this.text.terms(entry.summary()));
		return new Profile(entry, Set.copyOf(name), Set.copyOf(all), this.ordinals.incrementAndGet());
	}

	private Profile draftProfile(Draft draft) {
		return profile(new Entry(draft.excludeId() == null ? "" : draft.excludeId(), draft.name(), List.of(),
				draft.summary(), draft.capabilities(), draft.divisionCode(), false));
	}

	private void countTerms(Set<String> terms, int delta) {
		for (String t : terms) {
			this.documentFrequency.merge(t, delta, (x, y) -> x + y == 0 ? null : x + y);
		}
	}

	private IndexSearcher acquire() {
		try {
			return this.searchers.acquire();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private void release(IndexSearcher searcher) {
		try {
			this.searchers.release(searcher);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public void close() {
		try {
			this.searchers.close();
			this.writer.close();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}
}
