package org.unigov.registry;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.annotation.PreDestroy;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import org.unigov.organization.Agency;
import org.unigov.organization.Division;
import org.unigov.organization.OrganizationDirectory;
import org.unigov.registry.internal.RegistryError;
import org.unigov.registry.internal.SystemDraft;
import org.unigov.registry.internal.SystemNames;
import org.unigov.registry.similarity.SimilarityIndex.Entry;
import org.unigov.registry.similarity.SimilarityIndex.Match;
import org.unigov.registry.similarity.SimilarityIndex;
import org.unigov.shared.Actor;
import org.unigov.shared.Role;
import org.unigov.shared.ident.DivisionCodes;
import org.unigov.shared.index.IndexLifecycle;
import org.unigov.shared.problem.CommonError;
import org.unigov.shared.problem.UnigovException;

/**
 * Finds registered systems that a draft would duplicate, and clusters of systems that already
 * duplicate one another. It keeps a {@link SimilarityIndex} of every system that is not retired:
 * loaded once after start-up, updated after each committed change on this instance, and
 * reconciled every 30 seconds with changes made by other instances.
 */
@Service
public class DuplicateFinder {

	private static final Logger log = LoggerFactory.getLogger(DuplicateFinder.class);

	/** Results below this score are not worth a reviewer's time. */
	public static final double MIN_SCORE = 0.3;

	/** Two systems scoring this much or more with each other are counted as duplicates. */
	public static final double CLUSTER_THRESHOLD = 0.5;

	private static final String ENTRY_SQL = """
			select id, name, aliases, summary, capabilities, division_code, shared_platform, status, version
			from reg_system""";

	private final JdbcClient jdbc;

	private final SystemRegistry registry;

	private final Taxonomy taxonomy;

	private final OrganizationDirectory organizations;

	private final SimilarityIndex index = new SimilarityIndex();

	private final IndexLifecycle lifecycle;

	DuplicateFinder(JdbcClient jdbc, SystemRegistry registry, Taxonomy taxonomy,
			OrganizationDirectory organizations, Clock clock) {
		this.jdbc = jdbc;
		this.registry = registry;
		this.taxonomy = taxonomy;
		this.organizations = organizations;
		this.lifecycle = new IndexLifecycle("registry-index", clock, new Source());
	}

	/** A draft to compare: what a project proposal or a registration form says. */
	public record Draft(String name, String summary, List<String> capabilities, String divisionCode,
			@Nullable UUID excludeSystemId) {
	}

	/** The English name on English pages where there is one, else the Chinese name. */
	static String inLanguage(Locale locale, String zh, String en) {
		return "zh".equals(locale.getLanguage()) || en.isBlank() ? zh : en;
	}

	/** Why a system matched: shared capabilities, matching words, the hierarchy relation, reuse. */
	public record Reason(String type, List<String> values, String message) {
	}

	/** One ranked existing system. {@code reuse} marks a shared platform to reuse instead. */
	public record SimilarSystem(UUID systemId, String name, String agency, String agencyEn, String agencyCode,
			String division, String status, double score, String relation, boolean sharedPlatform, boolean reuse,
			List<Reason> reasons) {

		/** The agency's name in a page's language. */
		public String agency(Locale locale) {
			return inLanguage(locale, this.agency, this.agencyEn);
		}
	}

	/** A group of systems that duplicate one another, with what they cost together. */
	public record DuplicateCluster(int number, List<String> commonCapabilities, int size, long combinedAnnualOmCostFen,
			long combinedBuildCostFen, double averageScore, List<ClusterMember> systems) {
	}

	public record ClusterMember(UUID systemId, String name, String agency, String agencyEn, String division,
			String status, @Nullable Long annualOmCostFen, @Nullable Long buildCostFen, boolean sharedPlatform) {

		/** The agency's name in a page's language. */
		public String agency(Locale locale) {
			return inLanguage(locale, this.agency, this.agencyEn);
		}
	}

