package org.unigov.catalog.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Component;
import org.unigov.catalog.CatalogError;
import org.unigov.catalog.DataItem;
import org.unigov.catalog.EntryContent;
import org.unigov.catalog.ItemOrigin;
import org.unigov.catalog.Secrecy;
import org.unigov.shared.Coded;
import org.unigov.shared.problem.FieldProblem;
import org.unigov.shared.problem.UnigovException;

/** Turns the checks' findings into refusals (with the rule each problem breaks) and warnings. */
@Component
public class EntryValidation {

	private final Entries entries;

	EntryValidation(Entries entries) {
		this.entries = entries;
	}

	/** C1: state and work secrets never enter the sharing catalog. */
	public static void refuseSecret(EntryInput input) {
		Optional<Secrecy> secrecy = Coded.parse(Secrecy.class, input.secrecy());
		if (secrecy.isPresent() && secrecy.get() != Secrecy.NONE) {
			throw new UnigovException(CatalogError.SECRET_DATA, "Data marked " + secrecy.get().labelEn().toLowerCase()
					+ " (" + secrecy.get().labelZh() + ") is not government data for sharing and cannot enter the catalog (C1).");
		}
	}

	/** The checked content, or a refusal listing every problem. */
	public static EntryContent valid(EntryChecks.Result checked) {
		if (!checked.problems().isEmpty() || checked.content() == null) {
			throw invalid(checked.problems());
		}
		return checked.content();
	}

	public static UnigovException invalid(List<FieldProblem> problems) {
		Map<String, String> rules = EntryChecks.rules();
		List<Map<String, String>> errors = problems.stream().map(p -> {
			Map<String, String> error = new LinkedHashMap<>();
			error.put("field", p.field());
			error.put("code", p.code());
			error.put("message", p.message());
			if (rules.containsKey(p.code())) {
				error.put("rule", rules.get(p.code()));
			}
			return error;
		}).toList();
		return new UnigovException(CatalogError.INVALID_ENTRY,
				"The catalog entry has " + problems.size() + " problem(s): "
						+ String.join(" ", problems.stream().map(FieldProblem::message).toList()),
				Map.of("errors", errors));
	}

	/** The checks' warnings, and C8: items collected although an authoritative source provides them. */
	public List<FieldProblem> warnings(EntryChecks.Result checked, EntryContent content) {
		List<FieldProblem> warnings = new ArrayList<>(checked.warnings());
		for (int i = 0; i < content.items().size(); i++) {
			DataItem item = content.items().get(i);
			if (item.origin() != ItemOrigin.COLLECTED || item.elementCode() == null) {
				continue;
			}
			int index = i;
			this.entries.authority(item.elementCode())
				.ifPresent(source -> warnings.add(new FieldProblem("items[" + index + "]", "authoritative_source_exists",
						"The authoritative source of " + item.elementCode() + " is entry " + source
								+ "; obtain the item through sharing rather than collecting it again (C8).")));
		}
		return warnings;
	}
}
