package org.unigov.sharing.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.unigov.calendar.Deadline;
import org.unigov.catalog.CatalogEntry;
import org.unigov.shared.Actor;
import org.unigov.shared.jdbc.Queries;
import org.unigov.shared.jdbc.Where;
import org.unigov.shared.problem.CommonError;
import org.unigov.shared.problem.UnigovException;
import org.unigov.sharing.RefusalCategory;
import org.unigov.sharing.RequestStatus;
import org.unigov.sharing.SharingDesk.RequestFilter;
import org.unigov.sharing.SharingRequest;
import tools.jackson.databind.json.JsonMapper;

/**
 * The sharing requests (table {@code shr_request}): reading them within the reader's scope and
 * writing each step of their life. Every write returns the row as written.
 */
@Repository
public class Requests {

	private final JdbcClient jdbc;

	private final JsonMapper json;

	private final RowMapper<SharingRequest> rows;

	Requests(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
		this.rows = (rs, n) -> Rows.request(rs, json);
	}

	/** Who files a request, for which system, and whether it renews a grant. */
	public record Filing(UUID id, String number, String kind, UUID requesterAgencyId, String requesterDivision,
			UUID consumerSystemId, @Nullable UUID renewsGrantId, String filedBy) {
	}

	/** The statutory statements of a request (S1). */
	public record Statements(List<String> items, String legalBasis, String useCase, String useScope,
			String sharingMethod, LocalDate periodFrom, LocalDate periodTo, String expectedVolume) {
	}

	/** The reply clock: when it started, how many working days it runs and when it ends (S2). */
	public record ReplyClock(LocalDate start, int days, Deadline due) {
	}

	/** A provider's reply (S3): the outcome and, for a refusal, its kind, reasons and cited condition. */
	public record Reply(RequestStatus status, LocalDate on, int workingDays, String by,
			@Nullable RefusalCategory category, @Nullable String reasons, @Nullable Integer condition) {
	}

	public Optional<SharingRequest> get(UUID id) {
		return this.jdbc.sql("select * from shr_request where id = ?").param(id).query(this.rows).optional();
	}

	public List<SharingRequest> get(Collection<UUID> ids) {
		if (ids.isEmpty()) {
			return List.of();
		}
		return this.jdbc.sql("select * from shr_request where id = any(?)")
			.param(ids.toArray(UUID[]::new))
			.query(this.rows)
			.list();
	}

	/** The request if the actor may see it; not found otherwise. */
	public SharingRequest visible(Actor actor, UUID id) {
		return get(id).filter(r -> RequestRules.isVisible(actor, r))
			.orElseThrow(() -> UnigovException.notFound(SharingError.REQUEST_NOT_FOUND, "Sharing request", id));
	}

	/** Requests the actor may see, narrowed by the filter; {@code today} decides what is overdue. */
	public Page<SharingRequest> find(Actor actor, RequestFilter filter, LocalDate today, Pageable pageable) {
		UUID agency = actor.agencyId();
		Where where = Where.start()
			.visibleTo(actor, null, List.of("requester_division", "provider_division"),
					List.of("requester_agency_id", "provider_agency_id"))
			.andIf("made".equals(filter.role()) && agency != null, "requester_agency_id = ?", agency)
			.andIf("received".equals(filter.role()) && agency != null, "provider_agency_id = ?", agency)
			.andIf(filter.agencyId() != null, "requester_agency_id = ? or provider_agency_id = ?", filter.agencyId(),
					filter.agencyId())
			.andIf(filter.entryId() != null, "entry_id = ?", filter.entryId())
			.andIf(filter.status() != null, "status = ?", filter.status() == null ? null : filter.status().code())
			.andIf(filter.overdue(),
					"(status = 'submitted' and reply_due < ?) or (status = 'approved' and delivered_at is null and delivery_due < ?)",
					today, today)
			.andIf(filter.escalated(), "escalated_at is not null or delivery_escalated_at is not null");
		String order = filter.overdue() ? "reply_due, number" : "filed_at desc, number desc";
		return Queries.page(this.jdbc, "shr_request", where.sql(), where.params(), order, this.rows, pageable);
	}

	/** Whether there is any request at all (the demo seeds only an empty desk). */
	public boolean any() {
		return this.jdbc.sql("select exists (select 1 from shr_request)").query(Boolean.class).single();
	}

	/** Moves a request's filing back by {@code days} with its clock start (demo data only). */
	public void backdate(UUID id, LocalDate clockStart, int days) {
		this.jdbc.sql("update shr_request set clock_start = ?, filed_at = filed_at - make_interval(days => ?) where id = ?")
			.params(clockStart, days, id)
			.update();
	}

	/** Requests on an entry awaiting the provider's reply or the requester's supplement. */
	public long awaitingReplyOn(UUID entryId) {
		return this.jdbc.sql("select count(*) from shr_request where entry_id = ? and status in ('submitted', 'incomplete')")
			.param(entryId)
			.query(Long.class)
			.single();
	}