	/** A cluster report; it is cached until the registry or the taxonomy changes. */
	public record ClusterReport(String divisionCode, double threshold, int systemsCompared, int systemsInClusters,
			long combinedAnnualOmCostFen, long tookMillis, Instant computedAt, List<DuplicateCluster> clusters) {
	}

	@EventListener(ApplicationReadyEvent.class)
	void loadInBackground() {
		this.lifecycle.loadInBackground();
	}

	void load() {
		this.lifecycle.load();
	}

	@TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
	void onTaxonomyChange(Taxonomy.TaxonomyChanged changed) {
		this.index.provinceWide(this.taxonomy.provinceWide());
		this.generation.incrementAndGet();
	}

	@TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
	void onChange(SystemsChanged changed) {
		this.lifecycle.refresh(changed.ids());
	}

	/** Counts changes to what the index holds; a cached cluster report is good while it stands still. */
	private final AtomicLong generation = new AtomicLong();

	private record CachedReport(long generation, ClusterReport report) {
	}

	private final Map<String, CachedReport> reports = new ConcurrentHashMap<>();

	private final Map<String, Object> reportLocks = new ConcurrentHashMap<>();

	/** Picks up changes made by other instances of the platform. */
	@Scheduled(initialDelay = 30, fixedDelay = 30, timeUnit = TimeUnit.SECONDS)
	void reconcile() {
		this.lifecycle.reconcile();
	}

	/** Fills the similarity index from reg_system; place names come from the organization module. */
	private final class Source implements IndexLifecycle.Source {

		@Override
		public int rebuild(IndexLifecycle.Versions versions) {
			SimilarityIndex index = DuplicateFinder.this.index;
			index.provinceWide(DuplicateFinder.this.taxonomy.provinceWide());
			index.places(DuplicateFinder.this.organizations.divisions().stream().map(Division::nameZh)
				.collect(Collectors.toSet()));
			List<Entry> entries = new ArrayList<>();
			DuplicateFinder.this.jdbc.sql(ENTRY_SQL).query(rs -> {
				versions.indexed(rs.getObject("id", UUID.class), rs.getLong("version"));
				if (!"retired".equals(rs.getString("status"))) {
					entries.add(entry(rs));
				}
			});
			index.putAll(entries);
			DuplicateFinder.this.generation.incrementAndGet();
			return entries.size();
		}

		@Override
		public void refresh(Collection<UUID> ids, IndexLifecycle.Versions versions) {
			Set<String> keep = new HashSet<>();
			List<Entry> put = new ArrayList<>();
			DuplicateFinder.this.jdbc.sql(ENTRY_SQL + " where id = any(?)").param(ids.toArray(UUID[]::new)).query(rs -> {
				versions.indexed(rs.getObject("id", UUID.class), rs.getLong("version"));
				if (!"retired".equals(rs.getString("status"))) {
					Entry e = entry(rs);
					put.add(e);
					keep.add(e.id());
				}
			});
			DuplicateFinder.this.index.putAll(put);
			ids.stream().map(UUID::toString).filter(id -> !keep.contains(id)).forEach(DuplicateFinder.this.index::remove);
			DuplicateFinder.this.generation.incrementAndGet();
		}

		@Override
		public Map<UUID, Long> changedSince(Instant since) {
			return IndexLifecycle.versionsChangedSince(DuplicateFinder.this.jdbc, "reg_system", since);
		}
	}

	private static Entry entry(ResultSet rs) throws SQLException {
		return new Entry(rs.getString("id"), SystemNames.clean(rs.getString("name")),
				Arrays.stream((String[]) rs.getArray("aliases").getArray()).map(SystemNames::clean).toList(),
				rs.getString("summary"), Set.of((String[]) rs.getArray("capabilities").getArray()),
				rs.getString("division_code"), rs.getBoolean("shared_platform"));
	}

	/** How many likely duplicates a save shows at most. */
	static final int SAVE_MATCHES = 5;

