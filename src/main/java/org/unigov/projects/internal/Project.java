package org.unigov.projects.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.unigov.projects.Stage;
import org.unigov.registry.FundingSource;
import org.unigov.registry.LoginMethod;

/**
 * A project as stored: its proposal, where it is in the stages (P1) and in review, and its money
 * in fen (build and O&M, and their total, which decides the approval route under P5).
 *
 * @param route the levels that approve the current submission, lowest first (3 county, 2 city, 1 province)
 * @param round how many times it has been submitted
 * @param gateOutcome the worst gate outcome when the proposal was last saved
 * @param deliveredSystemId the registered system the project delivered (P6, P7)
 */
public record Project(UUID id, String code, String name, String summary, UUID agencyId, String agencyCode,
		String divisionCode, int divisionLevel, ProjectType type, StagePath path, @Nullable String planReference,
		@Nullable String urgencyReason, Stage stage, ProjectStatus status, @Nullable UUID targetSystemId,
		List<String> capabilities, boolean publicFacing, LoginMethod signIn, @Nullable String identityExemption,
		@Nullable String overlapJustification, List<UUID> reuseSystemIds, List<Publication> publishes,
		List<Acquisition> obtains, List<String> collects, long buildFen, long omFen, long totalFen, List<Integer> route,
		int round, List<Line> budgetLines, List<Target> targets, @Nullable Instant submittedAt, @Nullable Instant decidedAt,
		@Nullable GateOutcome gateOutcome, @Nullable UUID deliveredSystemId, @Nullable LocalDate goLiveDate,
		@Nullable Instant acceptedAt, String createdBy, Instant createdAt, Instant updatedAt, long version) {

	/** P2: a data resource the project will publish. */
	public record Publication(String name, String description) {
	}

	/** P2: a catalog resource the project obtains through sharing. */
	public record Acquisition(UUID entryId, String entryCode, String entryName, List<String> items, String purpose) {
	}

	public record Line(BudgetKind kind, int year, FundingSource source, long amountFen, String note) {
	}

	/** P7: an outcome target; {@code source} says where its measured value will come from. */
	public record Target(IndicatorKind indicator, String name, String unit, BigDecimal baseline, BigDecimal target,
			LocalDate due, IndicatorKind.Source source) {
	}

	/** Whether the agency may still change it. */
	public boolean editable() {
		return this.status == ProjectStatus.DRAFT || this.status == ProjectStatus.RETURNED;
	}
}