	/** The next request number of the year, {@code GX2026-000042}. */
	public String nextNumber(int year) {
		return "GX" + year + "-"
				+ String.format("%06d", this.jdbc.sql("select nextval('shr_request_number')").query(Long.class).single());
	}

	public SharingRequest insert(Filing filing, CatalogEntry entry, Statements statements, ReplyClock clock) {
		return this.jdbc.sql("""
				insert into shr_request (id, number, kind, requester_agency_id, requester_division, consumer_system_id,
				    entry_id, entry_code, entry_revision, sharing_type, provider_agency_id, provider_division, items,
				    legal_basis, use_case, use_scope, sharing_method, period_from, period_to, expected_volume,
				    renews_grant_id, status, filed_at, filed_by, clock_start, reply_days, reply_due, reply_provisional)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'submitted', now(), ?, ?, ?, ?, ?)
				returning *""")
			.params(filing.id(), filing.number(), filing.kind(), filing.requesterAgencyId(), filing.requesterDivision(),
					filing.consumerSystemId(), entry.id(), entry.code(), entry.publishedRevision(),
					entry.content().sharingType().code(), entry.providerAgencyId(), entry.divisionCode(),
					statements.items().toArray(String[]::new), statements.legalBasis(), statements.useCase(),
					statements.useScope(), statements.sharingMethod(), statements.periodFrom(), statements.periodTo(),
					statements.expectedVolume(), filing.renewsGrantId(), filing.filedBy(), clock.start(), clock.days(),
					clock.due().due(), clock.due().provisional())
			.query(this.rows)
			.single();
	}

	/** Locks the request's row and checks the reader's version is still current. */
	public void lock(SharingRequest request, long version) {
		long current = this.jdbc.sql("select version from shr_request where id = ? for update")
			.param(request.id())
			.query(Long.class)
			.single();
		if (current != version || request.version() != version) {
			throw new UnigovException(CommonError.STALE_VERSION, "Request " + request.number()
					+ " changed since you read it (version " + current + ", you had " + version + "); reload it.");
		}
	}

	public SharingRequest markIncomplete(UUID id, Map<String, String> missing) {
		return update("""
				update shr_request set status = 'incomplete', incomplete_notice = ?::jsonb, incomplete_at = now(),
				    version = version + 1, updated_at = now() where id = ? returning *""",
				this.json.writeValueAsString(missing), id);
	}

	public SharingRequest supplement(UUID id, Statements statements, ReplyClock clock) {
		return update("""
				update shr_request set status = 'submitted', items = ?, legal_basis = ?, use_case = ?, use_scope = ?,
				    sharing_method = ?, period_from = ?, period_to = ?, expected_volume = ?, clock_start = ?,
				    reply_due = ?, reply_provisional = ?, version = version + 1, updated_at = now()
				where id = ? returning *""", statements.items().toArray(String[]::new), statements.legalBasis(),
				statements.useCase(), statements.useScope(), statements.sharingMethod(), statements.periodFrom(),
				statements.periodTo(), statements.expectedVolume(), clock.start(), clock.due().due(),
				clock.due().provisional(), id);
	}

	public SharingRequest withdraw(UUID id) {
		return update("""
				update shr_request set status = 'withdrawn',
				    extension_state = case when extension_state = 'requested' then 'lapsed' else extension_state end,
				    version = version + 1, updated_at = now() where id = ? returning *""", id);
	}

	public SharingRequest reply(UUID id, Reply reply) {
		return update("""
				update shr_request set status = ?, replied_at = now(), replied_on = ?, reply_working_days = ?, replied_by = ?,
				    refusal_category = ?, refusal_reasons = ?, refusal_condition = ?,
				    extension_state = case when extension_state = 'requested' then 'lapsed' else extension_state end,
				    version = version + 1, updated_at = now() where id = ? returning *""", reply.status().code(),
				reply.on(), reply.workingDays(), reply.by(), reply.category() == null ? null : reply.category().code(),
				reply.reasons(), reply.condition(), id);
	}

	/** Marks the request changed (a dispute was opened over it), so that stale forms are refused. */
	public SharingRequest touch(UUID id) {
		return update("update shr_request set version = version + 1, updated_at = now() where id = ? returning *", id);
	}

	/** A refused request approved by a dispute's decision; the provider's reply stays on record. */
	public SharingRequest approveRefused(UUID id) {
		return update("update shr_request set status = 'approved', version = version + 1, updated_at = now() where id = ? returning *",
				id);
	}

	public SharingRequest startDelivery(UUID id, LocalDate start, LocalDate due) {
		return update("update shr_request set delivery_start = ?, delivery_due = ? where id = ? returning *", start, due,
				id);
	}

