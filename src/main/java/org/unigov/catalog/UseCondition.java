package org.unigov.catalog;

/**
 * A condition of use of a conditionally shared entry (C3). Every condition cites the law,
 * regulation or State Council decision it rests on: a condition without one is a condition of
 * the department's own, which C4 forbids.
 */
public record UseCondition(ConditionKind kind, String text, String basis) {
}
