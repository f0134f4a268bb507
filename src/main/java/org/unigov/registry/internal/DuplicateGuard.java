package org.unigov.registry.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.unigov.registry.DuplicateFinder;
import org.unigov.shared.Actor;
import org.unigov.shared.problem.UnigovException;

/**
 * The duplicate check on save: a system that scores at least the duplicate threshold against a
 * registered one is saved only when the person confirms it, and the confirmation goes into the
 * audit entry with the matches that were shown.
 */
final class DuplicateGuard {

	private final ObjectProvider<DuplicateFinder> finder;

	DuplicateGuard(ObjectProvider<DuplicateFinder> finder) {
		this.finder = finder;
	}

	/**
	 * The matches of a draft about to be saved, for the audit entry; throws 409
	 * {@code possible_duplicate} with them when there are any and the person has not confirmed.
	 * Returns null when nothing needs recording (no check needed, or nothing found).
	 */
	@Nullable Map<String, Object> check(Actor actor, SystemDraft draft, String divisionCode, @Nullable UUID excludeId,
			boolean confirmed) {
		DuplicateFinder duplicateFinder = this.finder.getIfAvailable();
		if (duplicateFinder == null) {
			return null;
		}
		List<DuplicateFinder.SimilarSystem> matches = duplicateFinder.duplicatesOf(actor, draft, divisionCode,
				excludeId);
		if (!duplicateFinder.ready()) {
			return Map.of("checked", false, "confirmed", confirmed);
		}
		if (matches.isEmpty()) {
			return null;
		}
		List<Map<String, Object>> shown = matches.stream().map(DuplicateGuard::match).toList();
		if (!confirmed) {
			DuplicateFinder.SimilarSystem best = matches.getFirst();
			throw new UnigovException(RegistryError.POSSIBLE_DUPLICATE, "'" + SystemNames.clean(draft.name())
					+ "' looks like " + matches.size() + " registered system(s), the closest '" + best.name() + "' of "
					+ (best.agencyEn().isBlank() ? best.agency() : best.agencyEn()) + " (similarity " + best.score()
					+ "). Reuse or edit that system, or save anyway with confirmDuplicates=true.",
					Map.of("matches", shown));
		}
		Map<String, Object> record = new LinkedHashMap<>();
		record.put("checked", true);
		record.put("confirmed", true);
		record.put("matches", shown.stream().map(m -> {
			Map<String, Object> brief = new LinkedHashMap<>();
			brief.put("systemId", m.get("systemId"));
			brief.put("name", m.get("name"));
			brief.put("agency", m.get("agency"));
			brief.put("score", BigDecimal.valueOf((Double) m.get("score")));
			brief.put("reasons", m.get("reasons"));
			return brief;
		}).toList());
		return record;
	}

	/** Whether an edit changes what the finder compares (name, aliases, summary, capabilities, agency). */
	static boolean changesWhatIsCompared(SystemDraft before, SystemDraft after) {
		return !SystemNames.key(before.name()).equals(SystemNames.key(after.name()))
				|| !before.summary().strip().equals(after.summary().strip())
				|| !Objects.equals(new HashSet<>(before.capabilities()), new HashSet<>(after.capabilities()))
				|| !before.agencyId().equals(after.agencyId());
	}

	private static Map<String, Object> match(DuplicateFinder.SimilarSystem s) {
		Map<String, Object> m = new LinkedHashMap<>();
		m.put("systemId", s.systemId().toString());
		m.put("name", s.name());
		m.put("agency", s.agency());
		m.put("agencyEn", s.agencyEn());
		m.put("agencyCode", s.agencyCode());
		m.put("division", s.division());
		m.put("status", s.status());
		m.put("score", s.score());
		m.put("relation", s.relation());
		m.put("sharedPlatform", s.sharedPlatform());
		List<Map<String, Object>> reasons = new ArrayList<>();
		for (DuplicateFinder.Reason r : s.reasons()) {
			reasons.add(Map.of("type", r.type(), "values", r.values(), "message", r.message()));
		}
		m.put("reasons", reasons);
		return m;
	}
}
