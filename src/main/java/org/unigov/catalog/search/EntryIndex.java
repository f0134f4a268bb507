package org.unigov.catalog.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.cjk.CJKAnalyzer;
import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.facet.FacetResult;
import org.apache.lucene.facet.Facets;
import org.apache.lucene.facet.FacetsCollectorManager;
import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.facet.LabelAndValue;
import org.apache.lucene.facet.sortedset.DefaultSortedSetDocValuesReaderState;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesFacetCounts;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesFacetField;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesReaderState;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.Directory;
import org.apache.lucene.util.BytesRef;
import org.jspecify.annotations.Nullable;
import org.unigov.shared.ChineseOrder;

/**
 * The Lucene index behind catalog search: one document per entry with Chinese text analysed by
 * SmartChineseAnalyzer and, again, as character pairs (see {@link TextQuery}), English text by
 * EnglishAnalyzer, the facet dimensions as sorted-set doc
 * values, and enough stored fields to render a result list without touching the database. The
 * permission filter is part of every query, so facet counts never reveal entries the reader may
 * not see.
 */
public final class EntryIndex implements AutoCloseable {

	/** The facet dimensions, in the order pages show them. */
	public static final List<String> DIMENSIONS = List.of("sharingType", "openAttribute", "agency", "division",
			"format", "updateFrequency", "classification", "grade");

	/** Results beyond this depth are not paged to; narrow the search instead. */
	public static final int MAX_DEPTH = 10_000;

	private static final String STATUS = "status";

	private static final String AGENCY_ID = "agencyId";

	private static final String SCOPE = "scope";

	private final Directory directory;

	private final IndexWriter writer;

	private final SearcherManager searchers;

	private final FacetsConfig facets = new FacetsConfig();

	private final Analyzer chinese = new SmartChineseAnalyzer();

	private final Analyzer english = new EnglishAnalyzer();

	/** Overlapping pairs of Chinese characters, for matching inside words; no stop words. */
	private final Analyzer bigrams = new CJKAnalyzer(CharArraySet.EMPTY_SET);

	private final TextQuery text = new TextQuery(this.chinese, this.english, this.bigrams);

	private volatile @Nullable FacetState facetState;