	public SharingRequest requestExtension(UUID id, int days, String reason) {
		return update("""
				update shr_request set extension_state = 'requested', extension_requested = ?, extension_reason = ?,
				    version = version + 1, updated_at = now() where id = ? returning *""", days, reason, id);
	}

	public SharingRequest decideExtension(UUID id, String state, int days, Deadline due) {
		return update("""
				update shr_request set extension_state = ?, extension_days = ?, reply_due = ?, reply_provisional = ?,
				    version = version + 1, updated_at = now()
				where id = ? returning *""", state, days, due.due(), due.provisional(), id);
	}

	public SharingRequest deliver(UUID id, LocalDate on, String method, @Nullable String note) {
		return update("""
				update shr_request set delivered_at = now(), delivered_on = ?, delivery_method = ?, delivery_note = ?,
				    version = version + 1, updated_at = now() where id = ? returning *""", on, method, note, id);
	}

	/** Replies and deliveries past their deadline not yet handed to the coordinator. */
	public List<SharingRequest> overdueUnescalated(LocalDate today) {
		return this.jdbc.sql("""
				select * from shr_request where (status = 'submitted' and reply_due < ? and escalated_at is null)
				   or (status = 'approved' and delivered_at is null and delivery_due < ? and delivery_escalated_at is null)
				order by reply_due limit 10000""")
			.params(today, today)
			.query(this.rows)
			.list();
	}

	/** Marks a late reply or delivery escalated; false if another instance did already. */
	public boolean markEscalated(UUID id, boolean reply) {
		return this.jdbc.sql(reply
				? "update shr_request set escalated_at = now() where id = ? and escalated_at is null and status = 'submitted'"
				: "update shr_request set delivery_escalated_at = now() where id = ? and delivery_escalated_at is null"
						+ " and status = 'approved' and delivered_at is null")
			.param(id)
			.update() > 0;
	}

	/** A stored deadline and the one the calendar now gives. */
	public record Moved(UUID id, Deadline due) {
	}

	/**
	 * The reply deadlines of open requests that {@code recompute} (clock start, working days) moves.
	 */
	public List<Moved> movedReplyDeadlines(BiFunction<LocalDate, Integer, Deadline> recompute) {
		List<Moved> moved = new ArrayList<>();
		this.jdbc.sql("""
				select id, clock_start, reply_days + extension_days, reply_due, reply_provisional
				from shr_request where status in ('submitted', 'incomplete')""").query(rs -> {
			Deadline due = recompute.apply(rs.getObject(2, LocalDate.class), rs.getInt(3));
			if (!due.due().equals(rs.getObject(4, LocalDate.class)) || due.provisional() != rs.getBoolean(5)) {
				moved.add(new Moved(rs.getObject(1, UUID.class), due));
			}
		});
		return moved;
	}

	/** The delivery deadlines of approved, undelivered requests that {@code recompute} (start) moves. */
	public List<Moved> movedDeliveryDeadlines(Function<LocalDate, Deadline> recompute) {
		List<Moved> moved = new ArrayList<>();
		this.jdbc.sql("""
				select id, delivery_start, delivery_due from shr_request
				where status = 'approved' and delivered_at is null and delivery_start is not null""").query(rs -> {
			Deadline due = recompute.apply(rs.getObject(2, LocalDate.class));
			if (!due.due().equals(rs.getObject(3, LocalDate.class))) {
				moved.add(new Moved(rs.getObject(1, UUID.class), due));
			}
		});
		return moved;
	}

	/** Writes moved reply deadlines in one statement. */
	public void updateReplyDeadlines(List<Moved> moved) {
		if (moved.isEmpty()) {
			return;
		}
		this.jdbc.sql("""
				update shr_request r set reply_due = u.due, reply_provisional = u.provisional
				from unnest(?::uuid[], ?::date[], ?::boolean[]) as u(id, due, provisional) where r.id = u.id""")
			.params(moved.stream().map(Moved::id).toArray(UUID[]::new),
					moved.stream().map(m -> m.due().due().toString()).toArray(String[]::new),
					moved.stream().map(m -> m.due().provisional()).toArray(Boolean[]::new))
			.update();
	}

	/** Writes moved delivery deadlines in one statement. */
	public void updateDeliveryDeadlines(List<Moved> moved) {
		if (moved.isEmpty()) {
			return;
		}
		this.jdbc.sql("""
				update shr_request r set delivery_due = u.due
				from unnest(?::uuid[], ?::date[]) as u(id, due) where r.id = u.id""")
			.params(moved.stream().map(Moved::id).toArray(UUID[]::new),
					moved.stream().map(m -> m.due().due().toString()).toArray(String[]::new))
			.update();
	}

	private SharingRequest update(String sql, @Nullable Object... params) {
		return this.jdbc.sql(sql).params(params).query(this.rows).single();
	}
}