	/**
	 * What saving a draft would duplicate: the registered systems scoring at least
	 * {@link #CLUSTER_THRESHOLD} against it, best first (at most five). Empty while the index is
	 * still loading after start-up (ten seconds at most): a save is not held up for a minute, and the audit entry says
	 * that the check could not run.
	 */
	public List<SimilarSystem> duplicatesOf(Actor actor, SystemDraft draft, String divisionCode,
			@Nullable UUID excludeSystemId) {
		if (!this.lifecycle.awaitReady(Duration.ofSeconds(10))) {
			return List.of();
		}
		return similar(actor, new Draft(draft.name(), draft.summary(), draft.capabilities(), divisionCode,
				excludeSystemId), 10)
			.stream()
			.filter(s -> s.score() >= CLUSTER_THRESHOLD)
			.limit(SAVE_MATCHES)
			.toList();
	}

	/** Whether the index has been loaded (it loads in the background after start-up). */
	public boolean ready() {
		return this.lifecycle.ready();
	}

	public int indexedSystems() {
		return this.index.size();
	}

	private void awaitLoaded() {
		if (!this.lifecycle.awaitReady(Duration.ofSeconds(60))) {
			throw new UnigovException(RegistryError.INDEX_NOT_READY,
					"The duplicate finder is still loading the registry; try again in a minute.");
		}
	}

	/**
	 * Ranks the existing systems a draft would duplicate. Shared platforms that already provide
	 * one of the draft's capabilities come first, marked {@code reuse}: the advice is to use them
	 * rather than build. The rest follow by score.
	 */
	public List<SimilarSystem> similar(Actor actor, Draft draft, int limit) {
		requireReader(actor);
		requireDivisionCode(draft.divisionCode());
		awaitLoaded();
		Set<String> capabilities = new LinkedHashSet<>();
		for (String c : draft.capabilities()) {
			capabilities.add(this.taxonomy.resolve(c)
				.orElseThrow(() -> new UnigovException(RegistryError.UNKNOWN_CAPABILITY,
						"'" + c + "' is not in the function taxonomy.")));
		}
		String exclude = draft.excludeSystemId() == null ? null : draft.excludeSystemId().toString();
		SimilarityIndex.Draft query = new SimilarityIndex.Draft(SystemNames.clean(draft.name()), draft.summary(), capabilities,
				draft.divisionCode(), exclude);
		List<Match> matches = this.index.similar(query, limit, MIN_SCORE);
		List<Entry> platforms = this.index.sharedPlatforms()
			.stream()
			.filter(e -> !e.id().equals(exclude))
			.filter(e -> e.capabilities().stream().anyMatch(capabilities::contains))
			.sorted(Comparator.comparingLong((Entry e) -> -e.capabilities().stream().filter(capabilities::contains).count())
				.thenComparing(Entry::name))
			.toList();
		Set<UUID> ids = new LinkedHashSet<>();
		platforms.forEach(e -> ids.add(UUID.fromString(e.id())));
		matches.forEach(m -> ids.add(UUID.fromString(m.entry().id())));
		Map<UUID, RegisteredSystem> systems = this.registry.get(ids)
			.stream()
			.collect(Collectors.toMap(RegisteredSystem::id, Function.identity()));
		Map<String, Match> byId = matches.stream().collect(Collectors.toMap(m -> m.entry().id(), m -> m));
		List<SimilarSystem> results = new ArrayList<>();
		for (Entry platform : platforms) {
			RegisteredSystem system = systems.get(UUID.fromString(platform.id()));
			if (system == null) {
				continue;
			}
			Match match = byId.remove(platform.id());
			List<String> provided = platform.capabilities().stream().filter(capabilities::contains).sorted().toList();
			List<Reason> reasons = new ArrayList<>();
			reasons.add(new Reason("reuse", provided, "Shared platform already providing " + String.join(", ", provided)
					+ ": reuse it instead of building."));
			SimilarityIndex.Relation relation = SimilarityIndex.relation(draft.divisionCode(), platform.divisionCode());
			if (match != null) {
				reasons.addAll(reasons(match));
			}
			results.add(view(system, match == null ? 0 : match.score(), relation, true, reasons));
		}
		for (Match match : matches) {
			if (!byId.containsKey(match.entry().id())) {
				continue;
			}
			RegisteredSystem system = systems.get(UUID.fromString(match.entry().id()));
			if (system != null) {
				results.add(view(system, match.score(), match.relation(), false, reasons(match)));
			}
		}
		return results;
	}

