package org.unigov.projects.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Component;
import org.unigov.catalog.Catalog;
import org.unigov.catalog.CatalogEntry;
import org.unigov.exchange.DataService;
import org.unigov.exchange.DataServices;
import org.unigov.registry.LoginMethod;
import org.unigov.registry.RegisteredSystem;
import org.unigov.registry.SystemId;
import org.unigov.registry.SystemRegistry;
import org.unigov.registry.SystemStatus;

/**
 * The acceptance checklist (P6), computed from the facts the registry, the catalog and the
 * exchange hold at the moment it is read: on every view and again at the decision. A stored
 * checklist would go stale as soon as the agency publishes what it promised.
 */
@Component
class AcceptanceChecklist {

	private final SystemRegistry registry;

	private final Catalog catalog;

	private final DataServices services;

	AcceptanceChecklist(SystemRegistry registry, Catalog catalog, DataServices services) {
		this.registry = registry;
		this.catalog = catalog;
		this.services = services;
	}

	/** The agency's declarations in a checklist: the declared items it stated, with their statements. */
	static Map<String, String> declarations(List<ProjectOutcomes.CheckItem> checklist) {
		Map<String, String> declarations = new LinkedHashMap<>();
		checklist.stream()
			.filter(i -> i.basis().equals("declared") && i.passed())
			.forEach(i -> declarations.put(i.code(), i.message()));
		return declarations;
	}

	List<ProjectOutcomes.CheckItem> check(Project project, Map<String, String> declarations) {
		List<ProjectOutcomes.CheckItem> items = new ArrayList<>();
		UUID systemId = project.deliveredSystemId();
		RegisteredSystem system = systemId == null ? null : this.registry.get(new SystemId(systemId)).orElse(null);
		if (system == null) {
			items.add(ProjectOutcomes.CheckItem.of("system_registered", "verified", false,
					"The delivered system is not named or not in the registry.", List.of(), "projects.check.text.not-registered"));
		}
		else {
			String link = "/registry/systems/" + system.id();
			items.add(ProjectOutcomes.CheckItem.of("system_registered", "verified", true,
					"Registered in the registry: " + system.name() + ".", List.of(link), "projects.check.text.registered",
					system.name()));
			items.add(ProjectOutcomes.CheckItem.of("system_live", "verified", system.status() == SystemStatus.LIVE,
					"Registry status: " + system.status().code() + ".", List.of(link), "projects.check.text.status",
					"#{registry.status." + system.status().code() + "}"));
			List<CatalogEntry> promised = published(project, system, items);
			items.add(identity(project, system, link));
			items.add(exchangeServices(system, promised));
		}
		for (String declared : List.of("security_assessment", "final_accounts")) {
			String statement = declarations.get(declared);
			boolean blank = statement == null || statement.isBlank();
			items.add(blank ? ProjectOutcomes.CheckItem.of(declared, "declared", false, "Not declared by the agency.", List.of(),
					"projects.check.text.not-declared")
					: new ProjectOutcomes.CheckItem(declared, "declared", true, statement.strip(), List.of(), null, null));
		}
		return items;
	}

	/** Each promised data resource published from the system; the catalog entries found. */
	private List<CatalogEntry> published(Project project, RegisteredSystem system, List<ProjectOutcomes.CheckItem> items) {
		List<CatalogEntry> published = this.catalog.publishedFromSystem(system.id());
		List<String> missing = new ArrayList<>();
		List<String> found = new ArrayList<>();
		List<CatalogEntry> promised = new ArrayList<>();
		for (Project.Publication publication : project.publishes()) {
			Optional<CatalogEntry> entry = published.stream()
				.filter(e -> e.content().name().strip().equals(publication.name().strip()))
				.findFirst();
			if (entry.isPresent()) {
				found.add("/catalog/entries/" + entry.get().id());
				promised.add(entry.get());
			}
			else {
				missing.add(publication.name());
			}
		}
		items.add(ProjectOutcomes.CheckItem.of("data_published", "verified", missing.isEmpty(),
				project.publishes().isEmpty() ? "The proposal promised no data resource."
						: missing.isEmpty() ? "Every promised data resource is published from the system."
								: "Not published from the system: " + String.join(", ", missing) + ".",
				found, "projects.check.text." + (project.publishes().isEmpty() ? "none-promised"
						: missing.isEmpty() ? "all-published" : "not-published"), String.join("、", missing)));
		return promised;
	}

	/**
	 * P4: a public-facing system signs in with the unified identity, unless the proposal asked for
	 * its own accounts with an exemption.
	 */
	private static ProjectOutcomes.CheckItem identity(Project project, RegisteredSystem system, String link) {
		// public-facing if the proposal or the registry says so; an exemption counts only when the
		// proposal asked for its own accounts (the identity gate showed it to the approvers)
		boolean publicFacing = project.publicFacing() || system.publicFacing();
		boolean exempt = project.signIn() == LoginMethod.OWN_ACCOUNTS && project.identityExemption() != null
				&& !project.identityExemption().isBlank();
		boolean identity = !publicFacing || system.loginMethod() == LoginMethod.UNIFIED_IDENTITY
				|| system.loginMethod() == LoginMethod.NONE || exempt;
		boolean exempted = system.loginMethod() == LoginMethod.OWN_ACCOUNTS && identity;
		return ProjectOutcomes.CheckItem.of("unified_identity", "verified", identity, !publicFacing
				? "An internal system." : "Sign-in in the registry: " + system.loginMethod().code()
						+ (exempted ? " (exemption granted with the approval)." : "."),
				List.of(link), "projects.check.text." + (!publicFacing ? "internal" : exempted ? "sign-in-exempt" : "sign-in"),
				"#{registry.login." + system.loginMethod().code() + "}");
	}

	/** Each published resource has an active data service on the exchange. */
	private ProjectOutcomes.CheckItem exchangeServices(RegisteredSystem system, List<CatalogEntry> promised) {
		List<DataService> registered = this.services.bySystem(system.id());
		List<String> unserved = promised.stream()
			.filter(e -> registered.stream().noneMatch(s -> s.active() && s.entryId().equals(e.id())))
			.map(e -> e.code())
			.toList();
		return ProjectOutcomes.CheckItem.of("exchange_services", "verified", unserved.isEmpty(), promised.isEmpty()
				? "No published resource to serve." : unserved.isEmpty()
						? "Each published resource has an active data service on the exchange."
						: "No active data service on the exchange for: " + String.join(", ", unserved) + ".",
				registered.stream().map(s -> "/exchange/services/" + s.id()).toList(), "projects.check.text."
						+ (promised.isEmpty() ? "nothing-to-serve" : unserved.isEmpty() ? "all-served" : "not-served"),
				String.join("、", unserved));
	}
}
