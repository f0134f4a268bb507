package org.unigov.shared.problem;

/**
 * One thing wrong with a submitted record (a system, a catalog entry, a request) or an import row.
 *
 * @param field the API field name (e.g. {@code goLiveDate})
 * @param code a stable code for the kind of problem (e.g. {@code invalid_date})
 * @param message an English sentence naming the problem
 */
public record FieldProblem(String field, String code, String message) {
}
