package org.unigov.catalog.internal;

import java.util.List;

import org.unigov.catalog.CatalogEntry;
import org.unigov.shared.problem.FieldProblem;

/** What a change produced: the entry and any warnings (e.g. API preferred, C6; authoritative source, C8). */
public record EntryOutcome(CatalogEntry entry, List<FieldProblem> warnings) {
}
