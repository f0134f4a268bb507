package org.unigov.registry.similarity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The quality targets of the duplicate finder on the labelled evaluation set (220 systems,
 * 526 labelled pairs, among them 110 code-only negatives): recall@5 at least 0.9 and precision@1 at least 0.8.
 */
class FinderEvaluationTests {

	@Test
	void meetsTheQualityTargetsOnTheEvaluationSet() throws Exception {
		FinderEvaluation.Result result = FinderEvaluation.evaluate(0.5);
		assertThat(result.systems()).isGreaterThanOrEqualTo(200);
		assertThat(result.duplicatePairs()).isGreaterThanOrEqualTo(150);
		assertThat(result.recallAt5()).as(result.toString()).isGreaterThanOrEqualTo(0.9);
		assertThat(result.precisionAt1()).as(result.toString()).isGreaterThanOrEqualTo(0.8);
	}

	/**
	 * A capability code shared with no other evidence (a staff cafeteria coded like the district's
	 * city-operation platform) never reaches the duplicate threshold.
	 */
	@Test
	void aSharedCapabilityCodeAloneIsNoDuplicate() throws Exception {
		FinderEvaluation.Result result = FinderEvaluation.evaluate(0.5);
		assertThat(result.codeOnlyPairs()).isGreaterThanOrEqualTo(50);
		assertThat(result.codeOnlyAboveThreshold()).as(result.toString()).isZero();
	}
}
