package org.unigov.projects.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * What an agency writes in a proposal (项目申报). Enumerated fields take their code or either label;
 * money is in whole fen (分). Everything is checked at once and every problem listed together.
 *
 * @param agencyId the proposing agency; an agency's own staff may leave it out
 * @param type new-system, upgrade or om
 * @param path P1: standard, in-plan (with {@code planReference}) or urgent (with {@code urgencyReason})
 * @param targetSystemId the registered system upgraded or maintained (required for upgrade and om)
 * @param capabilities planned capabilities, codes of the registry's function taxonomy
 * @param signIn P4: unified-identity, own-accounts (needs {@code identityExemption}) or none
 * @param overlapJustification P3: why the overlap with registered systems is needed
 * @param reuseSystemIds P3: registered (shared) systems the project reuses instead of building
 * @param publishes P2: data resources it will publish to the catalog
 * @param obtains P2: catalog resources it will obtain through sharing
 * @param collects C8: data it plans to collect from citizens or enterprises
 */
public record ProjectInput(@Nullable String name, @Nullable String summary, @Nullable UUID agencyId,
		@Nullable String type, @Nullable String path, @Nullable String planReference, @Nullable String urgencyReason,
		@Nullable UUID targetSystemId, @Nullable List<String> capabilities, @Nullable Boolean publicFacing,
		@Nullable String signIn, @Nullable String identityExemption, @Nullable String overlapJustification,
		@Nullable List<UUID> reuseSystemIds, @Nullable List<Publication> publishes, @Nullable List<Acquisition> obtains,
		@Nullable List<String> collects, @Nullable List<BudgetLine> budgetLines, @Nullable List<Target> targets) {

	/** P2: a data resource the project will publish to the catalog. */
	public record Publication(@Nullable String name, @Nullable String description) {
	}

	/** P2: a published catalog resource the project will obtain through sharing, by its code. */
	public record Acquisition(@Nullable String entryCode, @Nullable List<String> items, @Nullable String purpose) {
	}

	/** A budget line: build or om, a year, a funding source, an amount in fen. */
	public record BudgetLine(@Nullable String kind, @Nullable Integer year, @Nullable String source,
			@Nullable Long amountFen, @Nullable String note) {
	}

	/** P7: an outcome target: indicator kind, its name, baseline, target and the date to reach it. */
	public record Target(@Nullable String indicator, @Nullable String name, @Nullable String unit,
			@Nullable BigDecimal baseline, @Nullable BigDecimal target, @Nullable LocalDate due) {
	}
}