	public EntryIndex(Directory directory) {
		this.directory = directory;
		PerFieldAnalyzerWrapper analyzer = new PerFieldAnalyzerWrapper(this.chinese,
				Map.of("all_en", this.english, "name_en", this.english, "all_bi", this.bigrams, "name_bi", this.bigrams));
		try {
			IndexWriterConfig config = new IndexWriterConfig(analyzer);
			config.setOpenMode(IndexWriterConfig.OpenMode.CREATE);
			config.setRAMBufferSizeMB(128);
			this.writer = new IndexWriter(directory, config);
			this.searchers = new SearcherManager(this.writer, new SearcherFactory());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** What the index knows of an entry. */
	public record IndexedEntry(String id, String code, String status, String agencyId, String agencyNameZh,
			String agencyNameEn, String divisionCode, String name, @Nullable String nameEn, String summary,
			@Nullable String summaryEn, List<String> items, List<String> itemsEn, List<String> keywords,
			String sharingType, String openAttribute, String format, String updateFrequency, String classification,
			String grade, long publishedAt) {
	}

	/** Who is searching, as a filter: everything, published plus a scope and an agency, or the open catalog. */
	public record Visibility(boolean everything, boolean openOnly, @Nullable String scopePrefix,
			@Nullable String agencyId) {

		public static final Visibility EVERYTHING = new Visibility(true, false, null, null);

		public static final Visibility OPEN_DATA = new Visibility(false, true, null, null);
	}

	/** A search: text (may be blank), selected facet values per dimension, a sort and a page. */
	public record Search(@Nullable String text, Map<String, Set<String>> selected, String sort, int offset, int size) {
	}

	public record FacetCount(String value, long count) {
	}

	public record Results(long total, List<IndexedEntry> hits, Map<String, List<FacetCount>> facets) {
	}

	/** Replaces the synonym list searches expand words with; it applies from the next search, no re-indexing. */
	public void useSynonyms(List<SynonymRule> rules) {
		this.text.useSynonyms(rules);
	}

	/** Adds or replaces entries. */
	public void put(Collection<IndexedEntry> entries) {
		try {
			for (IndexedEntry entry : entries) {
				this.writer.updateDocument(new Term("id", entry.id()), this.facets.build(document(entry)));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public void remove(Collection<String> ids) {
		try {
			for (String id : ids) {
				this.writer.deleteDocuments(new Term("id", id));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public void clear() {
		try {
			this.writer.deleteAll();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Makes what was put visible to searches. */
	public void refresh() {
		try {
			this.searchers.maybeRefreshBlocking();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Merges segments after a bulk load, so searches touch few of them. */
	public void optimize() {
		try {
			this.writer.forceMerge(1);
			this.writer.commit();
			refresh();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public Results search(Search search, Visibility visibility) {
		IndexSearcher searcher;
		try {
			searcher = this.searchers.acquire();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		try {
			Query query = query(search, visibility);
			int depth = Math.min(MAX_DEPTH, search.offset() + search.size());
			Sort sort = sort(search);
			FacetsCollectorManager.FacetsResult result = sort == null
					? FacetsCollectorManager.search(searcher, query, Math.max(depth, 1), new FacetsCollectorManager())
					: FacetsCollectorManager.search(searcher, query, Math.max(depth, 1), sort,
							new FacetsCollectorManager());
			TopDocs top = result.topDocs();
			List<IndexedEntry> hits = new ArrayList<>();
			ScoreDoc[] docs = top.scoreDocs;
			for (int i = search.offset(); i < docs.length && i < depth; i++) {
				hits.add(entry(searcher.storedFields().document(docs[i].doc)));
			}
			boolean browsing = search.text() == null || search.text().isBlank();
			String cacheKey = visibility + "|" + new TreeMap<>(search.selected());
			if (browsing) {
				Map<String, List<FacetCount>> cached = cachedFacets(searcher, cacheKey);
				if (cached != null) {
					return new Results(top.totalHits.value(), hits, cached);
				}
			}
			Map<String, List<FacetCount>> counts = top.totalHits.value() > 0 ? facetCounts(searcher, result)
					: new LinkedHashMap<>();
			if (browsing) {
				cacheFacets(searcher, cacheKey, counts);
			}
			return new Results(top.totalHits.value(), hits, counts);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		finally {
			try {
				this.searchers.release(searcher);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
	}

	/** The values of every facet dimension among the hits, with their counts. */
	private Map<String, List<FacetCount>> facetCounts(IndexSearcher searcher, FacetsCollectorManager.FacetsResult result)
			throws IOException {
		Map<String, List<FacetCount>> counts = new LinkedHashMap<>();
		Facets facetCounts = new SortedSetDocValuesFacetCounts(facetState(searcher), result.facetsCollector());
		for (String dimension : DIMENSIONS) {
			FacetResult facet = facetCounts.getTopChildren(100, dimension);
			List<FacetCount> values = new ArrayList<>();
			if (facet != null) {
				for (LabelAndValue lv : facet.labelValues) {
					values.add(new FacetCount(lv.label, lv.value.longValue()));
				}
			}
			counts.put(dimension, values);
		}
		return counts;
	}

	/** Number of entries in the index. */
	public int size() {
		try {
			IndexSearcher searcher = this.searchers.acquire();
			try {
				return searcher.getIndexReader().numDocs();
			}
			finally {
				this.searchers.release(searcher);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private Query query(Search search, Visibility visibility) {
		BooleanQuery.Builder query = new BooleanQuery.Builder();
		String text = search.text() == null ? "" : search.text().strip();
		if (text.isEmpty()) {
			query.add(new MatchAllDocsQuery(), Occur.MUST);
		}
		else {
			query.add(this.text.build(text), Occur.MUST);
		}
		for (Map.Entry<String, Set<String>> selected : search.selected().entrySet()) {
			if (!DIMENSIONS.contains(selected.getKey()) || selected.getValue().isEmpty()) {
				continue;
			}
			List<BytesRef> values = selected.getValue().stream().map(BytesRef::new).toList();
			query.add(new TermInSetQuery("f_" + selected.getKey(), values), Occur.FILTER);
		}
		Query filter = visibilityFilter(visibility);
		if (filter != null) {
			query.add(filter, Occur.FILTER);
		}
		return query.build();
	}

	private static @Nullable Query visibilityFilter(Visibility visibility) {
		if (visibility.everything()) {
			return null;
		}
		if (visibility.openOnly()) {
			return new BooleanQuery.Builder().add(new TermQuery(new Term(STATUS, "published")), Occur.FILTER)
				.add(new TermInSetQuery("f_openAttribute", List.of(new BytesRef("open"), new BytesRef("open-conditional"))),
						Occur.FILTER)
				.build();
		}
		BooleanQuery.Builder any = new BooleanQuery.Builder();
		any.add(new TermQuery(new Term(STATUS, "published")), Occur.SHOULD);
		if (visibility.scopePrefix() != null) {
			any.add(new TermQuery(new Term(SCOPE, visibility.scopePrefix())), Occur.SHOULD);
		}
		if (visibility.agencyId() != null) {
			any.add(new TermQuery(new Term(AGENCY_ID, visibility.agencyId())), Occur.SHOULD);
		}
		return any.build();
	}

	private static @Nullable Sort sort(Search search) {
		return switch (search.sort()) {
			case "newest" -> new Sort(new SortField("published_at", SortField.Type.LONG, true));
			case "name" -> new Sort(new SortField("name_sort", SortField.Type.STRING));
			case "code" -> new Sort(new SortField("code_sort", SortField.Type.STRING));
			default -> search.text() == null || search.text().isBlank()
					? new Sort(new SortField("published_at", SortField.Type.LONG, true)) : null;
		};
	}

	private Document document(IndexedEntry e) {
		Document doc = new Document();
		doc.add(new StringField("id", e.id(), Field.Store.YES));
		doc.add(new StringField("code", e.code(), Field.Store.YES));
		doc.add(new SortedDocValuesField("code_sort", new BytesRef(e.code())));
		doc.add(new StringField(STATUS, e.status(), Field.Store.YES));
		doc.add(new StringField(AGENCY_ID, e.agencyId(), Field.Store.YES));
		doc.add(new StoredField("agencyNameZh", e.agencyNameZh()));
		doc.add(new StoredField("agencyNameEn", e.agencyNameEn()));
		doc.add(new StoredField("divisionCode", e.divisionCode()));
		String division = e.divisionCode();
		for (int length : new int[] { 2, 4, 6 }) {
			if (division.length() >= length) {
				doc.add(new StringField(SCOPE, division.substring(0, length), Field.Store.NO));
			}
		}
		doc.add(new TextField("name", e.name(), Field.Store.YES));
		doc.add(new TextField("name_bi", e.name(), Field.Store.NO));
		// pinyin order, not code point order (which puts 重庆 before 安徽)
		doc.add(new SortedDocValuesField("name_sort", new BytesRef(ChineseOrder.sortKey(e.name()))));
		if (e.nameEn() != null) {
			doc.add(new TextField("name_en", e.nameEn(), Field.Store.YES));
		}
		doc.add(new StoredField("summary", e.summary()));
		if (e.summaryEn() != null) {
			doc.add(new StoredField("summaryEn", e.summaryEn()));
		}
		e.items().forEach(item -> doc.add(new StoredField("item", item)));
		e.itemsEn().forEach(item -> doc.add(new StoredField("itemEn", item)));
		e.keywords().forEach(keyword -> doc.add(new StoredField("keyword", keyword)));
		StringBuilder all = new StringBuilder(e.name()).append('\n').append(e.summary()).append('\n');
		e.items().forEach(item -> all.append(item).append('\n'));
		e.keywords().forEach(keyword -> all.append(keyword).append('\n'));
		all.append(e.agencyNameZh());
		doc.add(new TextField("all", all.toString(), Field.Store.NO));
		doc.add(new TextField("all_bi", all.toString(), Field.Store.NO));
		StringBuilder allEn = new StringBuilder();
		if (e.nameEn() != null) {
			allEn.append(e.nameEn()).append('\n');
		}
		if (e.summaryEn() != null) {
			allEn.append(e.summaryEn()).append('\n');
		}
		e.itemsEn().forEach(item -> allEn.append(item).append('\n'));
		e.keywords().forEach(keyword -> allEn.append(keyword).append('\n'));
		allEn.append(e.agencyNameEn());
		doc.add(new TextField("all_en", allEn.toString(), Field.Store.NO));
		facet(doc, "sharingType", e.sharingType());
		facet(doc, "openAttribute", e.openAttribute());
		facet(doc, "agency", e.agencyId());
		facet(doc, "division", e.divisionCode());
		facet(doc, "format", e.format());
		facet(doc, "updateFrequency", e.updateFrequency());
		facet(doc, "classification", e.classification());
		facet(doc, "grade", e.grade());
		doc.add(new NumericDocValuesField("published_at", e.publishedAt()));
		doc.add(new StoredField("published_at", e.publishedAt()));
		return doc;
	}

	private static void facet(Document doc, String dimension, String value) {
		doc.add(new SortedSetDocValuesFacetField(dimension, value));
		doc.add(new StringField("f_" + dimension, value, Field.Store.YES));
	}

	private static IndexedEntry entry(Document doc) {
		return new IndexedEntry(doc.get("id"), doc.get("code"), doc.get(STATUS), doc.get(AGENCY_ID),
				doc.get("agencyNameZh"), doc.get("agencyNameEn"), doc.get("divisionCode"), doc.get("name"),
				doc.get("name_en"), doc.get("summary"), doc.get("summaryEn"), List.of(doc.getValues("item")),
				List.of(doc.getValues("itemEn")), List.of(doc.getValues("keyword")), doc.get("f_sharingType"),
				doc.get("f_openAttribute"), doc.get("f_format"), doc.get("f_updateFrequency"),
				doc.get("f_classification"), doc.get("f_grade"),
				doc.getField("published_at").numericValue().longValue());
	}

	/** Facet ordinals are computed once per searcher and reused until the index changes. */
	private SortedSetDocValuesReaderState facetState(IndexSearcher searcher) throws IOException {
		FacetState current = this.facetState;
		if (current == null || current.reader != searcher.getIndexReader()) {
			synchronized (this) {
				current = this.facetState;
				if (current == null || current.reader != searcher.getIndexReader()) {
					current = new FacetState(searcher.getIndexReader(),
							new DefaultSortedSetDocValuesReaderState(searcher.getIndexReader(), this.facets));
					this.facetState = current;
				}
			}
		}
		return current.state;
	}

	private record FacetState(IndexReader reader, SortedSetDocValuesReaderState state) {
	}

	/**
	 * Facet counts of searches without text (browsing, filtering by facets), per reader: counting
	 * eight dimensions over most of the index is the dearest part of a browse, and the same few
	 * visibility and filter combinations recur. Dropped whenever the index changes.
	 */
	private volatile FacetCache facetCache = new FacetCache(null);

	private static final int FACET_CACHE_SIZE = 512;

	private static final class FacetCache {

		final org.apache.lucene.index.@Nullable IndexReader reader;

		final Map<String, Map<String, List<FacetCount>>> entries = Collections
			.synchronizedMap(new LinkedHashMap<>(64, 0.75f, true) {
				@Override
				protected boolean removeEldestEntry(Map.Entry<String, Map<String, List<FacetCount>>> eldest) {
					return size() > FACET_CACHE_SIZE;
				}
			});

		FacetCache(org.apache.lucene.index.@Nullable IndexReader reader) {
			this.reader = reader;
		}
	}

	private @Nullable Map<String, List<FacetCount>> cachedFacets(IndexSearcher searcher, String key) {
		FacetCache cache = this.facetCache;
		return cache.reader == searcher.getIndexReader() ? cache.entries.get(key) : null;
	}

	private void cacheFacets(IndexSearcher searcher, String key, Map<String, List<FacetCount>> counts) {
		FacetCache cache = this.facetCache;
		if (cache.reader != searcher.getIndexReader()) {
			cache = new FacetCache(searcher.getIndexReader());
			this.facetCache = cache;
		}
		cache.entries.put(key, counts);
	}

	@Override
	public void close() {
		try {
			this.searchers.close();
			this.writer.close();
			this.directory.close();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}
}
