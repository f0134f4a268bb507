package org.unigov.projects.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;
import org.unigov.organization.Division;
import org.unigov.organization.OrganizationDirectory;
import org.unigov.projects.internal.GateResult;
import org.unigov.registry.SystemId;
import org.unigov.registry.SystemRegistry;

/**
 * What a gate's reason is about, as lines in the page's language: the approval route with the
 * names of its divisions, the data resources to publish, the catalog resources to obtain. The
 * gates keep codes and amounts (the API shows them as they are); the page turns them into names
 * here, so results stored with an earlier submission read the same way. Public only because the
 * templates call it ({@code @gateDetails.lines(r)}).
 */
@Component("gateDetails")
public class GateDetails {

	private final OrganizationDirectory directory;

	private final SystemRegistry registry;

	private final MessageSource messages;

	GateDetails(OrganizationDirectory directory, SystemRegistry registry, MessageSource messages) {
		this.directory = directory;
		this.registry = registry;
		this.messages = messages;
	}

	/** The lines to show under a reason's label; empty when the label says it all. */
	public List<String> lines(GateResult.Reason reason) {
		Locale locale = LocaleContextHolder.getLocale();
		Map<String, Object> values = reason.values();
		List<String> lines = new ArrayList<>();
		switch (reason.code()) {
			case "route" -> {
				List<String> steps = new ArrayList<>();
				List<?> levels = list(values.get("levels"));
				List<?> divisions = list(values.get("divisions"));
				for (int i = 0; i < levels.size(); i++) {
					String level = msg("projects.level." + levels.get(i), locale);
					String division = i < divisions.size() ? divisionName(String.valueOf(divisions.get(i)), locale) : null;
					steps.add(division == null ? level : msg("projects.reason.routeStep", locale, level, division));
				}
				if (values.get("totalFen") instanceof Number total) {
					lines.add(msg("projects.reason.routeTotal", locale, yuan(total.longValue())));
				}
				if (!steps.isEmpty()) {
					lines.add(String.join(" → ", steps));
					lines.add(msg("projects.reason.routeAudit", locale, steps.getLast()));
				}
			}
			case "publishes" -> list(values.get("names")).forEach(name -> lines.add(String.valueOf(name)));
			case "obtains", "unpublished_resource", "not_shared_resource" -> lines.add(resource(values));
			case "unknown_items" -> lines.add(resource(values) + msg("projects.reason.items", locale,
					String.join(msg("projects.reason.separator", locale), list(values.get("items")).stream().map(String::valueOf).toList())));
			case "collects_shared_data" -> lines.add(msg("projects.reason.collectsItem", locale, String.valueOf(values.get("item")),
					String.join(msg("projects.reason.separator", locale),
							list(values.get("entryNames")).stream().map(String::valueOf).toList())));
			case "reuse_chosen" -> lines.add(system(values.get("systemId")));
			default -> {
				// the label, and the system of an overlap shown beside it, say it all
			}
		}
		return lines;
	}

	private static String yuan(long fen) {
		return String.format(Locale.ROOT, "¥%,d.%02d", fen / 100, fen % 100);
	}

	private static String resource(Map<String, Object> values) {
		return values.getOrDefault("entryCode", "") + " " + values.getOrDefault("entryName", "");
	}

	private String system(Object id) {
		try {
			return this.registry.get(new SystemId(UUID.fromString(String.valueOf(id)))).map(s -> s.name()).orElse(String.valueOf(id));
		}
		catch (IllegalArgumentException ex) {
			return String.valueOf(id);
		}
	}

	private String divisionName(String code, Locale locale) {
		return this.directory.division(code).map((Division d) -> d.name(locale)).orElse(code);
	}

	private String msg(String key, Locale locale, Object... args) {
		return this.messages.getMessage(key, args, key, locale);
	}

	private static List<?> list(Object value) {
		return value instanceof List<?> list ? list : List.of();
	}
}
