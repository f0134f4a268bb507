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
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.apache.lucene.analysis.core.WhitespaceAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.jspecify.annotations.Nullable;

/**
 * The duplicate finder's index: every registered system that is not retired, searchable by its
 * words and capabilities, scored against a draft by text, capability overlap and place in the
 * division hierarchy.
 * <p>
 * Lucene (BM25 over the words from {@link TextTerms}, plus capability terms) picks the candidates;
 * each candidate is then scored in 0..1:
 * {@code score = 0.50 × text + 0.25 × capabilities + 0.25 × hierarchy}, where {@code text} is an
 * IDF-weighted cosine of the word sets (name and aliases weigh in separately), {@code capabilities}
 * a Dice coefficient in which related codes count half, and {@code hierarchy} 1 for the same
 * division, parent or child, 0.9 for other ancestors, descendants and sibling districts, 0.2 for
 * sibling cities and 0.1 elsewhere in the province — except that systems sharing a capability the
 * province builds once (unified identity, e-licences, the 12345 hotline …) count 0.9 anywhere in
 * the province. docs/registry.md explains the weights and how they were chosen on the evaluation
 * set. The index lives in memory and is safe for concurrent readers and writers.
 */
public final class SimilarityIndex implements AutoCloseable {

	static final double TEXT_WEIGHT = 0.50;

	static final double CAPABILITY_WEIGHT = 0.25;

	static final double HIERARCHY_WEIGHT = 0.25;

	/** Capabilities that are close enough to count half when they meet. */
	private static final List<Set<String>> FAMILIES = List.of(
			Set.of("city-operation-monitoring", "city-brain", "data-cockpit", "emergency-command"),
			Set.of("hotline-12345", "petition-complaint"), Set.of("grid-management", "smart-community"),
			Set.of("service-acceptance", "approval", "mobile-service"), Set.of("e-licence", "e-seal"),
			Set.of("data-sharing-exchange", "data-catalog"), Set.of("collaborative-office", "document-exchange"),
			Set.of("population-base", "legal-entity-base"), Set.of("social-insurance", "employment-service"),
			Set.of("medical-insurance", "health-records"), Set.of("social-assistance", "elderly-care"),
			Set.of("video-aggregation", "city-operation-monitoring"), Set.of("supervision-enforcement", "credit"));

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
	public record Match(Entry entry, double score, double textScore, double capabilityScore,
			List<String> sharedCapabilities, List<String> matchingWords, Relation relation) {
	}

	/** A group of systems that duplicate one another, with the pairs that tied them. */
	public record Cluster(List<Entry> members, List<String> commonCapabilities, double averageScore,
			double strongestScore) {
	}

	private record Profile(Entry entry, Set<String> nameTerms, Set<String> allTerms) {
	}

	private final TextTerms text = new TextTerms();

	private final ByteBuffersDirectory directory = new ByteBuffersDirectory();

	private final IndexWriter writer;

	private final SearcherManager searchers;

	private final Map<String, Profile> profiles = new ConcurrentHashMap<>();

	private final Map<String, Integer> documentFrequency = new ConcurrentHashMap<>();

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

	public @Nullable Entry entry(String id) {
		Profile profile = this.profiles.get(id);
		return profile == null ? null : profile.entry();
	}

	public Collection<Entry> entries() {
		return this.profiles.values().stream().map(Profile::entry).toList();
	}

