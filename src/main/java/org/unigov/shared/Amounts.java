package org.unigov.shared;

import java.math.BigDecimal;

import org.jspecify.annotations.Nullable;
import org.unigov.shared.problem.FieldProblem;

/**
 * Reads amounts in yuan and user counts as people type them (thousands separators, ¥ signs) into
 * whole fen and whole numbers: one set of rules for the import and the registration form.
 */
public final class Amounts {

	/** The largest amount of one line or total, in fen (¥1 trillion). */
	public static final long MAX_FEN = 100_000_000_000_000L;

	private Amounts() {
	}

	/** A value read from text: the number, or the problem ({@code code} and English message). */
	public record Read(long value, @Nullable FieldProblem problem, boolean blank) {

		static Read ok(long value) {
			return new Read(value, null, false);
		}

		static Read empty() {
			return new Read(0, null, true);
		}

		static Read refused(String field, String code, String message) {
			return new Read(0, new FieldProblem(field, code, message), false);
		}

		/** The value, or null for a blank cell: an unknown figure, not zero. */
		public @Nullable Long known() {
			return this.blank || this.problem != null ? null : this.value;
		}
	}

	/** Yuan with at most two decimals, never negative, at most ¥1 trillion; blank is 0 ({@link Read#known()} null). */
	public static Read fen(String field, @Nullable String yuan) {
		String value = yuan == null ? "" : yuan.replace(",", "").replace("¥", "").replace("￥", "").strip();
		if (value.isEmpty()) {
			return Read.empty();
		}
		try {
			BigDecimal amount = new BigDecimal(value);
			if (amount.signum() < 0) {
				return Read.refused(field, "negative_amount", "'" + value + "' is negative; amounts are zero or more.");
			}
			if (amount.stripTrailingZeros().scale() > 2) {
				return Read.refused(field, "invalid_amount",
						"'" + value + "' has more than two decimals; amounts are in yuan to the fen.");
			}
			BigDecimal fen = amount.movePointRight(2);
			if (fen.compareTo(BigDecimal.valueOf(MAX_FEN)) > 0) {
				return Read.refused(field, "amount_too_large", "'" + value + "' yuan is not plausible for one system.");
			}
			return Read.ok(fen.longValueExact());
		}
		catch (NumberFormatException | ArithmeticException ex) {
			return Read.refused(field, "invalid_amount", "'" + value + "' is not an amount in yuan (e.g. 1250000.00).");
		}
	}

	/** A whole, non-negative number; blank is 0 ({@link Read#known()} null). */
	public static Read count(String field, @Nullable String text) {
		String value = text == null ? "" : text.replace(",", "").strip();
		if (value.isEmpty()) {
			return Read.empty();
		}
		try {
			long count = new BigDecimal(value).longValueExact();
			return count < 0 ? Read.refused(field, "negative_number", "Counts cannot be negative.") : Read.ok(count);
		}
		catch (NumberFormatException | ArithmeticException ex) {
			return Read.refused(field, "invalid_number", "'" + value + "' is not a whole number.");
		}
	}
}
