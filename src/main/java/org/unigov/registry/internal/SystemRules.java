package org.unigov.registry.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.unigov.organization.Agency;
import org.unigov.organization.AgencyId;
import org.unigov.organization.OrganizationDirectory;
import org.unigov.registry.SystemRegistry;
import org.unigov.registry.Taxonomy;
import org.unigov.shared.Actor;
import org.unigov.shared.Role;
import org.unigov.shared.problem.FieldProblem;
import org.unigov.shared.problem.UnigovException;

/**
 * The rules every write of a system obeys: the agency exists and the actor may write for it, only a
 * platform admin marks a shared platform, the record is valid, and the name is free in the agency.
 */
@Component
public class SystemRules {

	private final Systems systems;

	private final OrganizationDirectory organizations;

	private final Taxonomy taxonomy;

	private final Clock clock;

	SystemRules(Systems systems, OrganizationDirectory organizations, Taxonomy taxonomy, Clock clock) {
		this.systems = systems;
		this.organizations = organizations;
		this.taxonomy = taxonomy;
		this.clock = clock;
	}

	/**
	 * Everything wrong with a draft apart from permissions, each problem with its field: the same
	 * checks for the API, the pages and every import row.
	 */
	public List<FieldProblem> validate(SystemDraft draft) {
		return SystemValidation.validate(draft, this.taxonomy, LocalDate.now(this.clock));
	}

	/** 400 {@code invalid_system} with the problems, if there are any. */
	void requireValid(SystemDraft draft) {
		List<FieldProblem> problems = validate(draft);
		if (!problems.isEmpty()) {
			throw invalid(problems);
		}
	}

	static UnigovException invalid(List<FieldProblem> problems) {
		return UnigovException.invalid(RegistryError.INVALID_SYSTEM,
				"The system record has " + problems.size() + " problem(s).", problems);
	}

	/** 403 {@code shared_platform_reserved} unless the actor is a platform admin. */
	static void requireSharedPlatformRight(Actor actor) {
		if (!actor.has(Role.PLATFORM_ADMIN)) {
			throw new UnigovException(RegistryError.SHARED_PLATFORM_RESERVED,
					"Only a platform admin may mark a system as a shared platform.");
		}
	}

	static UnigovException exists(String name) {
		return new UnigovException(RegistryError.SYSTEM_EXISTS,
				"The agency already has a system named '" + SystemNames.clean(name) + "'.");
	}

	/** The draft's agency, active and writable by the actor. */
	Agency requireWritable(Actor actor, SystemDraft draft) {
		Agency agency = this.organizations.agency(new AgencyId(draft.agencyId()))
			.filter(Agency::active)
			.orElseThrow(() -> new UnigovException(RegistryError.INVALID_SYSTEM,
					"Agency " + draft.agencyId() + " does not exist or is inactive.",
					Map.of("errors", List.of(Map.of("field", "agencyId", "code", "unknown_agency", "message",
							"Unknown or inactive agency.")))));
		if (!SystemRegistry.canWrite(actor, agency.id().value())) {
			throw new UnigovException(RegistryError.SYSTEM_OUT_OF_SCOPE,
					"You may register systems only for your own agency.");
		}
		return agency;
	}

	/** 409 {@code system_exists} when another system of the agency has this name (whitespace aside). */
	void requireFreeName(Agency agency, String name, @Nullable UUID excludeId) {
		String key = SystemNames.key(name);
		boolean taken = this.systems.names(agency.id().value(), excludeId)
			.stream()
			.anyMatch(n -> SystemNames.key(n).equals(key));
		if (taken) {
			throw exists(name);
		}
	}
}
