package org.unigov.catalog;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.unigov.catalog.internal.Entries;
import org.unigov.catalog.internal.EntryAccess;
import org.unigov.catalog.internal.EntryReads;
import org.unigov.shared.Actor;

/**
 * The unified data catalog (C2) as other modules read it: departments compile entries, submit
 * them to the coordinator of their level, who reviews and publishes them to every department.
 * Every published entry is visible to all staff; drafts, submissions and withdrawn entries only to
 * their agency and the coordinators and auditors above it. Changes go through the catalog's own
 * use cases and are announced with {@link CatalogChanged}, {@link EntryPublished} and
 * {@link EntryWithdrawn}.
 */
@Service
@Transactional(readOnly = true)
public class Catalog {

	private final Entries entries;

	private final EntryReads reads;

	Catalog(Entries entries, EntryReads reads) {
		this.entries = entries;
		this.reads = reads;
	}

	/** What a list of entries is narrowed to; every part optional. */
	public record EntryFilter(@Nullable UUID agencyId, @Nullable EntryStatus status, @Nullable String text,
			boolean awaitingMyReview, boolean updateOwed) {
	}

	/** Whether the actor may read the catalog's working side (staff of any kind). */
	public static boolean canRead(Actor actor) {
		return EntryAccess.canRead(actor);
	}

	/** Published entries are announced to every department (C2); the rest stays with its makers and overseers. */
	public static boolean isVisible(Actor actor, CatalogEntry entry) {
		return EntryAccess.isVisible(actor, entry);
	}

	public Optional<CatalogEntry> get(EntryId id) {
		return this.entries.get(id.value());
	}

	public Optional<CatalogEntry> byCode(String code) {
		return this.entries.byCode(code);
	}

	/** The entries with these ids, in no particular order; unknown ids are left out. */
	public List<CatalogEntry> get(Collection<UUID> ids) {
		return this.entries.get(ids);
	}

	/** The published entries whose data comes from a registered system (project acceptance, P6). */
	public List<CatalogEntry> publishedFromSystem(UUID systemId) {
		return this.entries.publishedFromSystem(systemId);
	}

	/**
	 * C8: the published entries that provide data items of these names (compared without case or
	 * surrounding spaces), by the name asked for: data obtainable through sharing, which is not to
	 * be collected again from citizens or enterprises. Entries not shared at all are left out.
	 */
	public Map<String, List<CatalogEntry>> publishedProviders(Collection<String> itemNames) {
		Map<String, String> wanted = new LinkedHashMap<>();
		for (String name : itemNames) {
			wanted.putIfAbsent(name.strip().toLowerCase(Locale.ROOT), name);
		}
		if (wanted.isEmpty()) {
			return Map.of();
		}
		Map<String, List<UUID>> ids = this.entries.publishedProviderIds(wanted.keySet());
		Map<UUID, CatalogEntry> found = new HashMap<>();
		this.entries.get(ids.values().stream().flatMap(List::stream).distinct().toList())
			.forEach(e -> found.put(e.id(), e));
		Map<String, List<CatalogEntry>> result = new LinkedHashMap<>();
		ids.forEach((name, list) -> result.put(wanted.get(name),
				list.stream().map(found::get).filter(Objects::nonNull).toList()));
		return result;
	}

	/** The entry if the actor may read it; 404 otherwise, so that drafts do not leak. */
	public CatalogEntry visible(Actor actor, EntryId id) {
		return this.reads.visible(actor, id.value());
	}

	/** The content of an entry at a revision, for requests that cite what they asked for. */
	public Revision revision(Actor actor, EntryId id, int number) {
		return this.reads.revision(actor, id.value(), number);
	}

	/** Entries the actor may see through SQL filters: work lists (my drafts, my review queue, updates owed). */
	public Page<CatalogEntry> find(Actor actor, EntryFilter filter, Pageable pageable) {
		return this.entries.find(actor, filter, pageable);
	}
}
