package org.unigov.registry.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.unigov.registry.SystemStatus;
import org.unigov.registry.Taxonomy;
import org.unigov.shared.Amounts;
import org.unigov.shared.problem.FieldProblem;

/** The checks every system record passes, apart from permissions: for the API, the pages and each import row. */
final class SystemValidation {

	private SystemValidation() {
	}

	static List<FieldProblem> validate(SystemDraft draft, Taxonomy taxonomy, LocalDate today) {
		List<FieldProblem> problems = new ArrayList<>();
		text(problems, "name", draft.name(), 1, 200);
		if (draft.aliases().size() > 10) {
			problems.add(new FieldProblem("aliases", "too_many", "At most 10 aliases."));
		}
		draft.aliases().forEach(a -> text(problems, "aliases", a, 1, 100));
		text(problems, "summary", draft.summary(), 0, 2000);
		text(problems, "vendor", draft.vendor(), 0, 200);
		if (draft.capabilities().isEmpty()) {
			problems.add(new FieldProblem("capabilities", "required",
					"Name at least one capability from the taxonomy."));
		}
		if (draft.capabilities().size() > 12) {
			problems.add(new FieldProblem("capabilities", "too_many", "At most 12 capabilities."));
		}
		for (String code : draft.capabilities()) {
			if (!taxonomy.exists(code)) {
				problems.add(new FieldProblem("capabilities", "unknown_capability",
						"'" + code + "' is not in the function taxonomy."));
			}
		}
		for (String code : draft.integrations()) {
			if (!taxonomy.exists(code)) {
				problems.add(new FieldProblem("integrations", "unknown_capability",
						"'" + code + "' is not a shared-platform capability in the taxonomy."));
			}
		}
		money(problems, "buildCostFen", draft.buildCostFen());
		money(problems, "annualOmCostFen", draft.annualOmCostFen());
		if (draft.registeredUsers() != null && draft.registeredUsers() < 0) {
			problems.add(new FieldProblem("registeredUsers", "negative", "User counts cannot be negative."));
		}
		if (draft.monthlyActiveUsers() != null && draft.monthlyActiveUsers() < 0) {
			problems.add(new FieldProblem("monthlyActiveUsers", "negative", "User counts cannot be negative."));
		}
		if ((draft.status() == SystemStatus.LIVE || draft.status() == SystemStatus.SUSPENDED)
				&& draft.goLiveDate() == null) {
			problems.add(new FieldProblem("goLiveDate", "required", "A live or suspended system has a go-live date."));
		}
		if (draft.status() == SystemStatus.LIVE && draft.goLiveDate() != null && draft.goLiveDate().isAfter(today)) {
			problems.add(new FieldProblem("goLiveDate", "in_future",
					"A live system cannot have gone live after today (" + today + ")."));
		}
		if (draft.goLiveDate() != null && draft.goLiveDate().getYear() < 1990) {
			problems.add(new FieldProblem("goLiveDate", "invalid_date", "The go-live date is before 1990."));
		}
		return problems;
	}

	private static void text(List<FieldProblem> problems, String field, @Nullable String value, int min, int max) {
		String v = value == null ? "" : value.strip();
		if (v.length() < min) {
			problems.add(new FieldProblem(field, "required", "'" + field + "' is required."));
		}
		else if (v.length() > max) {
			problems.add(new FieldProblem(field, "too_long", "'" + field + "' has more than " + max + " characters."));
		}
		else if (v.chars()
			.anyMatch(c -> Character.isISOControl(c) && !(field.equals("summary") && (c == '\n' || c == '\r' || c == '\t'))
					|| c == '<' || c == '>')) {
			problems.add(new FieldProblem(field, "invalid_characters",
					"'" + field + "' contains control characters or angle brackets."));
		}
	}

	private static void money(List<FieldProblem> problems, String field, @Nullable Long fen) {
		if (fen == null) {
			return;
		}
		if (fen < 0) {
			problems.add(new FieldProblem(field, "negative_amount", "Amounts cannot be negative."));
		}
		else if (fen > Amounts.MAX_FEN) {
			problems.add(new FieldProblem(field, "amount_too_large", "Amounts above ¥1 trillion are not plausible."));
		}
	}
}
