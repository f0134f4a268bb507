package org.unigov.projects.internal;

import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.unigov.organization.Agency;
import org.unigov.organization.Division;
import org.unigov.registry.LoginMethod;

/**
 * A proposal checked as a whole and resolved by {@link ProposalCheck}: what {@link Proposals}
 * stores, in the parts a reader of the form would name.
 */
public record Checked(Agency agency, Division division, Basics basics, Reach reach, DataFlows flows, Money money,
		List<Project.Target> targets) {

	/** What the project is and which way it goes through the stages (P1). */
	public record Basics(String name, String summary, ProjectType type, StagePath path, @Nullable String planReference,
			@Nullable String urgencyReason) {
	}

	/** The system it builds on, what it does, who signs in and what it reuses (P3, P4). */
	public record Reach(@Nullable UUID targetSystemId, List<String> capabilities, boolean publicFacing,
			LoginMethod signIn, @Nullable String identityExemption, @Nullable String overlapJustification,
			List<UUID> reuseSystemIds) {
	}

	/** The data it publishes, obtains through sharing (P2) and collects itself. */
	public record DataFlows(List<Project.Publication> publishes, List<Project.Acquisition> obtains,
			List<String> collects) {
	}

	/** The budget lines and their exact sums in fen (P5). */
	public record Money(List<Project.Line> lines, long buildFen, long omFen, long totalFen) {
	}
}
