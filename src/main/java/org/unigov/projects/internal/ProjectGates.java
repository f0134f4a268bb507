package org.unigov.projects.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.unigov.catalog.Catalog;
import org.unigov.catalog.CatalogEntry;
import org.unigov.catalog.EntryId;
import org.unigov.catalog.SharingType;
import org.unigov.organization.Division;
import org.unigov.organization.OrganizationDirectory;
import org.unigov.registry.DuplicateFinder;
import org.unigov.registry.LoginMethod;
import org.unigov.shared.Actor;

/**
 * The gates a proposal passes on submission, each {@code pass}, {@code warn} or {@code fail} with
 * its reasons: duplicate (P3), sharing (P2, C8), identity (P4) and budget (P5). They read the
 * facts the other modules hold — the registry's duplicate finder, the published catalog, the
 * thresholds — rather than the proposal's own claims. A {@code fail} blocks submission.
 */
@Service
@Transactional(readOnly = true)
public class ProjectGates {

	/** How many similar systems the duplicate gate looks at. */
	static final int SIMILAR_LIMIT = 10;

	private final DuplicateFinder finder;

	private final Catalog catalog;

	private final OrganizationDirectory directory;

	private final ProjectSettingsStore settings;

	ProjectGates(DuplicateFinder finder, Catalog catalog, OrganizationDirectory directory, ProjectSettingsStore settings) {
		this.finder = finder;
		this.catalog = catalog;
		this.directory = directory;
		this.settings = settings;
	}

	/** All four gates, in the order reviewers read them. */
	public List<GateResult> run(Actor actor, Project project) {
		ProjectSettings current = this.settings.current();
		return List.of(duplicate(actor, project, current), sharing(project), identity(project), budget(project, current));
	}

	/** P3: registered systems that already provide the planned capabilities. */
	GateResult duplicate(Actor actor, Project project, ProjectSettings settings) {
		List<GateResult.Reason> reasons = new ArrayList<>();
		if (project.type() == ProjectType.OM) {
			reasons.add(reason("om_of_registered_system",
					"Operation and maintenance of a registered system builds nothing new.", Map.of()));
			return new GateResult(GateResult.DUPLICATE, "P3", GateOutcome.PASS, reasons);
		}
		List<DuplicateFinder.SimilarSystem> similar = this.finder.similar(actor,
				new DuplicateFinder.Draft(project.name(), project.summary(), project.capabilities(), project.divisionCode(),
						project.targetSystemId()),
				SIMILAR_LIMIT);
		Set<UUID> reused = Set.copyOf(project.reuseSystemIds());
		List<DuplicateFinder.SimilarSystem> overlapping = new ArrayList<>();
		for (DuplicateFinder.SimilarSystem system : similar) {
			if (reused.contains(system.systemId())) {
				continue;
			}
			if (system.reuse() || system.score() >= settings.duplicateThreshold()) {
				overlapping.add(system);
			}
		}
		for (UUID id : project.reuseSystemIds()) {
			reasons.add(reason("reuse_chosen", "The project reuses registered system " + id + " instead of building.",
					Map.of("systemId", id.toString())));
		}
		if (overlapping.isEmpty()) {
			reasons.add(reason("no_overlap", "No registered system at or above the similarity threshold "
					+ settings.duplicateThreshold() + " provides the planned capabilities.",
					Map.of("threshold", settings.duplicateThreshold())));
			return new GateResult(GateResult.DUPLICATE, "P3", GateOutcome.PASS, reasons);
		}
		for (DuplicateFinder.SimilarSystem system : overlapping) {
			Map<String, Object> values = new LinkedHashMap<>();
			values.put("systemId", system.systemId().toString());
			values.put("name", system.name());
			values.put("agency", system.agency());
			values.put("agencyEn", system.agencyEn());
			values.put("division", system.division());
			values.put("score", Math.round(system.score() * 100) / 100.0);
			values.put("sharedPlatform", system.sharedPlatform());
			values.put("reuse", system.reuse());
			reasons.add(reason(system.reuse() ? "shared_platform" : "overlap",
					(system.reuse() ? "Shared platform " : "Registered system ") + system.name() + " (" + system.agency()
							+ ") already provides planned capabilities"
							+ (system.reuse() ? ": reuse it instead of building." : ", similarity "
									+ String.format(Locale.ROOT, "%.2f", system.score()) + "."),
					values));
		}
		boolean justified = project.overlapJustification() != null && !project.overlapJustification().isBlank();
		if (justified) {
			reasons.add(reason("overlap_justified", "The proposal justifies the overlap; the reviewers judge it.",
					Map.of("justification", project.overlapJustification())));
			return new GateResult(GateResult.DUPLICATE, "P3", GateOutcome.WARN, reasons);
		}
		reasons.add(reason("overlap_unjustified", overlapping.size()
				+ " registered system(s) already provide the planned capabilities: justify the overlap or choose to reuse them.",
				Map.of("count", overlapping.size())));
		return new GateResult(GateResult.DUPLICATE, "P3", GateOutcome.FAIL, reasons);
	}

