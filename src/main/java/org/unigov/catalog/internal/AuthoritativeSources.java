package org.unigov.catalog.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.unigov.audit.AuditJournal;
import org.unigov.audit.AuditRecord;
import org.unigov.catalog.CatalogEntry;
import org.unigov.catalog.CatalogError;
import org.unigov.catalog.EntryStatus;
import org.unigov.catalog.ItemOrigin;
import org.unigov.shared.Actor;
import org.unigov.shared.Role;
import org.unigov.shared.problem.CommonError;
import org.unigov.shared.problem.UnigovException;

/**
 * Authoritative sources (数源部门, C8): for a standard data element that several departments hold,
 * the one published entry everyone else obtains it from instead of collecting it again. The
 * province's coordinator (or a platform admin) designates them. Project reviews (P2) and service
 * forms (S12) ask {@link #forElements} which data is already available through sharing.
 */
@Service
@Transactional
public class AuthoritativeSources {

	private final JdbcClient jdbc;

	private final EntryReads reads;

	private final DataElements elements;

	private final AuditJournal journal;

	AuthoritativeSources(JdbcClient jdbc, EntryReads reads, DataElements elements, AuditJournal journal) {
		this.jdbc = jdbc;
		this.reads = reads;
		this.elements = elements;
		this.journal = journal;
	}

	/** An element and the published entry that is its authoritative source. */
	public record Source(String elementCode, UUID entryId, String entryCode, String entryName, UUID providerAgencyId,
			String designatedBy, Instant designatedAt, String note) {
	}

	private static final String SELECT = """
			select a.element_code, e.id, e.code, e.name, e.provider_agency_id, a.designated_by, a.designated_at, a.note
			from cat_authority a join cat_entry e on e.id = a.entry_id where e.status = 'published'""";

	@Transactional(readOnly = true)
	public List<Source> all() {
		return this.jdbc.sql(SELECT + " order by a.element_code").query(this::row).list();
	}

	/** The authoritative sources of these elements, where designated. */
	@Transactional(readOnly = true)
	public List<Source> forElements(Collection<String> elementCodes) {
		if (elementCodes.isEmpty()) {
			return List.of();
		}
		return this.jdbc.sql(SELECT + " and a.element_code = any(?) order by a.element_code")
			.param(elementCodes.toArray(String[]::new))
			.query(this::row)
			.list();
	}

	/**
	 * Designates (or re-designates) the authoritative source of an element: a published entry with
	 * an item of that element, collected by its own department. Province coordinators and platform
	 * admins only; audited as {@code authority.designated}.
	 */
	public Source designate(Actor actor, String elementCode, UUID entryId, String note) {
		boolean provincial = actor.has(Role.COORDINATOR) && actor.divisionCode() != null
				&& actor.divisionCode().endsWith("0000");
		if (!actor.has(Role.PLATFORM_ADMIN) && !provincial) {
			throw new UnigovException(CommonError.FORBIDDEN,
					"Authoritative sources are designated by the province's coordinator (C8).");
		}
		DataElement element = this.elements.get(elementCode);
		CatalogEntry entry = this.reads.visible(actor, entryId);
		if (entry.status() != EntryStatus.PUBLISHED) {
			throw new UnigovException(CatalogError.AUTHORITY_INVALID, "Only a published entry can be an authoritative source.");
		}
		boolean holds = entry.content()
			.items()
			.stream()
			.anyMatch(i -> element.code().equals(i.elementCode()) && i.origin() == ItemOrigin.COLLECTED);
		if (!holds) {
			throw new UnigovException(CatalogError.AUTHORITY_INVALID, "Entry " + entry.code()
					+ " has no item of the element " + element.code() + " that its department collects itself.");
		}
		String previous = this.jdbc.sql("select e.code from cat_authority a join cat_entry e on e.id = a.entry_id where a.element_code = ?")
			.param(element.code())
			.query(String.class)
			.optional()
			.orElse("");
		this.jdbc.sql("""
				insert into cat_authority (element_code, entry_id, designated_by, note) values (?, ?, ?, ?)
				on conflict (element_code) do update set entry_id = excluded.entry_id, designated_by = excluded.designated_by,
				    designated_at = now(), note = excluded.note""")
			.params(element.code(), entryId, actor.username(), note.strip())
			.update();
		this.journal.append(actor, AuditRecord.of("authority.designated", "data-element", element.code(), null,
				Map.of("entry", entry.code(), "previous", previous, "note", note.strip())));
		return forElements(List.of(element.code())).getFirst();
	}

	private Source row(ResultSet rs, int n) throws SQLException {
		return new Source(rs.getString(1), rs.getObject(2, UUID.class), rs.getString(3), rs.getString(4),
				rs.getObject(5, UUID.class), rs.getString(6), rs.getObject(7, OffsetDateTime.class).toInstant(),
				rs.getString(8));
	}
}
