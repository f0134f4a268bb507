package org.unigov.catalog.harvest;

/**
 * Something that did not map cleanly from a source dataset to a catalog entry. A blocking problem
 * keeps the dataset out of the catalog; the others are imported and listed, so that nothing is
 * cut, replaced or left out without the harvester's reader being told.
 *
 * @param code stable snake_case code, with a message in the bundles ({@code harvest.problem.<code>})
 * @param field the entry or source field concerned
 * @param message the English detail, with the values concerned
 */
public record HarvestProblem(String code, String field, String message, boolean blocking) {

	static HarvestProblem blocking(String code, String field, String message) {
		return new HarvestProblem(code, field, message, true);
	}

	static HarvestProblem note(String code, String field, String message) {
		return new HarvestProblem(code, field, message, false);
	}
}
