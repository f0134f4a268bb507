package org.unigov.projects;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.unigov.shared.Coded;

/**
 * One review of one submission: an approval by the coordinator (统筹部门) of one level, or the
 * auditor's budget review beside the approvals. Approvals run lowest level first; a level's step
 * is pending only once the level below has approved (P5: no level is skipped).
 */
public record ReviewStep(UUID id, UUID projectId, int round, Stage stage, Kind kind, int level, String divisionCode,
		int position, StepStatus status, @Nullable Instant activatedAt, @Nullable LocalDate due,
		@Nullable String decidedBy, @Nullable String decidedByName, @Nullable Instant decidedAt,
		@Nullable String comment) {

	/** An approval by a level's coordinator, or the auditor's budget review. */
	public enum Kind implements Coded {

		APPROVAL("approval", "审批", "Approval"), BUDGET("budget", "预算审查", "Budget review");

		private final Label label;

		Kind(String code, String labelZh, String labelEn) {
			this.label = new Label(code, labelZh, labelEn);
		}

		@Override
		public Label label() {
			return this.label;
		}
	}

	public boolean overdue(LocalDate today) {
		return this.status == StepStatus.PENDING && this.due != null && today.isAfter(this.due);
	}
}
