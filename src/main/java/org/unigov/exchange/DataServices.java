package org.unigov.exchange;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.unigov.exchange.internal.ExchangeError;
import org.unigov.exchange.internal.Services;
import org.unigov.shared.Actor;
import org.unigov.shared.Role;
import org.unigov.shared.problem.CommonError;
import org.unigov.shared.problem.UnigovException;

/**
 * Data services: a provider agency states which endpoint of one of its registered systems serves
 * a published catalog resource, which paths it offers, which response fields carry which data
 * items, and which parameter names the data subject. This is the read side other modules use
 * (project acceptance, P6); providers register and change services through
 * {@code internal.ServiceRegistration}.
 */
@Service
public class DataServices {

	public static final int DEFAULT_TIMEOUT_MS = 5000;

	public static final int DEFAULT_MAX_CONCURRENT = 32;

	private final Services rows;

	DataServices(Services rows) {
		this.rows = rows;
	}

	/** Whether the actor may see a service's technical details (its base URL). */
	public static boolean seesInternals(Actor actor, DataService service) {
		return actor.has(Role.PLATFORM_ADMIN)
				|| (actor.hasAny(Role.COORDINATOR, Role.AUDITOR) && actor.covers(service.providerDivision()))
				|| service.providerAgencyId().equals(actor.agencyId());
	}

	public static boolean canManage(Actor actor, UUID providerAgencyId) {
		return actor.has(Role.PLATFORM_ADMIN)
				|| (actor.hasAny(Role.AGENCY_ADMIN, Role.AGENCY_STAFF) && providerAgencyId.equals(actor.agencyId()));
	}

	private static void requireStaff(Actor actor) {
		if (!actor.hasAny(Role.PLATFORM_ADMIN, Role.COORDINATOR, Role.AUDITOR, Role.AGENCY_ADMIN, Role.AGENCY_STAFF)) {
			throw new UnigovException(CommonError.FORBIDDEN, "Data services are visible to government staff only.");
		}
	}

	@Transactional(readOnly = true)
	public Optional<DataService> get(UUID id) {
		return this.rows.get(id);
	}

	@Transactional(readOnly = true)
	public DataService visible(Actor actor, UUID id) {
		requireStaff(actor);
		return get(id).orElseThrow(() -> UnigovException.notFound(ExchangeError.SERVICE_NOT_FOUND, "Data service", id));
	}

	/** The data services a registered system serves through the exchange, active or not (project acceptance, P6). */
	@Transactional(readOnly = true)
	public List<DataService> bySystem(UUID systemId) {
		return this.rows.bySystem(systemId);
	}

	/** Every active service, for the gateway. */
	@Transactional(readOnly = true)
	public List<DataService> active() {
		return this.rows.active();
	}

	/** Services, newest first; {@code mine} keeps those of the actor's agency. */
	@Transactional(readOnly = true)
	public Page<DataService> find(Actor actor, boolean mine, @Nullable String text, Pageable pageable) {
		requireStaff(actor);
		UUID agency = !mine ? null : actor.agencyId() == null ? new UUID(0, 0) : actor.agencyId();
		return this.rows.find(agency, text, pageable);
	}
}
