package org.unigov.projects;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * One review of one submission: an approval by the coordinator (统筹部门) of one level, or the
 * auditor's budget review beside the approvals. Approvals run lowest level first; a level's step
 * is pending only once the level below has approved (P5: no level is skipped).
 */
public record ReviewStep(UUID id, UUID projectId, int round, Stage stage, Kind kind, int level, String divisionCode,
		int position, StepStatus status, @Nullable Instant activatedAt, @Nullable LocalDate due,
		@Nullable String decidedBy, @Nullable String decidedByName, @Nullable Instant decidedAt,
		@Nullable String comment) {

	public enum Kind {

		APPROVAL, BUDGET;

		public String code() {
			return name().toLowerCase(java.util.Locale.ROOT);
		}
	}

	public boolean overdue(LocalDate today) {
		return this.status == StepStatus.PENDING && this.due != null && today.isAfter(this.due);
	}
}
