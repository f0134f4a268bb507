package org.unigov.projects.web;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.unigov.projects.internal.ProjectError;
import org.unigov.projects.internal.ProjectExecution;
import org.unigov.projects.internal.ReviewDesk;
import org.unigov.shared.Amounts;
import org.unigov.shared.problem.CommonError;
import org.unigov.shared.problem.ErrorCode;
import org.unigov.shared.problem.FieldProblem;
import org.unigov.shared.problem.UnigovException;

/**
 * Reads the forms of a project page's actions into what the services take; what cannot even be
 * read is refused with every problem, as the services' own checks would.
 */
final class ActionForms {

	private ActionForms() {
	}

	static ReviewDesk.Decision decision(Map<String, String> form) {
		ReviewDesk.Decision decision = ReviewDesk.Decision.parse(form.get("decision"));
		if (decision == null) {
			throw new UnigovException(CommonError.INVALID_PARAMETER, "decision is approve, return or reject.");
		}
		return decision;
	}

	/** The amount in fen; a correction is entered with a minus sign: read the amount, then give it its sign. */
	static long spendFen(Map<String, String> form) {
		List<FieldProblem> problems = new ArrayList<>();
		String text = form.getOrDefault("amountYuan", "").strip();
		boolean correction = text.startsWith("-") || text.startsWith("－");
		var amount = Amounts.fen("amountFen", correction ? text.substring(1) : text);
		if (amount.problem() != null) {
			problems.add(amount.problem());
		}
		refuseIf(problems, ProjectError.INVALID_PROJECT);
		return correction ? -amount.value() : amount.value();
	}

	static List<ProjectExecution.MilestoneInput> milestones(Map<String, String> form) {
		List<FieldProblem> problems = new ArrayList<>();
		List<ProjectExecution.MilestoneInput> plan = MilestoneRows.input(MilestoneRows.read(form), problems);
		refuseIf(problems, ProjectError.INVALID_PROJECT);
		return plan;
	}

	/** The agency's declarations for acceptance (P6). */
	static Map<String, String> declarations(Map<String, String> form) {
		Map<String, String> declarations = new LinkedHashMap<>();
		declarations.put("security_assessment", form.getOrDefault("securityAssessment", ""));
		declarations.put("final_accounts", form.getOrDefault("finalAccounts", ""));
		return declarations;
	}

	/** The figures reported for an evaluation, by target line. */
	static Map<Integer, BigDecimal> reported(Map<String, String> form) {
		Map<Integer, BigDecimal> reported = new LinkedHashMap<>();
		form.forEach((k, v) -> {
			if (k.startsWith("reported") && v != null && !v.isBlank()) {
				try {
					reported.put(Integer.parseInt(k.substring("reported".length())), new BigDecimal(v.strip()));
				}
				catch (NumberFormatException ignored) {
					// an unreadable figure is left out: that target shows as not reported
				}
			}
		});
		return reported;
	}

	/** What a form could not even read refuses it, with every problem, as the service's own checks would. */
	static void refuseIf(List<FieldProblem> problems, ErrorCode error) {
		if (!problems.isEmpty()) {
			throw UnigovException.invalid(error, UnigovException.messages(problems), problems);
		}
	}

	static @Nullable UUID uuid(@Nullable String text) {
		try {
			return text == null || text.isBlank() ? null : UUID.fromString(text.strip());
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}
}
