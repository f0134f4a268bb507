package org.unigov.registry;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.unigov.registry.internal.RegistryError;
import org.unigov.registry.internal.SystemAgencies;
import org.unigov.registry.internal.Systems;
import org.unigov.shared.Actor;
import org.unigov.shared.Role;
import org.unigov.shared.problem.UnigovException;

/**
 * The inventory of government systems, as other modules read it. Reading is scoped like the rest
 * of the platform: platform admins see everything, coordinators and auditors their division
 * subtree, agency admins and staff their own agency. Writes go through the registry's own
 * registration and editing services, which announce them with {@link SystemsChanged}.
 */
@Service
@Transactional(readOnly = true)
public class SystemRegistry {

	private final Systems systems;

	private final SystemAgencies agencies;

	SystemRegistry(Systems systems, SystemAgencies agencies) {
		this.systems = systems;
		this.agencies = agencies;
	}

	/** What a list of systems is narrowed to; every part is optional. */
	public record SystemFilter(@Nullable String divisionCode, @Nullable UUID agencyId, @Nullable String capability,
			@Nullable SystemStatus status, @Nullable LoginMethod loginMethod, @Nullable String text,
			@Nullable Boolean sharedPlatform) {
	}

	/** Whether the actor may read the registry at all. */
	public static boolean canRead(Actor actor) {
		return actor.hasAny(Role.PLATFORM_ADMIN, Role.COORDINATOR, Role.AUDITOR, Role.AGENCY_ADMIN, Role.AGENCY_STAFF);
	}

	/** Whether the actor may register or edit systems of this agency. */
	public static boolean canWrite(Actor actor, UUID agencyId) {
		return actor.has(Role.PLATFORM_ADMIN) || actor.hasAny(Role.AGENCY_ADMIN, Role.AGENCY_STAFF)
				&& agencyId.equals(actor.agencyId());
	}

	public static boolean isVisible(Actor actor, RegisteredSystem system) {
		if (actor.has(Role.PLATFORM_ADMIN)) {
			return true;
		}
		if (actor.hasAny(Role.COORDINATOR, Role.AUDITOR) && actor.covers(system.divisionCode())) {
			return true;
		}
		return actor.hasAny(Role.AGENCY_ADMIN, Role.AGENCY_STAFF) && system.agencyId().equals(actor.agencyId());
	}

	public Page<RegisteredSystem> find(Actor actor, SystemFilter filter, Pageable pageable) {
		Page<RegisteredSystem> page = this.systems.page(actor, filter, pageable);
		return new PageImpl<>(this.agencies.fill(page.getContent()), pageable, page.getTotalElements());
	}

	/**
	 * All systems the actor may read that match, for exports and selects; by name, in pinyin order
	 * (the ICU collation of {@link org.unigov.shared.ChineseOrder#SQL_COLLATION}).
	 */
	public List<RegisteredSystem> findAll(Actor actor, SystemFilter filter, Sort sort) {
		return this.agencies.fill(this.systems.all(actor, filter, sort));
	}

	/** Any system, unscoped: for the platform's own use (the duplicate finder, other modules). */
	public Optional<RegisteredSystem> get(SystemId id) {
		return this.systems.get(id.value()).map(s -> this.agencies.fill(List.of(s)).getFirst());
	}

	/** The systems with these ids, unscoped; unknown ids are left out. */
	public List<RegisteredSystem> get(Collection<UUID> ids) {
		return this.agencies.fill(this.systems.get(ids));
	}

	/** The system if the actor may read it; 404 otherwise, so that existence does not leak. */
	public RegisteredSystem visible(Actor actor, UUID id) {
		return get(new SystemId(id)).filter(s -> isVisible(actor, s))
			.orElseThrow(() -> UnigovException.notFound(RegistryError.SYSTEM_NOT_FOUND, "System", id));
	}
}
