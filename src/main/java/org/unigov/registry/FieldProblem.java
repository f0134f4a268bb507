package org.unigov.registry;

/**
 * One thing wrong with a system record or an import row.
 *
 * @param field the API field name (e.g. {@code goLiveDate})
 * @param code a stable code for the kind of problem (e.g. {@code invalid_date})
 * @param message an English sentence naming the problem
 */
public record FieldProblem(String field, String code, String message) {
}
