package org.unigov.audit;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * What a module tells the journal about a change. The actor and time are filled in by the journal.
 *
 * @param action dotted verb naming the change, e.g. {@code agency.created}
 * @param subjectType the kind of thing changed, e.g. {@code agency}
 * @param subjectId its id
 * @param divisionCode the GB/T 2260 division the subject belongs to (decides who may read the
 * entry); {@code null} means the actor's own division
 * @param details what changed, as JSON-compatible values (strings, numbers, booleans, lists, maps)
 */
public record AuditRecord(String action, String subjectType, String subjectId, @Nullable String divisionCode,
		Map<String, ?> details) {

	public static AuditRecord of(String action, String subjectType, Object subjectId, @Nullable String divisionCode,
			Map<String, ?> details) {
		return new AuditRecord(action, subjectType, String.valueOf(subjectId), divisionCode, details);
	}
}