	private static SimilarSystem view(RegisteredSystem system, double score, SimilarityIndex.Relation relation,
			boolean reuse, List<Reason> reasons) {
		return new SimilarSystem(system.id(), system.name(), system.agencyNameZh(), system.agencyNameEn(),
				system.agencyCode(),
				system.divisionCode(), system.status().code(), score, relation.name().toLowerCase(Locale.ROOT),
				system.sharedPlatform(), reuse, reasons);
	}

	private static List<Reason> reasons(Match match) {
		List<Reason> reasons = new ArrayList<>();
		if (!match.sharedCapabilities().isEmpty()) {
			reasons.add(new Reason("shared_capabilities", match.sharedCapabilities(),
					"Shares capabilities " + String.join(", ", match.sharedCapabilities()) + "."));
		}
		if (!match.matchingWords().isEmpty()) {
			reasons.add(new Reason("matching_words", match.matchingWords(),
					"Describes the same things: " + String.join(", ", match.matchingWords()) + "."));
		}
		String relation = match.relation().name().toLowerCase(Locale.ROOT);
		reasons.add(new Reason("hierarchy", List.of(relation, match.entry().divisionCode()),
				"Division relation: " + relation.replace('_', ' ') + " (" + match.entry().divisionCode() + ")."));
		return reasons;
	}

	/**
	 * Clusters of likely duplicates among the live, planned, building and suspended systems of a
	 * division's subtree, largest annual O&M cost first.
	 */
	public ClusterReport clusters(Actor actor, String divisionCode) {
		if (!actor.hasAny(Role.PLATFORM_ADMIN, Role.COORDINATOR, Role.AUDITOR)) {
			throw new UnigovException(CommonError.FORBIDDEN,
					"Duplicate clusters are for coordinators, auditors and platform admins.");
		}
		requireDivisionCode(divisionCode);
		String scope = actor.scopePrefix();
		if (!actor.has(Role.PLATFORM_ADMIN)
				&& (scope == null || !Actor.significantPrefix(divisionCode).startsWith(scope))) {
			throw new UnigovException(RegistryError.SYSTEM_OUT_OF_SCOPE,
					"Division " + divisionCode + " is outside your scope.");
		}
		awaitLoaded();
		String prefix = Actor.significantPrefix(divisionCode);
		synchronized (this.reportLocks.computeIfAbsent(prefix, k -> new Object())) {
			long generation = this.generation.get();
			CachedReport cached = this.reports.get(prefix);
			if (cached != null && cached.generation() == generation) {
				return cached.report();
			}
			ClusterReport report = computeClusters(divisionCode, prefix);
			this.reports.put(prefix, new CachedReport(generation, report));
			return report;
		}
	}

