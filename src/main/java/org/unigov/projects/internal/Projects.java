package org.unigov.projects.internal;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.unigov.organization.Agency;
import org.unigov.organization.OrganizationDirectory;
import org.unigov.projects.Stage;
import org.unigov.shared.Actor;
import org.unigov.shared.Coded;
import org.unigov.shared.Role;
import org.unigov.shared.problem.CommonError;
import org.unigov.shared.problem.UnigovException;

/**
 * Reading proposals (项目申报) and who may: a project is seen by its agency, the coordinators and
 * auditors over its division and the platform admin. Writing them is {@link ProposalDrafting};
 * submitting them goes through the gates of {@link ProjectGates} into the reviews of
 * {@link org.unigov.projects.internal.ReviewDesk}. Every change is audited under subject type
 * {@code project}.
 */
@Service
@Transactional(readOnly = true)
public class Projects {

	public static final String SUBJECT = "project";

	private final Proposals proposals;

	private final OrganizationDirectory directory;

	Projects(Proposals proposals, OrganizationDirectory directory) {
		this.proposals = proposals;
		this.directory = directory;
	}

	/** What a list of projects is narrowed to; every field optional. */
	public record ProjectFilter(@Nullable ProjectStatus status, @Nullable Stage stage, @Nullable UUID agencyId,
			@Nullable String divisionCode, @Nullable String text, boolean mine) {
	}

	// ---- who may ------------------------------------------------------------------------------

	public static boolean canRead(Actor actor) {
		return actor.hasAny(Role.PLATFORM_ADMIN, Role.COORDINATOR, Role.AUDITOR, Role.AGENCY_ADMIN, Role.AGENCY_STAFF);
	}

	public static boolean isVisible(Actor actor, Project project) {
		if (actor.has(Role.PLATFORM_ADMIN)) {
			return true;
		}
		if (actor.hasAny(Role.COORDINATOR, Role.AUDITOR) && actor.covers(project.divisionCode())) {
			return true;
		}
		return actor.hasAny(Role.AGENCY_ADMIN, Role.AGENCY_STAFF) && project.agencyId().equals(actor.agencyId());
	}

	/** The proposing agency's admins and staff write its proposals. */
	public static boolean canWrite(Actor actor, UUID agencyId) {
		return actor.hasAny(Role.AGENCY_ADMIN, Role.AGENCY_STAFF) && agencyId.equals(actor.agencyId());
	}

	// ---- reading ------------------------------------------------------------------------------

	public Optional<Project> get(UUID id) {
		return this.proposals.get(id);
	}

	public Project visible(Actor actor, UUID id) {
		return get(id).filter(p -> isVisible(actor, p))
			.orElseThrow(() -> UnigovException.notFound(ProjectError.PROJECT_NOT_FOUND, "Project", id));
	}

	/** The projects the actor may see, newest first. */
	public Page<Project> find(Actor actor, ProjectFilter filter, Pageable pageable) {
		if (!canRead(actor)) {
			throw new UnigovException(CommonError.FORBIDDEN, "Projects are for government staff.");
		}
		return this.proposals.find(actor, filter, pageable);
	}

	/** A stored code read back; an unknown one is a broken row, not bad input. */
	public static <E extends Enum<E> & Coded> E code(Class<E> type, String code) {
		return Coded.parse(type, code)
			.orElseThrow(() -> new IllegalStateException("Unknown " + type.getSimpleName() + " " + code));
	}

	public static void requireUpdated(int updated, Project project, long expectedVersion) {
		if (updated == 0) {
			throw new UnigovException(CommonError.STALE_VERSION, "Project " + project.code()
					+ " was changed by someone else (you had version " + expectedVersion + "): reload it and try again.");
		}
	}

	/** P1: the stage a path starts at. */
	public static Stage firstStage(StagePath path) {
		return switch (path) {
			case STANDARD -> Stage.PROPOSAL;
			case IN_PLAN -> Stage.FEASIBILITY;
			case URGENT -> Stage.FEASIBILITY_DESIGN;
		};
	}

	/** P1: the stage after an approved one, or null when the approved one was the last. */
	public static @Nullable Stage nextStage(StagePath path, Stage stage) {
		return switch (stage) {
			case PROPOSAL -> Stage.FEASIBILITY;
			case FEASIBILITY -> Stage.PRELIMINARY_DESIGN;
			case PRELIMINARY_DESIGN, FEASIBILITY_DESIGN -> null;
		};
	}

	/** Agencies by id for views. */
	public Map<UUID, Agency> agencies(Collection<UUID> ids) {
		return this.directory.agencies(new LinkedHashSet<>(ids));
	}
}
