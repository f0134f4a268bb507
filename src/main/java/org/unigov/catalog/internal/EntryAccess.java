package org.unigov.catalog.internal;

import java.util.UUID;

import org.unigov.catalog.CatalogEntry;
import org.unigov.catalog.EntryStatus;
import org.unigov.shared.Actor;
import org.unigov.shared.Role;

/**
 * Who may do what with an entry: agency admins and staff compile, revise and submit their own
 * agency's entries; agency admins withdraw them; the coordinator of the provider's own division
 * reviews (C2) and extends update deadlines (C7); platform admins may do all of it.
 */
public final class EntryAccess {

	private EntryAccess() {
	}

	/** Whether the actor may read the catalog's working side (staff of any kind). */
	public static boolean canRead(Actor actor) {
		return actor.hasAny(Role.PLATFORM_ADMIN, Role.COORDINATOR, Role.AUDITOR, Role.AGENCY_ADMIN, Role.AGENCY_STAFF);
	}

	public static boolean canCompile(Actor actor, UUID agencyId) {
		return actor.has(Role.PLATFORM_ADMIN)
				|| actor.hasAny(Role.AGENCY_ADMIN, Role.AGENCY_STAFF) && agencyId.equals(actor.agencyId());
	}

	public static boolean canReview(Actor actor, CatalogEntry entry) {
		return actor.has(Role.PLATFORM_ADMIN)
				|| actor.has(Role.COORDINATOR) && entry.divisionCode().equals(actor.divisionCode());
	}

	public static boolean canWithdraw(Actor actor, CatalogEntry entry) {
		return actor.has(Role.PLATFORM_ADMIN)
				|| actor.has(Role.AGENCY_ADMIN) && entry.providerAgencyId().equals(actor.agencyId());
	}

	/** Published entries are announced to every department (C2); the rest stays with its makers and overseers. */
	public static boolean isVisible(Actor actor, CatalogEntry entry) {
		if (actor.has(Role.PLATFORM_ADMIN)) {
			return true;
		}
		if (entry.status() == EntryStatus.PUBLISHED && canRead(actor)) {
			return true;
		}
		if (actor.hasAny(Role.COORDINATOR, Role.AUDITOR) && actor.covers(entry.divisionCode())) {
			return true;
		}
		return actor.hasAny(Role.AGENCY_ADMIN, Role.AGENCY_STAFF) && entry.providerAgencyId().equals(actor.agencyId());
	}

	/**
	 * Whether the actor sees the work on an entry — drafts, returned revisions, reviewers' comments,
	 * its audit history — and not only what was published: its department, and the coordinators
	 * and auditors over it.
	 */
	public static boolean seesWork(Actor actor, CatalogEntry entry) {
		return actor.has(Role.PLATFORM_ADMIN)
				|| actor.hasAny(Role.COORDINATOR, Role.AUDITOR) && actor.covers(entry.divisionCode())
				|| actor.hasAny(Role.AGENCY_ADMIN, Role.AGENCY_STAFF) && entry.providerAgencyId().equals(actor.agencyId());
	}
}