	private ClusterReport computeClusters(String divisionCode, String prefix) {
		long start = System.nanoTime();
		List<SimilarityIndex.Cluster> clusters = this.index.clusters(prefix, CLUSTER_THRESHOLD);
		int compared = this.index.count(prefix);
		Set<UUID> ids = clusters.stream()
			.flatMap(c -> c.members().stream())
			.map(e -> UUID.fromString(e.id()))
			.collect(Collectors.toCollection(LinkedHashSet::new));
		long searched = System.nanoTime();
		Map<UUID, ClusterMember> systems = members(ids);
		log.info("Cluster report for {}: {} systems, {} clusters of {} systems found in {} ms, read in {} ms", divisionCode,
				compared, clusters.size(), ids.size(), (searched - start) / 1_000_000,
				(System.nanoTime() - searched) / 1_000_000);
		List<DuplicateCluster> result = new ArrayList<>();
		for (SimilarityIndex.Cluster cluster : clusters) {
			List<ClusterMember> members = cluster.members()
				.stream()
				.map(e -> systems.get(UUID.fromString(e.id())))
				.filter(Objects::nonNull)
				.sorted(Comparator.comparing(ClusterMember::division).thenComparing(ClusterMember::name))
				.toList();
			if (members.size() < 2) {
				continue;
			}
			result.add(new DuplicateCluster(0, cluster.commonCapabilities(), members.size(),
					members.stream().map(ClusterMember::annualOmCostFen).filter(Objects::nonNull).mapToLong(Long::longValue).sum(),
					members.stream().map(ClusterMember::buildCostFen).filter(Objects::nonNull).mapToLong(Long::longValue).sum(),
					Math.round(cluster.averageScore() * 1000) / 1000.0, members));
		}
		result.sort(Comparator.comparingLong(DuplicateCluster::combinedAnnualOmCostFen).reversed());
		List<DuplicateCluster> numbered = new ArrayList<>(result.size());
		for (int i = 0; i < result.size(); i++) {
			DuplicateCluster c = result.get(i);
			numbered.add(new DuplicateCluster(i + 1, c.commonCapabilities(), c.size(), c.combinedAnnualOmCostFen(),
					c.combinedBuildCostFen(), c.averageScore(), c.systems()));
		}
		return new ClusterReport(divisionCode, CLUSTER_THRESHOLD, compared,
				numbered.stream().mapToInt(DuplicateCluster::size).sum(),
				numbered.stream().mapToLong(DuplicateCluster::combinedAnnualOmCostFen).sum(),
				(System.nanoTime() - start) / 1_000_000, Instant.now(), numbered);
	}

	/** The report's view of many systems in one query, with agency names from the organization module. */
	private Map<UUID, ClusterMember> members(Set<UUID> ids) {
		if (ids.isEmpty()) {
			return Map.of();
		}
		record Row(UUID id, String name, UUID agencyId, String division, String status, long om, long build,
				boolean shared) {
		}
		List<Row> rows = this.jdbc.sql("""
				select id, name, agency_id, division_code, status, annual_om_cost_fen, build_cost_fen, shared_platform
				from reg_system where id = any(?)""")
			.param(ids.toArray(UUID[]::new))
			.query((rs, n) -> new Row(rs.getObject(1, UUID.class), rs.getString(2), rs.getObject(3, UUID.class),
					rs.getString(4), rs.getString(5), rs.getLong(6), rs.getLong(7), rs.getBoolean(8)))
			.list();
		Map<UUID, Agency> agencies = this.organizations
			.agencies(rows.stream().map(Row::agencyId).collect(Collectors.toSet()));
		Map<UUID, ClusterMember> members = new HashMap<>();
		for (Row r : rows) {
			Agency agency = agencies.get(r.agencyId());
			members.put(r.id(), new ClusterMember(r.id(), r.name(), agency == null ? "" : agency.nameZh(),
					agency == null ? "" : agency.nameEn(), r.division(),
					r.status(), r.om(), r.build(), r.shared()));
		}
		return members;
	}

	private static void requireDivisionCode(String code) {
		if (!DivisionCodes.isWellFormed(code)) {
			throw new UnigovException(CommonError.INVALID_PARAMETER, "A division code has six digits (GB/T 2260).");
		}
	}

	private static void requireReader(Actor actor) {
		if (!SystemRegistry.canRead(actor)) {
			throw new UnigovException(CommonError.FORBIDDEN, "The duplicate finder is for government staff.");
		}
	}

	@PreDestroy
	void close() {
		this.index.close();
	}
}
