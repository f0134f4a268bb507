package org.unigov.registry;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.unigov.organization.Agency;
import org.unigov.organization.OrganizationDirectory;
import org.unigov.registry.internal.SystemNames;
import org.unigov.registry.internal.Systems.Offer;
import org.unigov.registry.internal.Systems;
import org.unigov.shared.Actor;
import org.unigov.shared.problem.CommonError;
import org.unigov.shared.problem.UnigovException;

/**
 * Registered systems a project can reuse instead of building anew: searched across the province
 * by any registry reader, shared platforms first, showing only what the duplicate finder shows
 * (name, agency, division, status, capabilities) — finding something to reuse is its purpose.
 */
@Service
@Transactional(readOnly = true)
public class ReusableSystems {

	/** The most choices one search returns. */
	public static final int MAX = 20;

	private final Systems systems;

	private final OrganizationDirectory organizations;

	ReusableSystems(Systems systems, OrganizationDirectory organizations) {
		this.systems = systems;
		this.organizations = organizations;
	}

	/** A system offered for reuse. */
	public record Choice(UUID id, String name, String agencyNameZh, String agencyNameEn, String divisionCode,
			SystemStatus status, boolean sharedPlatform, List<String> capabilities) {

		/** The agency's name in a page's language. */
		public String agency(Locale locale) {
			return DuplicateFinder.inLanguage(locale, this.agencyNameZh, this.agencyNameEn);
		}
	}

	/**
	 * Systems that are planned, being built or live (not suspended or retired) whose name, alias or
	 * summary contains the text, shared platforms first; with blank text, the shared platforms.
	 */
	public List<Choice> search(Actor actor, @Nullable String text, int limit) {
		requireReader(actor);
		String q = text == null ? "" : SystemNames.clean(text);
		return choices(this.systems.offers(q, Math.max(1, Math.min(MAX, limit))));
	}

	/**
	 * The named systems (any status), in the order given; unknown ids are left out. For showing a
	 * project's chosen systems to whoever may see the project.
	 */
	public List<Choice> get(List<UUID> ids) {
		if (ids.isEmpty()) {
			return List.of();
		}
		Map<UUID, Choice> byId = choices(this.systems.offers(ids)).stream()
			.collect(Collectors.toMap(Choice::id, c -> c));
		return ids.stream().map(byId::get).filter(Objects::nonNull).toList();
	}

	private List<Choice> choices(List<Offer> offers) {
		Map<UUID, Agency> agencies = this.organizations
			.agencies(offers.stream().map(Offer::agencyId).collect(Collectors.toSet()));
		return offers.stream().map(o -> {
			Agency a = agencies.get(o.agencyId());
			return new Choice(o.id(), o.name(), a == null ? "" : a.nameZh(), a == null ? "" : a.nameEn(),
					o.divisionCode(), o.status(), o.sharedPlatform(), o.capabilities());
		}).toList();
	}

	private static void requireReader(Actor actor) {
		if (!SystemRegistry.canRead(actor)) {
			throw new UnigovException(CommonError.FORBIDDEN,
					"Only registry readers may look for systems to reuse.");
		}
	}
}