	/**
	 * P2: the data it will obtain names published, shared catalog resources and their items; the
	 * data it will publish is listed; C8: data it plans to collect that a published resource
	 * already provides is flagged.
	 */
	GateResult sharing(Project project) {
		List<GateResult.Reason> reasons = new ArrayList<>();
		GateOutcome outcome = GateOutcome.PASS;
		if (project.publishes().isEmpty() && project.type() != ProjectType.OM) {
			outcome = GateOutcome.WARN;
			reasons.add(reason("publishes_nothing",
					"The proposal lists no data resource it will publish to the catalog (P2); the reviewers judge whether that is right.",
					Map.of()));
		}
		else if (!project.publishes().isEmpty()) {
			reasons.add(reason("publishes", project.publishes().size() + " data resource(s) to publish to the catalog.",
					Map.of("names", project.publishes().stream().map(Project.Publication::name).toList())));
		}
		if (project.type() == ProjectType.OM && project.targetSystemId() != null
				&& this.catalog.publishedFromSystem(project.targetSystemId()).isEmpty()) {
			// P2: a system that does not share gets no operation funding; the reviewers see it
			if (outcome == GateOutcome.PASS) {
				outcome = GateOutcome.WARN;
			}
			reasons.add(reason("om_system_shares_nothing", "The system to be maintained publishes no resource in the catalog:"
					+ " P2 ties operation funding to meeting the sharing requirements.",
					Map.of("systemId", project.targetSystemId().toString())));
		}
		for (Project.Acquisition acquisition : project.obtains()) {
			GateOutcome found = obtains(acquisition, reasons);
			if (found.ordinal() > outcome.ordinal()) {
				outcome = found;
			}
		}
		if (collectsShared(project, reasons) && outcome == GateOutcome.PASS) {
			outcome = GateOutcome.WARN;
		}
		if (project.publishes().isEmpty() && project.obtains().isEmpty() && project.type() != ProjectType.OM) {
			// P2: a proposal lists the data it will publish and obtain; one with neither does not
			// meet the sharing requirements
			outcome = GateOutcome.FAIL;
			reasons.add(reason("nothing_to_share", "The proposal lists no data to publish and none to obtain through sharing:"
					+ " P2 requires both lists; a project that shares nothing is not approved.", Map.of()));
		}
		else if (reasons.isEmpty()) {
			reasons.add(reason("nothing_to_share", "The project neither publishes nor obtains data.", Map.of()));
		}
		return new GateResult(GateResult.SHARING, "P2", outcome, reasons);
	}

	/** P2: one acquisition names a published, shared resource and its items; FAIL when it does not. */
	private GateOutcome obtains(Project.Acquisition acquisition, List<GateResult.Reason> reasons) {
		CatalogEntry entry = this.catalog.get(new EntryId(acquisition.entryId())).orElse(null);
		Map<String, Object> values = new LinkedHashMap<>();
		values.put("entryCode", acquisition.entryCode());
		values.put("entryName", acquisition.entryName());
		if (entry == null || !entry.isPublished()) {
			reasons.add(reason("unpublished_resource", "Catalog resource " + acquisition.entryCode()
					+ " is not published: data obtained through sharing must come from the published catalog (P2).",
					values));
			return GateOutcome.FAIL;
		}
		if (entry.content().sharingType() == SharingType.NOT_SHARED) {
			reasons.add(reason("not_shared_resource", "Catalog resource " + entry.code()
					+ " is not shared (不予共享): plan without it or ask for its basis to be reviewed.", values));
			return GateOutcome.FAIL;
		}
		List<String> unknown = acquisition.items()
			.stream()
			.filter(item -> !entry.content().itemNames().contains(item))
			.toList();
		if (!unknown.isEmpty()) {
			values.put("items", unknown);
			reasons.add(reason("unknown_items", "Catalog resource " + entry.code() + " has no data item(s) "
					+ String.join(", ", unknown) + ".", values));
			return GateOutcome.FAIL;
		}
		values.put("sharingType", entry.content().sharingType().code());
		reasons.add(reason("obtains", "Obtains " + entry.code() + " (" + entry.content().name() + ") through sharing ("
				+ entry.content().sharingType().code() + ").", values));
		return GateOutcome.PASS;
	}

