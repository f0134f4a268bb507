package org.unigov.catalog.search;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import org.unigov.catalog.Catalog;
import org.unigov.catalog.CatalogChanged;
import org.unigov.catalog.CatalogEntry;
import org.unigov.catalog.CatalogError;
import org.unigov.catalog.DataItem;
import org.unigov.catalog.EntryContent;
import org.unigov.catalog.SynonymsChanged;
import org.unigov.catalog.search.EntryIndex.IndexedEntry;
import org.unigov.catalog.search.EntryIndex.Visibility;
import org.unigov.catalog.search.EntryIndex;
import org.unigov.shared.Actor;
import org.unigov.shared.Role;
import org.unigov.shared.index.IndexLifecycle;
import org.unigov.shared.problem.CommonError;
import org.unigov.shared.problem.UnigovException;

/**
 * Full-text, faceted, permission-aware search of the catalog. The index is rebuilt from the
 * database when the platform starts, follows every committed change, and picks up changes made by
 * other instances every 30 seconds. Staff find every published entry plus the unpublished ones
 * they may see (their agency's; their subtree's for coordinators and auditors); the open-data
 * portal finds only published entries whose open attribute allows opening (C5).
 */
@Service
public class CatalogSearch {

	/** Longest query text accepted. */
	public static final int MAX_TEXT = 100;

	private final Catalog catalog;

	private final JdbcClient jdbc;

	private final EntryIndex index = new EntryIndex(new ByteBuffersDirectory());

	private final IndexLifecycle lifecycle;

	private final SynonymList synonyms;

	CatalogSearch(Catalog catalog, JdbcClient jdbc, SynonymList synonyms, Clock clock) {
		this.catalog = catalog;
		this.jdbc = jdbc;
		this.synonyms = synonyms;
		this.lifecycle = new IndexLifecycle("catalog-index", clock, new Source());
	}

	/** A search as asked: text, selected facet values per dimension, a sort (relevance, newest, name, code), a page. */
	public record Query(@Nullable String text, Map<String, Set<String>> facets, String sort, int page, int size) {
	}

	public record Results(long total, int page, int size, List<IndexedEntry> hits,
			Map<String, List<EntryIndex.FacetCount>> facets) {

		public long totalPages() {
			return this.total == 0 ? 0 : (Math.min(this.total, EntryIndex.MAX_DEPTH) + this.size - 1) / this.size;
		}
	}

	/** Searches what a member of staff may see. */
	public Results search(Actor actor, Query query) {
		if (!Catalog.canRead(actor)) {
			throw new UnigovException(CommonError.FORBIDDEN, "Catalog search is for government staff; the public uses the open-data portal.");
		}
		return run(query, visibility(actor));
	}

	/** Searches the open catalog (public data opening, C5): anyone, signed in or not. */
	public Results searchOpen(Query query) {
		return run(query, Visibility.OPEN_DATA);
	}

	static Visibility visibility(Actor actor) {
		if (actor.has(Role.PLATFORM_ADMIN)) {
			return Visibility.EVERYTHING;
		}
		String scope = actor.hasAny(Role.COORDINATOR, Role.AUDITOR) ? actor.scopePrefix() : null;
		String agency = actor.hasAny(Role.AGENCY_ADMIN, Role.AGENCY_STAFF) && actor.agencyId() != null
				? actor.agencyId().toString() : null;
		return new Visibility(false, false, scope, agency);
	}

	private Results run(Query query, Visibility visibility) {
		if (query.text() != null && query.text().length() > MAX_TEXT) {
			throw new UnigovException(CommonError.INVALID_PARAMETER, "Search text is limited to " + MAX_TEXT + " characters.");
		}
		if (query.page() < 0 || query.size() < 1 || query.size() > 100) {
			throw new UnigovException(CommonError.INVALID_PARAMETER, "Pages are numbered from 0 and hold 1 to 100 results.");
		}
		long offset = (long) query.page() * query.size();
		if (offset >= EntryIndex.MAX_DEPTH) {
			throw new UnigovException(CommonError.INVALID_PARAMETER,
					"Results are paged up to the " + EntryIndex.MAX_DEPTH + "th; narrow the search with text or facets.");
		}
		if (!List.of("relevance", "newest", "name", "code").contains(query.sort())) {
			throw new UnigovException(CommonError.INVALID_PARAMETER, "Sort by relevance, newest, name or code.");
		}
		awaitLoad();
		EntryIndex.Results results = this.index.search(
				new EntryIndex.Search(query.text(), query.facets(), query.sort(), (int) offset, query.size()), visibility);
		return new Results(results.total(), query.page(), query.size(), results.hits(), results.facets());
	}

