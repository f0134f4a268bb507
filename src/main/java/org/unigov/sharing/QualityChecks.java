package org.unigov.sharing;

import java.util.List;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.unigov.shared.Actor;
import org.unigov.sharing.internal.QualityCheckProcedure;

/**
 * Data-quality checks (S8), as other modules see them: the checks an agency asked for or must
 * answer. Filing and answering checks is the use case {@code QualityCheckProcedure} in
 * {@code internal}.
 */
@Service
@Transactional(readOnly = true)
public class QualityChecks {

	private final QualityCheckProcedure procedure;

	QualityChecks(QualityCheckProcedure procedure) {
		this.procedure = procedure;
	}

	/** Checks the actor's agency asked for or must answer, open ones first. */
	public List<QualityCheck> forAgency(Actor actor) {
		return this.procedure.forAgency(actor);
	}
}
