package org.unigov.exchange.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.unigov.catalog.EntryNames;
import org.unigov.organization.Agency;
import org.unigov.organization.AgencyScope;
import org.unigov.organization.OrganizationDirectory;
import org.unigov.registry.RegisteredSystem;
import org.unigov.registry.SystemRegistry;
import org.unigov.shared.Actor;
import org.unigov.shared.ChinaTime;
import org.unigov.shared.Role;
import org.unigov.shared.jdbc.Where;
import org.unigov.shared.problem.CommonError;
import org.unigov.shared.problem.UnigovException;

/**
 * Traffic through the exchange by day, from the daily roll-up the access log maintains: a
 * provider sees the calls to its resources, a consumer the calls of its systems, a coordinator
 * or auditor both for the agencies of its level. Names come from the catalog, registry and
 * organization in one batch each.
 */
@Service
public class TrafficReport {

	/** The widest range one view reads. */
	public static final int MAX_DAYS = 400;

	private final TrafficRows rows;

	private final AgencyScope scope;

	private final EntryNames entries;

	private final SystemRegistry systems;

	private final OrganizationDirectory organizations;

	private final Clock clock;

	TrafficReport(TrafficRows rows, AgencyScope scope, EntryNames entries, SystemRegistry systems,
			OrganizationDirectory organizations, Clock clock) {
		this.rows = rows;
		this.scope = scope;
		this.entries = entries;
		this.systems = systems;
		this.organizations = organizations;
		this.clock = clock;
	}

	/** Which side of the calls: those made to the agency's resources, or those its systems made. */
	public enum Side {
		PROVIDER, CONSUMER
	}

	/**
	 * One day of one resource for one consumer system; latencies in microseconds. Every call is in
	 * exactly one class: answered (2xx), {@code errors} (5xx: the provider or the gateway failed),
	 * {@code denied} (401, 403, 429: refused under the grant, S6) or {@code rejected} (any other 4xx:
	 * a malformed call, an operation not offered, a request the provider rejected or found nothing
	 * for).
	 *
	 * @param fastPerMille how many calls in a thousand were answered in under 5 ms
	 */
	public record DayRow(LocalDate day, String resourceCode, String resourceName, UUID consumerSystemId,
			String consumerSystem, String consumerAgency, String providerAgency, long calls, long errors, long denied,
			long rejected, long averageUs, long maxUs, long fastPerMille, long bytes) {
	}

	/** The totals of one day over every row, for the chart. */
	public record DayTotal(LocalDate day, long calls, long errors, long denied, long rejected, long averageUs) {
	}

	public record Traffic(Side side, LocalDate from, LocalDate to, List<DayRow> rows, List<DayTotal> days, long calls,
			long errors, long denied, long rejected) {
	}

	@Transactional(readOnly = true)
	public Traffic traffic(Actor actor, Side side, @Nullable LocalDate from, @Nullable LocalDate to) {
		if (!ExchangeLog.canInspect(actor)) {
			throw new UnigovException(CommonError.FORBIDDEN, "Exchange traffic is visible to government staff only.");
		}
		LocalDate end = to == null ? LocalDate.now(this.clock.withZone(ChinaTime.ZONE)) : to;
		LocalDate start = from == null ? end.minusDays(29) : from;
		if (start.isAfter(end) || start.plusDays(MAX_DAYS).isBefore(end)) {
			throw new UnigovException(CommonError.INVALID_PARAMETER,
					"from must not be after to, and a view spans at most " + MAX_DAYS + " days.");
		}
		List<DayRow> rows = named(this.rows.find(start, end, side == Side.PROVIDER, agencies(actor)));
		return totals(side, start, end, rows);
	}

	/** The agencies whose traffic the actor sees on either side; null for all of them. */
	private @Nullable List<UUID> agencies(Actor actor) {
		if (actor.has(Role.PLATFORM_ADMIN)) {
			return null;
		}
		if (actor.hasAny(Role.COORDINATOR, Role.AUDITOR) && actor.scopePrefix() != null) {
			return this.scope.agencyIds(Where.scopePattern(actor));
		}
		return List.of(actor.agencyId() == null ? new UUID(0, 0) : actor.agencyId());
	}

	/** The rows with the names of their resource, consumer system and agencies. */
	private List<DayRow> named(List<TrafficRows.Row> found) {
		Set<String> codes = new HashSet<>();
		Set<UUID> systemIds = new HashSet<>();
		Set<UUID> agencyIds = new HashSet<>();
		for (TrafficRows.Row row : found) {
			codes.add(entryCode(row.resourceCode()));
			systemIds.add(row.consumerSystemId());
			agencyIds.add(row.consumerAgencyId());
			agencyIds.add(row.providerAgencyId());
		}
		Map<String, String> entryNames = this.entries.byCode(codes);
		Map<UUID, String> systemNames = new HashMap<>();
		for (RegisteredSystem system : this.systems.get(systemIds)) {
			systemNames.put(system.id(), system.name());
		}
		Map<UUID, Agency> agencies = this.organizations.agencies(agencyIds);
		List<DayRow> rows = new ArrayList<>(found.size());
		for (TrafficRows.Row r : found) {
			long calls = r.calls();
			rows.add(new DayRow(r.day(), r.resourceCode(),
					entryNames.getOrDefault(entryCode(r.resourceCode()), r.resourceCode()), r.consumerSystemId(),
					systemNames.getOrDefault(r.consumerSystemId(), ""), agencyName(agencies, r.consumerAgencyId()),
					agencyName(agencies, r.providerAgencyId()), calls, r.errors(), r.denied(), r.rejected(),
					calls == 0 ? 0 : r.latencySumUs() / calls, r.maxUs(), calls == 0 ? 0 : r.under5ms() * 1000 / calls,
					r.bytes()));
		}
		return rows;
	}

	/** The catalog code of a resource code in exchange URLs ({@code 101-00001} → {@code 101/00001}). */
	private static String entryCode(String resourceCode) {
		return resourceCode.replace('-', '/');
	}

	private static String agencyName(Map<UUID, Agency> agencies, UUID id) {
		Agency agency = agencies.get(id);
		return agency == null ? "" : agency.nameZh();
	}

	/** Per day over every row: calls, errors, refusals, rejections and the mean latency; and the sums. */
	private static Traffic totals(Side side, LocalDate start, LocalDate end, List<DayRow> rows) {
		Map<LocalDate, long[]> sums = new HashMap<>();
		for (DayRow row : rows) {
			long[] sum = sums.computeIfAbsent(row.day(), d -> new long[5]);
			sum[0] += row.calls();
			sum[1] += row.errors();
			sum[2] += row.denied();
			sum[3] += row.rejected();
			sum[4] += row.averageUs() * row.calls();
		}
		List<DayTotal> days = new ArrayList<>();
		long[] total = new long[4];
		for (LocalDate day = start; !day.isAfter(end); day = day.plusDays(1)) {
			long[] sum = sums.getOrDefault(day, new long[5]);
			days.add(new DayTotal(day, sum[0], sum[1], sum[2], sum[3], sum[0] == 0 ? 0 : sum[4] / sum[0]));
			for (int i = 0; i < 4; i++) {
				total[i] += sum[i];
			}
		}
		return new Traffic(side, start, end, rows, days, total[0], total[1], total[2], total[3]);
	}
}
