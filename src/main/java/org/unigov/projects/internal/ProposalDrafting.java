package org.unigov.projects.internal;

import java.time.Clock;
import java.time.Year;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.unigov.audit.AuditJournal;
import org.unigov.audit.AuditRecord;
import org.unigov.shared.Actor;
import org.unigov.shared.ChinaTime;
import org.unigov.shared.problem.FieldProblem;
import org.unigov.shared.problem.UnigovException;

/**
 * Writing proposals: the proposing agency drafts, revises and withdraws them. Every save is
 * checked as a whole by {@link ProposalCheck} and run through the gates, so coordinators see
 * which proposals would fail before they are submitted. Audited as {@code project.created},
 * {@code project.updated} and {@code project.withdrawn}.
 */
@Service
@Transactional
public class ProposalDrafting {

	private final Projects projects;

	private final Proposals proposals;

	private final ProposalCheck checks;

	private final ProjectGates gates;

	private final ReviewSteps steps;

	private final AuditJournal journal;

	private final Clock clock;

	ProposalDrafting(Projects projects, Proposals proposals, ProposalCheck checks, ProjectGates gates,
			ReviewSteps steps, AuditJournal journal, Clock clock) {
		this.projects = projects;
		this.proposals = proposals;
		this.checks = checks;
		this.gates = gates;
		this.steps = steps;
		this.journal = journal;
		this.clock = clock;
	}

	/** Writes a new draft proposal for the actor's agency (audited: project.created). */
	public Project create(Actor actor, ProjectInput input) {
		UUID agencyId = input.agencyId() != null ? input.agencyId() : actor.agencyId();
		if (agencyId == null || !Projects.canWrite(actor, agencyId)) {
			throw new UnigovException(ProjectError.NOT_YOUR_PROJECT,
					"Only the admins and staff of the proposing agency write its proposals.");
		}
		Checked c = this.checks.check(input, agencyId, null);
		UUID id = UUID.randomUUID();
		int year = Year.now(this.clock.withZone(ChinaTime.ZONE)).getValue();
		String code = "XM-%s-%d-%05d".formatted(c.division().code(), year, this.proposals.nextNumber());
		Project created = this.proposals.insert(id, code, c, actor.username());
		this.journal.append(actor, AuditRecord.of("project.created", Projects.SUBJECT, id, c.division().code(),
				summary(code, c)));
		return checkGates(actor, created);
	}

	/** Revises a draft or a returned proposal (audited: project.updated). */
	public Project update(Actor actor, UUID id, ProjectInput input, long expectedVersion) {
		Project project = this.projects.visible(actor, id);
		if (!Projects.canWrite(actor, project.agencyId())) {
			throw new UnigovException(ProjectError.NOT_YOUR_PROJECT,
					"Only the admins and staff of the proposing agency revise its proposals.");
		}
		if (!project.editable()) {
			throw new UnigovException(ProjectError.NOT_EDITABLE, "Project " + project.code() + " is "
					+ project.status().code() + ": only a draft or a returned proposal can be revised.");
		}
		if (input.agencyId() != null && !input.agencyId().equals(project.agencyId())) {
			throw UnigovException.invalid(ProjectError.INVALID_PROJECT, "A project stays with the agency that proposed it.",
					List.of(new FieldProblem("agencyId", "agency_fixed", "A project stays with the agency that proposed it.")));
		}
		Checked c = this.checks.check(input, project.agencyId(), project);
		Project updated = this.proposals.update(id, c, expectedVersion).orElse(null);
		Projects.requireUpdated(updated == null ? 0 : 1, project, expectedVersion);
		this.journal.append(actor, AuditRecord.of("project.updated", Projects.SUBJECT, id, project.divisionCode(),
				summary(project.code(), c)));
		return checkGates(actor, updated);
	}

	/** Withdraws a proposal not yet approved; its open reviews are cancelled (audited: project.withdrawn). */
	public Project withdraw(Actor actor, UUID id, long expectedVersion) {
		Project project = this.projects.visible(actor, id);
		if (!Projects.canWrite(actor, project.agencyId())) {
			throw new UnigovException(ProjectError.NOT_YOUR_PROJECT, "Only the proposing agency withdraws its proposal.");
		}
		if (!Set.of(ProjectStatus.DRAFT, ProjectStatus.RETURNED, ProjectStatus.IN_REVIEW).contains(project.status())) {
			throw new UnigovException(ProjectError.WRONG_STATE,
					"Project " + project.code() + " is " + project.status().code() + " and can no longer be withdrawn.");
		}
		Project withdrawn = this.proposals.withdraw(project, expectedVersion).orElse(null);
		Projects.requireUpdated(withdrawn == null ? 0 : 1, project, expectedVersion);
		this.steps.cancelOpen(id);
		this.journal.append(actor, AuditRecord.of("project.withdrawn", Projects.SUBJECT, id, project.divisionCode(),
				Map.of("code", project.code(), "from", project.status().code())));
		return withdrawn;
	}

	/**
	 * Runs the gates on a saved proposal and keeps their worst outcome, so coordinators see which
	 * proposals would fail before they are submitted (the portfolio's "failing gates").
	 */
	private Project checkGates(Actor actor, Project project) {
		GateOutcome outcome = GateResult.worst(this.gates.run(actor, project));
		return this.proposals.recordGateOutcome(project, outcome);
	}

	private static Map<String, Object> summary(String code, Checked c) {
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("code", code);
		details.put("name", c.basics().name());
		details.put("type", c.basics().type().code());
		details.put("path", c.basics().path().code());
		details.put("buildFen", c.money().buildFen());
		details.put("omFen", c.money().omFen());
		details.put("totalFen", c.money().totalFen());
		details.put("capabilities", c.reach().capabilities());
		details.put("targets", c.targets().stream().map(t -> t.indicator().code()).toList());
		return details;
	}
}
