package org.unigov.sharing;

import java.util.List;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.unigov.shared.Actor;
import org.unigov.sharing.internal.DisputeProcedure;

/**
 * Disputes over sharing (S9), as other modules see them: the open disputes a coordinator handles
 * now. Opening, escalating and resolving disputes is the use case {@code DisputeProcedure} in
 * {@code internal}.
 */
@Service
@Transactional(readOnly = true)
public class Disputes {

	private final DisputeProcedure procedure;

	Disputes(DisputeProcedure procedure) {
		this.procedure = procedure;
	}

	/** Open disputes a coordinator handles now (at a coordinator tier in their division). */
	public List<Dispute> awaiting(Actor actor) {
		return this.procedure.awaiting(actor);
	}
}