	/** Adds or replaces entries; they are searchable when this returns. */
	public void putAll(Collection<Entry> entries) {
		List<Profile> analyzed = entries.size() > 100 ? entries.parallelStream().map(this::profile).toList()
				: entries.stream().map(this::profile).toList();
		try {
			for (Profile profile : analyzed) {
				Entry entry = profile.entry();
				synchronized (this) {
					Profile before = this.profiles.put(entry.id(), profile);
					if (before != null) {
						count(before.allTerms(), -1);
					}
					count(profile.allTerms(), 1);
				}
				this.writer.updateDocument(new Term("id", entry.id()), document(profile));
			}
			this.searchers.maybeRefreshBlocking();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public void put(Entry entry) {
		putAll(List.of(entry));
	}

	public void remove(String id) {
		try {
			synchronized (this) {
				Profile before = this.profiles.remove(id);
				if (before != null) {
					count(before.allTerms(), -1);
				}
			}
			this.writer.deleteDocuments(new Term("id", id));
			this.searchers.maybeRefreshBlocking();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The {@code limit} best matches for a draft, best first, scoring at least {@code minScore}. */
	public List<Match> similar(Draft draft, int limit, double minScore, @Nullable String divisionPrefix) {
		IndexSearcher searcher = acquire();
		try {
			return similar(searcher, draftProfile(draft), draft.excludeId(), limit, minScore, divisionPrefix);
		}
		finally {
			release(searcher);
		}
	}

	/**
	 * Groups the systems under {@code divisionPrefix} (all when empty) that score at least
	 * {@code threshold} with one another into clusters of two or more, largest first.
	 */
	public List<Cluster> clusters(String divisionPrefix, double threshold, Predicate<Entry> include) {
		IndexSearcher searcher = acquire();
		try {
			List<Profile> scope = this.profiles.values()
				.stream()
				.filter(p -> p.entry().divisionCode().startsWith(divisionPrefix) && include.test(p.entry()))
				.toList();
			Map<String, Integer> position = new HashMap<>();
			for (int i = 0; i < scope.size(); i++) {
				position.put(scope.get(i).entry().id(), i);
			}
			record Edge(int a, int b, double score) {
			}
			List<Edge> edges = scope.parallelStream().flatMap(p -> {
				int a = position.get(p.entry().id());
				return similar(searcher, p, p.entry().id(), 8, threshold, divisionPrefix).stream()
					.filter(m -> position.containsKey(m.entry().id()))
					.map(m -> new Edge(a, position.get(m.entry().id()), m.score()));
			}).toList();
			int[] parent = new int[scope.size()];
			for (int i = 0; i < parent.length; i++) {
				parent[i] = i;
			}
			for (Edge e : edges) {
				parent[find(parent, e.a())] = find(parent, e.b());
			}
			Map<Integer, List<Integer>> groups = new HashMap<>();
			for (int i = 0; i < parent.length; i++) {
				groups.computeIfAbsent(find(parent, i), k -> new ArrayList<>()).add(i);
			}
			Map<Integer, double[]> scores = new HashMap<>();
			for (Edge e : edges) {
				double[] s = scores.computeIfAbsent(find(parent, e.a()), k -> new double[3]);
				s[0] += e.score();
				s[1]++;
				s[2] = Math.max(s[2], e.score());
			}
			List<Cluster> clusters = new ArrayList<>();
			for (var group : groups.entrySet()) {
				if (group.getValue().size() < 2) {
					continue;
				}
				List<Entry> members = group.getValue().stream().map(i -> scope.get(i).entry()).toList();
				double[] s = scores.get(group.getKey());
				clusters.add(new Cluster(members, common(members), s[0] / s[1], s[2]));
			}
			clusters.sort(Comparator.comparingInt((Cluster c) -> c.members().size())
				.reversed()
				.thenComparing(Comparator.comparingDouble(Cluster::averageScore).reversed()));
			return clusters;
		}
		finally {
			release(searcher);
		}
	}

	private static int find(int[] parent, int i) {
		while (parent[i] != i) {
			parent[i] = parent[parent[i]];
			i = parent[i];
		}
		return i;
	}

	private static List<String> common(List<Entry> members) {
		Map<String, Long> counts = members.stream()
			.flatMap(e -> e.capabilities().stream())
			.collect(Collectors.groupingBy(c -> c, Collectors.counting()));
		return counts.entrySet()
			.stream()
			.filter(e -> e.getValue() * 2 >= members.size())
			.sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
			.map(Map.Entry::getKey)
			.toList();
	}

	private List<Match> similar(IndexSearcher searcher, Profile draft, @Nullable String excludeId, int limit,
			double minScore, @Nullable String divisionPrefix) {
		BooleanQuery.Builder words = new BooleanQuery.Builder();
		for (String term : draft.allTerms()) {
			words.add(new TermQuery(new Term("terms", term)), BooleanClause.Occur.SHOULD);
		}
		for (String term : draft.nameTerms()) {
			words.add(new BoostQuery(new TermQuery(new Term("name", term)), 1.5f), BooleanClause.Occur.SHOULD);
		}
		for (String capability : draft.entry().capabilities()) {
			words.add(new BoostQuery(new TermQuery(new Term("cap", capability)), 3f), BooleanClause.Occur.SHOULD);
		}
		BooleanQuery.Builder query = new BooleanQuery.Builder().add(words.build(), BooleanClause.Occur.MUST);
		if (excludeId != null) {
			query.add(new TermQuery(new Term("id", excludeId)), BooleanClause.Occur.MUST_NOT);
		}
		if (divisionPrefix != null && !divisionPrefix.isEmpty()) {
			query.add(new PrefixQuery(new Term("division", divisionPrefix)), BooleanClause.Occur.FILTER);
		}
		try {
			TopDocs top = searcher.search(query.build(), Math.max(40, limit * 5));
			var stored = searcher.storedFields();
			Map<String, Double> idf = new HashMap<>();
			List<Match> matches = new ArrayList<>(top.scoreDocs.length);
			for (ScoreDoc hit : top.scoreDocs) {
				Profile candidate = this.profiles.get(stored.document(hit.doc).get("id"));
				if (candidate == null) {
					continue;
				}
				Match match = score(draft, candidate, idf);
				if (match.score() >= minScore) {
					matches.add(match);
				}
			}
			matches.sort(Comparator.comparingDouble(Match::score).reversed());
			return matches.size() > limit ? List.copyOf(matches.subList(0, limit)) : matches;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private Match score(Profile draft, Profile candidate, Map<String, Double> idf) {
		Set<String> candidateName = candidate.nameTerms();
		double nameCos = cosine(draft.nameTerms(), candidateName, idf);
		double allCos = cosine(draft.allTerms(), candidate.allTerms(), idf);
		double text = Math.max(allCos, 0.4 * nameCos + 0.6 * allCos);
		double capabilities = capabilityScore(draft.entry().capabilities(), candidate.entry().capabilities());
		Relation relation = relation(draft.entry().divisionCode(), candidate.entry().divisionCode());
		List<String> shared = draft.entry()
			.capabilities()
			.stream()
			.filter(candidate.entry().capabilities()::contains)
			.sorted()
			.toList();
		double hierarchy = relation.weight;
		if ((relation == Relation.SIBLING_CITY || relation == Relation.SAME_PROVINCE)
				&& shared.stream().anyMatch(this.provinceWide::contains)) {
			hierarchy = Relation.SIBLING.weight;
		}
		// place only matters between systems that do similar things
		double functional = Math.min(1, Math.max(text, capabilities) / 0.5);
		double score = TEXT_WEIGHT * text + CAPABILITY_WEIGHT * capabilities + HIERARCHY_WEIGHT * hierarchy * functional;
		List<String> words = draft.allTerms()
			.stream()
			.filter(candidate.allTerms()::contains)
			.sorted(Comparator.comparingDouble((String t) -> idf(t, idf)).reversed().thenComparing(t -> t))
			.limit(8)
			.toList();
		return new Match(candidate.entry(), round(Math.min(1, score)), round(text), round(capabilities), shared, words,
				relation);
	}

	private static double round(double value) {
		return Math.round(value * 1000) / 1000.0;
	}

	private double cosine(Set<String> a, Set<String> b, Map<String, Double> idf) {
		if (a.isEmpty() || b.isEmpty()) {
			return 0;
		}
		double dot = 0;
		double na = 0;
		double nb = 0;
		for (String t : a) {
			double w = idf(t, idf);
			na += w * w;
			if (b.contains(t)) {
				dot += w * w;
			}
		}
		for (String t : b) {
			double w = idf(t, idf);
			nb += w * w;
		}
		return dot == 0 ? 0 : dot / Math.sqrt(na * nb);
	}

	private double idf(String term, Map<String, Double> cache) {
		return cache.computeIfAbsent(term, t -> {
			int n = Math.max(1, this.profiles.size());
			int df = this.documentFrequency.getOrDefault(t, 0);
			return Math.log(1 + (double) n / (df + 1));
		});
	}

	static double capabilityScore(Set<String> a, Set<String> b) {
		if (a.isEmpty() || b.isEmpty()) {
			return 0;
		}
		return (best(a, b) + best(b, a)) / (a.size() + b.size());
	}

	private static double best(Set<String> from, Set<String> to) {
		double sum = 0;
		for (String c : from) {
			if (to.contains(c)) {
				sum += 1;
			}
			else if (FAMILIES.stream().anyMatch(f -> f.contains(c) && to.stream().anyMatch(f::contains))) {
				sum += 0.5;
			}
		}
		return sum;
	}

	/** Where {@code other} sits relative to {@code division} (GB/T 2260 codes). */
	public static Relation relation(String division, String other) {
		if (division.equals(other)) {
			return Relation.SAME_DIVISION;
		}
		if (!division.regionMatches(0, other, 0, 2)) {
			return Relation.OTHER;
		}
		String parent = parentOf(division);
		String otherParent = parentOf(other);
		if (other.equals(parent)) {
			return Relation.PARENT;
		}
		if (division.equals(otherParent)) {
			return Relation.CHILD;
		}
		if (parent != null && parent.equals(otherParent)) {
			return parentOf(parent) == null ? Relation.SIBLING_CITY : Relation.SIBLING;
		}
		if (isAncestor(other, division)) {
			return Relation.ANCESTOR;
		}
		if (isAncestor(division, other)) {
			return Relation.DESCENDANT;
		}
		return Relation.SAME_PROVINCE;
	}

	private static @Nullable String parentOf(String code) {
		if (code.endsWith("0000")) {
			return null;
		}
		return code.endsWith("00") ? code.substring(0, 2) + "0000" : code.substring(0, 4) + "00";
	}

	private static boolean isAncestor(String ancestor, String code) {
		for (String p = parentOf(code); p != null; p = parentOf(p)) {
			if (p.equals(ancestor)) {
				return true;
			}
		}
		return false;
	}

	private Profile profile(Entry entry) {
		Set<String> name = new LinkedHashSet<>(this.text.terms(entry.name()));
		for (String alias : entry.aliases()) {
			name.addAll(this.text.terms(alias));
		}
		Set<String> all = new LinkedHashSet<>(name);
		all.addAll(this.text.terms(entry.summary()));
		return new Profile(entry, Set.copyOf(name), Set.copyOf(all));
	}

	private Profile draftProfile(Draft draft) {
		return profile(new Entry(draft.excludeId() == null ? "" : draft.excludeId(), draft.name(), List.of(),
				draft.summary(), draft.capabilities(), draft.divisionCode(), false));
	}

	private void count(Set<String> terms, int delta) {
		for (String t : terms) {
			this.documentFrequency.merge(t, delta, (x, y) -> x + y == 0 ? null : x + y);
		}
	}

	private static Document document(Profile profile) {
		Document doc = new Document();
		doc.add(new StringField("id", profile.entry().id(), Field.Store.YES));
		doc.add(new StringField("division", profile.entry().divisionCode(), Field.Store.NO));
		doc.add(new TextField("terms", String.join(" ", profile.allTerms()), Field.Store.NO));
		doc.add(new TextField("name", String.join(" ", profile.nameTerms()), Field.Store.NO));
		for (String capability : profile.entry().capabilities()) {
			doc.add(new StringField("cap", capability, Field.Store.NO));
		}
		return doc;
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

	/** Terms of a text as this index compares them: for tests and explanations. */
	public List<String> terms(String text) {
		return this.text.terms(text);
	}

	static Set<String> distinct(Collection<String> values) {
		return new HashSet<>(values);
	}
}
