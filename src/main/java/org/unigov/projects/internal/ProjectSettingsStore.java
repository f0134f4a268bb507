package org.unigov.projects.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.unigov.audit.AuditJournal;
import org.unigov.audit.AuditRecord;
import org.unigov.registry.DuplicateFinder;
import org.unigov.shared.Actor;
import org.unigov.shared.Amounts;
import org.unigov.shared.Role;
import org.unigov.shared.problem.CommonError;
import org.unigov.shared.problem.FieldProblem;
import org.unigov.shared.problem.UnigovException;

/** The P5 thresholds and the module's other settings: read by everyone, changed by a platform admin (audited). */
@Service
@Transactional
public class ProjectSettingsStore {

	private final SettingsRows rows;

	private final AuditJournal journal;

	ProjectSettingsStore(SettingsRows rows, AuditJournal journal) {
		this.rows = rows;
		this.journal = journal;
	}

	@Transactional(readOnly = true)
	public ProjectSettings current() {
		return this.rows.current();
	}

	/** Changes the settings (platform admin only; audited: project-settings.changed). */
	public ProjectSettings update(Actor actor, long countyToCityFen, long toProvinceFen, double duplicateThreshold,
			int reviewDays, long expectedVersion) {
		if (!actor.has(Role.PLATFORM_ADMIN)) {
			throw new UnigovException(CommonError.FORBIDDEN, "Only a platform admin changes the approval thresholds.");
		}
		List<FieldProblem> problems = new ArrayList<>();
		if (countyToCityFen <= 0 || countyToCityFen > Amounts.MAX_FEN) {
			problems.add(new FieldProblem("countyToCityFen", "invalid_amount", "countyToCityFen is more than 0 fen."));
		}
		if (toProvinceFen <= 0 || toProvinceFen > Amounts.MAX_FEN) {
			problems.add(new FieldProblem("toProvinceFen", "invalid_amount", "toProvinceFen is more than 0 fen."));
		}
		if (countyToCityFen > toProvinceFen) {
			problems.add(new FieldProblem("countyToCityFen", "threshold_order",
					"The county-to-city threshold cannot be above the province threshold."));
		}
		if (!(duplicateThreshold >= DuplicateFinder.MIN_SCORE && duplicateThreshold <= 1)) {
			problems.add(new FieldProblem("duplicateThreshold", "invalid_threshold", "duplicateThreshold is between "
					+ DuplicateFinder.MIN_SCORE + " (the least similarity the duplicate finder reports) and 1."));
		}
		if (reviewDays < 1 || reviewDays > 60) {
			problems.add(new FieldProblem("reviewDays", "invalid_days", "reviewDays is between 1 and 60 working days."));
		}
		if (!problems.isEmpty()) {
			throw UnigovException.invalid(ProjectError.INVALID_SETTINGS, UnigovException.messages(problems), problems);
		}
		ProjectSettings before = current();
		ProjectSettings after = this.rows
			.update(countyToCityFen, toProvinceFen, duplicateThreshold, reviewDays, actor, expectedVersion)
			.orElse(null);
		if (after == null) {
			throw new UnigovException(CommonError.STALE_VERSION,
					"The settings were changed by someone else (you had version " + expectedVersion + "): reload them.");
		}
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("countyToCityFen", List.of(before.countyToCityFen(), countyToCityFen));
		details.put("toProvinceFen", List.of(before.toProvinceFen(), toProvinceFen));
		details.put("duplicateThreshold", List.of(BigDecimal.valueOf(before.duplicateThreshold()),
				BigDecimal.valueOf(duplicateThreshold)));
		details.put("reviewDays", List.of(before.reviewDays(), reviewDays));
		this.journal.append(actor, AuditRecord.of("project-settings.changed", "project-settings", "1", null, details));
		return after;
	}
}