	private void awaitLoad() {
		if (!this.lifecycle.awaitReady(Duration.ofSeconds(10))) {
			throw new UnigovException(CatalogError.INDEX_NOT_READY,
					"The catalog index is still being built; try again in a few seconds.");
		}
	}

	@EventListener(ApplicationReadyEvent.class)
	void loadInBackground() {
		this.lifecycle.loadInBackground();
	}

	void load() {
		this.lifecycle.load();
	}

	@TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
	void on(CatalogChanged changed) {
		this.lifecycle.refresh(changed.entryIds());
	}

	/** The synonyms apply to queries, not to the indexed text: a new list needs no re-indexing. */
	@TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
	void on(SynonymsChanged changed) {
		this.index.useSynonyms(this.synonyms.rules());
	}

	/** Picks up changes made by other instances of the platform, the synonym list among them. */
	@Scheduled(initialDelay = 30, fixedDelay = 30, timeUnit = TimeUnit.SECONDS)
	void reconcile() {
		if (this.lifecycle.ready()) {
			this.index.useSynonyms(this.synonyms.rules());
		}
		this.lifecycle.reconcile();
	}

	/** Fills the Lucene index from cat_entry through the catalog's own reads. */
	private final class Source implements IndexLifecycle.Source {

		@Override
		public int rebuild(IndexLifecycle.Versions versions) {
			CatalogSearch.this.index.useSynonyms(CatalogSearch.this.synonyms.rules());
			List<UUID> ids = CatalogSearch.this.jdbc.sql("select id from cat_entry").query(UUID.class).list();
			CatalogSearch.this.index.clear();
			for (int from = 0; from < ids.size(); from += 1000) {
				put(ids.subList(from, Math.min(ids.size(), from + 1000)), versions);
			}
			CatalogSearch.this.index.refresh();
			return ids.size();
		}

		@Override
		public void refresh(Collection<UUID> ids, IndexLifecycle.Versions versions) {
			put(ids, versions);
			CatalogSearch.this.index.refresh();
		}

		@Override
		public Map<UUID, Long> changedSince(Instant since) {
			return IndexLifecycle.versionsChangedSince(CatalogSearch.this.jdbc, "cat_entry", since);
		}

		private void put(Collection<UUID> ids, IndexLifecycle.Versions versions) {
			List<IndexedEntry> entries = new ArrayList<>();
			for (CatalogEntry entry : CatalogSearch.this.catalog.get(ids)) {
				entries.add(indexed(entry));
				versions.indexed(entry.id(), entry.version());
			}
			CatalogSearch.this.index.put(entries);
		}
	}

	/** The index's view of an entry. */
	public static IndexedEntry indexed(CatalogEntry entry) {
		EntryContent c = entry.content();
		return new IndexedEntry(entry.id().toString(), entry.code(), entry.status().code(),
				entry.providerAgencyId().toString(), entry.providerNameZh(), entry.providerNameEn(), entry.divisionCode(),
				c.name(), c.nameEn(), c.summary(), c.summaryEn(), c.itemNames(),
				c.items().stream().map(DataItem::nameEn).filter(n -> n != null && !n.isBlank()).toList(), c.keywords(),
				c.sharingType().code(), c.openAttribute().code(), c.format().code(), c.updateFrequency().code(),
				c.classification().length() > 3 ? c.classification().substring(0, 3) : c.classification(),
				c.grade().code(), entry.publishedAt() == null ? 0 : entry.publishedAt().toEpochMilli());
	}

	@PreDestroy
	void close() {
		this.index.close();
	}
}
