package org.unigov.catalog.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.unigov.catalog.CatalogEntry;
import org.unigov.catalog.CatalogError;
import org.unigov.catalog.EntryStatus;
import org.unigov.catalog.EntryWithdrawn;
import org.unigov.catalog.RevisionState;
import org.unigov.catalog.WithdrawalGuard;
import org.unigov.shared.Actor;
import org.unigov.shared.problem.UnigovException;

/** Taking an entry out of the catalog, by the provider's admin, while nothing depends on it. */
@Service
@Transactional
public class EntryWithdrawal {

	private final Entries entries;

	private final EntryReads reads;

	private final EntryChanges changes;

	private final List<WithdrawalGuard> guards;

	EntryWithdrawal(Entries entries, EntryReads reads, EntryChanges changes, List<WithdrawalGuard> guards) {
		this.entries = entries;
		this.reads = reads;
		this.changes = changes;
		this.guards = guards;
	}

	/**
	 * Takes an entry out of the catalog, with a reason. Refused while something still depends on it
	 * (active grants: ending a sharing service needs the S7 procedure first).
	 */
	public CatalogEntry withdraw(Actor actor, UUID id, String reason, long expectedVersion) {
		CatalogEntry entry = this.reads.visible(actor, id);
		if (!EntryAccess.canWithdraw(actor, entry)) {
			throw new UnigovException(CatalogError.NOT_YOUR_ENTRY,
					"Only the providing department's admin withdraws its catalog entries.");
		}
		this.changes.lockVersion(entry, expectedVersion);
		if (entry.status() == EntryStatus.WITHDRAWN) {
			throw new UnigovException(CatalogError.WRONG_STATE, "Entry " + entry.code() + " is withdrawn already.");
		}
		if (reason.isBlank()) {
			throw new UnigovException(CatalogError.COMMENT_REQUIRED, "Give the reason for withdrawing the entry.");
		}
		refuseInUse(entry);
		RevisionState working = this.entries.workingState(entry);
		boolean unpublished = working == RevisionState.SUBMITTED || working == RevisionState.DRAFT
				|| working == RevisionState.RETURNED;
		CatalogEntry withdrawn = this.entries.withdraw(id, unpublished ? entry.workingRevision() : null, reason.strip());
		this.changes.record(actor, "entry.withdrawn", withdrawn, Map.of("code", entry.code(), "reason", reason.strip()));
		this.changes.publish(new EntryWithdrawn(id, entry.code(), reason.strip()));
		return withdrawn;
	}

	private void refuseInUse(CatalogEntry entry) {
		List<String> blockers = new ArrayList<>();
		this.guards.forEach(guard -> blockers.addAll(guard.blockers(entry.id())));
		if (!blockers.isEmpty()) {
			throw new UnigovException(CatalogError.ENTRY_IN_USE,
					"Entry " + entry.code() + " is still in use: " + String.join("; ", blockers)
							+ ". End those grants first, after consulting the consumers and filing with the coordinator (S7).",
					Map.of("blockers", blockers));
		}
	}
}
