package org.unigov.registry.internal;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.unigov.registry.SystemRegistry.SystemFilter;
import org.unigov.shared.Actor;

/**
 * Totals over the systems the actor may read that match: how many, what they cost, and how many
 * still run their own accounts (public-facing ones should use unified identity, P4). Unknown costs
 * are left out of the sums, not counted as zero; {@code unknownCosts} says how many systems lack a
 * build or O&amp;M cost.
 */
@Service
@Transactional(readOnly = true)
public class SystemTotals {

	private final Systems systems;

	SystemTotals(Systems systems) {
		this.systems = systems;
	}

	public Systems.Totals summary(Actor actor, SystemFilter filter) {
		return this.systems.totals(actor, filter);
	}
}
