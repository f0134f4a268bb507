package org.unigov.sharing.internal;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.unigov.audit.AuditRecord;
import org.unigov.catalog.Catalog;
import org.unigov.shared.Actor;
import org.unigov.shared.Role;
import org.unigov.shared.problem.FieldProblem;
import org.unigov.shared.problem.UnigovException;
import org.unigov.sharing.RequestStatus;
import org.unigov.sharing.SharingRequest;

/**
 * The statutory numbers of a sharing request (S2, S5) and who may act on one: the requesting
 * agency's admins and staff file, supplement and withdraw; the providing agency's reply and deliver;
 * the coordinator of the provider's division decides extensions. Requests are visible to both
 * agencies and to coordinators and auditors over either.
 */
public final class RequestRules {

	/** S2: working days to reply to a request for a conditional entry. */
	public static final int REPLY_DAYS = 10;

	/** S2: working days for an unconditional entry (Unigov grants at once). */
	public static final int UNCONDITIONAL_REPLY_DAYS = 1;

	/** S2: the longest extension, granted once. */
	public static final int MAX_EXTENSION_DAYS = 10;

	/** S5: working days to deliver approved data. */
	public static final int DELIVERY_DAYS = 20;

	/** The longest period of use a request may ask for before it must be renewed. */
	public static final int MAX_PERIOD_YEARS = 5;

	private RequestRules() {
	}

	public static boolean canRead(Actor actor) {
		return Catalog.canRead(actor);
	}

	public static boolean isVisible(Actor actor, SharingRequest r) {
		if (actor.has(Role.PLATFORM_ADMIN)) {
			return true;
		}
		if (actor.hasAny(Role.COORDINATOR, Role.AUDITOR)
				&& (actor.covers(r.requesterDivision()) || actor.covers(r.providerDivision()))) {
			return true;
		}
		return actor.hasAny(Role.AGENCY_ADMIN, Role.AGENCY_STAFF)
				&& (r.requesterAgencyId().equals(actor.agencyId()) || r.providerAgencyId().equals(actor.agencyId()));
	}

	public static boolean actsFor(Actor actor, UUID agencyId) {
		return actor.has(Role.PLATFORM_ADMIN)
				|| actor.hasAny(Role.AGENCY_ADMIN, Role.AGENCY_STAFF) && agencyId.equals(actor.agencyId());
	}

	/** The coordinator of the provider's level decides extensions (S2). */
	public static boolean coordinates(Actor actor, String division) {
		return actor.has(Role.PLATFORM_ADMIN) || actor.has(Role.COORDINATOR) && division.equals(actor.divisionCode());
	}

	public static void requireStatus(SharingRequest request, RequestStatus status) {
		if (request.status() != status) {
			throw new UnigovException(SharingError.WRONG_STATE, "Request " + request.number() + " is "
					+ request.status().code() + ", not " + status.code() + ".");
		}
	}

	/** The audit record of a change to a request. */
	public static AuditRecord audited(String action, UUID id, String division, Map<String, ?> details) {
		return AuditRecord.of(action, "sharing-request", id, division, details);
	}

	public static UnigovException invalid(List<FieldProblem> problems) {
		return UnigovException.invalid(SharingError.INVALID_REQUEST, "The request lacks or misstates "
				+ problems.size() + " thing(s); all are listed: " + UnigovException.messages(problems), problems);
	}

	public static boolean blank(@Nullable String text) {
		return text == null || text.isBlank();
	}

	public static String text(@Nullable String text) {
		return text == null ? "" : text.strip();
	}
}