	/** C8: data it plans to collect that a published resource already provides; true when there is some. */
	private boolean collectsShared(Project project, List<GateResult.Reason> reasons) {
		boolean any = false;
		Map<String, List<CatalogEntry>> provided = this.catalog.publishedProviders(project.collects());
		for (Map.Entry<String, List<CatalogEntry>> item : provided.entrySet()) {
			if (item.getValue().isEmpty()) {
				continue;
			}
			any = true;
			Map<String, Object> values = new LinkedHashMap<>();
			values.put("item", item.getKey());
			values.put("entryCodes", item.getValue().stream().map(CatalogEntry::code).toList());
			values.put("entryNames", item.getValue().stream().map(e -> e.content().name()).toList());
			reasons.add(reason("collects_shared_data", "'" + item.getKey() + "' is already provided by published resource(s) "
					+ String.join(", ", item.getValue().stream().map(CatalogEntry::code).toList())
					+ ": obtain it through sharing instead of collecting it again (C8).", values));
		}
		return any;
	}

	/** P4: a public-facing system signs people in through the unified identity service, or asks for an exemption. */
	GateResult identity(Project project) {
		if (!project.publicFacing()) {
			return new GateResult(GateResult.IDENTITY, "P4", GateOutcome.PASS, List.of(reason("internal",
					"An internal system: its staff sign in through the platform's staff accounts.", Map.of())));
		}
		if (project.signIn() == LoginMethod.UNIFIED_IDENTITY) {
			return new GateResult(GateResult.IDENTITY, "P4", GateOutcome.PASS,
					List.of(reason("unified_identity", "Citizens sign in through the unified identity service.", Map.of())));
		}
		if (project.signIn() == LoginMethod.NONE) {
			return new GateResult(GateResult.IDENTITY, "P4", GateOutcome.PASS,
					List.of(reason("no_sign_in", "A public system without sign-in.", Map.of())));
		}
		if (project.identityExemption() == null || project.identityExemption().isBlank()) {
			return new GateResult(GateResult.IDENTITY, "P4", GateOutcome.FAIL, List.of(reason("separate_accounts",
					"A public-facing system with its own account system needs an explicit exemption: use the unified identity service, or state why it cannot.",
					Map.of())));
		}
		return new GateResult(GateResult.IDENTITY, "P4", GateOutcome.WARN, List.of(reason("exemption_requested",
				"An exemption from the unified identity service is requested; approving the project grants it.",
				Map.of("exemption", project.identityExemption()))));
	}

	/** P5: the total decides which levels approve; the route is shown with the thresholds. */
	GateResult budget(Project project, ProjectSettings settings) {
		List<Integer> route = settings.route(project.divisionLevel(), project.totalFen());
		List<String> divisions = divisions(project.divisionCode(), route).stream().map(Division::code).toList();
		Map<String, Object> values = new LinkedHashMap<>();
		values.put("buildFen", project.buildFen());
		values.put("omFen", project.omFen());
		values.put("totalFen", project.totalFen());
		values.put("levels", route);
		values.put("divisions", divisions);
		values.put("countyToCityFen", settings.countyToCityFen());
		values.put("toProvinceFen", settings.toProvinceFen());
		return new GateResult(GateResult.BUDGET, "P5", GateOutcome.PASS, List.of(reason("route",
				"Total " + yuan(project.totalFen()) + ": approved at " + String.join(" → ", route.stream().map(ProjectGates::levelName).toList())
						+ ", with a budget review by the auditor of the " + levelName(route.getLast()) + " level.",
				values)));
	}

	/** The divisions of the route's levels: the project's own, then its parents up to the highest level. */
	public List<Division> divisions(String divisionCode, List<Integer> route) {
		List<Division> chain = new ArrayList<>();
		Division current = this.directory.requireDivision(divisionCode);
		while (current != null) {
			chain.add(current);
			String parent = current.parentCode();
			current = parent == null ? null : this.directory.division(parent).orElse(null);
		}
		List<Division> result = new ArrayList<>();
		for (int level : route) {
			Division found = chain.stream()
				.filter(d -> d.level() == level)
				.findFirst()
				.orElseThrow(() -> new IllegalStateException("Division " + divisionCode + " has no parent at level " + level));
			result.add(found);
		}
		return result;
	}

	public static String levelName(int level) {
		return switch (level) {
			case 1 -> "province";
			case 2 -> "city";
			default -> "county";
		};
	}

	static String yuan(long fen) {
		return String.format(Locale.ROOT, "¥%,d.%02d", fen / 100, fen % 100);
	}

	private static GateResult.Reason reason(String code, String message, Map<String, ?> values) {
		return new GateResult.Reason(code, message, Collections.unmodifiableMap(new LinkedHashMap<String, Object>(values)));
	}
}
