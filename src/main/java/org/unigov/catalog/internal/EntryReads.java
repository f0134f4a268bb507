package org.unigov.catalog.internal;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.unigov.catalog.CatalogEntry;
import org.unigov.catalog.CatalogError;
import org.unigov.catalog.EntryStatus;
import org.unigov.catalog.OpenAttribute;
import org.unigov.catalog.Revision;
import org.unigov.catalog.RevisionState;
import org.unigov.shared.Actor;
import org.unigov.shared.problem.UnigovException;

/** Reading entries with the visibility rules applied: drafts and the work on an entry do not leak. */
@Service
@Transactional(readOnly = true)
public class EntryReads {

	private final Entries entries;

	EntryReads(Entries entries) {
		this.entries = entries;
	}

	public Optional<CatalogEntry> get(UUID id) {
		return this.entries.get(id);
	}

	/** The entry if the actor may read it; 404 otherwise, so that drafts do not leak. */
	public CatalogEntry visible(Actor actor, UUID id) {
		return this.entries.get(id)
			.filter(e -> EntryAccess.isVisible(actor, e))
			.orElseThrow(() -> UnigovException.notFound(CatalogError.ENTRY_NOT_FOUND, "Catalog entry", id));
	}

	/** The revisions the actor may see, newest first: all of them for those who see the work. */
	public List<Revision> revisions(Actor actor, UUID id) {
		CatalogEntry entry = visible(actor, id);
		boolean all = EntryAccess.seesWork(actor, entry);
		return this.entries.revisions(entry.id()).stream().filter(r -> all || announced(r)).toList();
	}

	/** The content of an entry at a revision, for requests that cite what they asked for. */
	public Revision revision(Actor actor, UUID id, int number) {
		CatalogEntry entry = visible(actor, id);
		boolean all = EntryAccess.seesWork(actor, entry);
		return this.entries.revision(entry.id(), number)
			.filter(r -> all || announced(r))
			.orElseThrow(() -> new UnigovException(CatalogError.ENTRY_NOT_FOUND,
					"Entry " + entry.code() + " has no revision " + number + "."));
	}

	/**
	 * Every published entry whose open attribute allows opening (C5), for the open-data portal and
	 * its DCAT-AP export; newest first.
	 */
	public List<CatalogEntry> openEntries() {
		return this.entries.openEntries();
	}

	/** An open entry, for anyone; 404 for everything else. */
	public CatalogEntry openEntry(UUID id) {
		return this.entries.get(id)
			.filter(e -> e.status() == EntryStatus.PUBLISHED && e.content().openAttribute() != OpenAttribute.NOT_OPEN)
			.orElseThrow(() -> UnigovException.notFound(CatalogError.ENTRY_NOT_FOUND, "Open dataset", id));
	}

	private static boolean announced(Revision revision) {
		return revision.state() == RevisionState.PUBLISHED || revision.state() == RevisionState.SUPERSEDED;
	}
}
