package org.unigov.exchange.internal;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.unigov.shared.jdbc.Queries;
import org.unigov.shared.jdbc.Where;

/**
 * The access log's entries ({@code exc_access_log}) as read: pages for the log view and the row
 * mapping. Entries are written only by the shipper's binary COPY ({@link LogShipper}).
 */
@Repository
public class AccessEntries {

	private final JdbcClient jdbc;

	AccessEntries(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Which entries a reader sees: all, those with an agency of a list on either side (a
	 * coordinator's scope), or those of one agency on one side ({@code provider}, {@code consumer})
	 * or either.
	 */
	public record Visible(boolean all, @Nullable List<UUID> eitherSide, @Nullable UUID agency, @Nullable String side) {

		static final Visible ALL = new Visible(true, null, null, null);

		static Visible either(List<UUID> agencies) {
			return new Visible(false, agencies, null, null);
		}

		static Visible agency(UUID agency, @Nullable String side) {
			return new Visible(false, null, agency, side);
		}
	}

	/** Entries, newest first; {@code subjects} (when not null) are the keyed hashes of one data subject. */
	public Page<AccessEntry> find(Visible visible, ExchangeLog.LogFilter filter, @Nullable List<byte[]> subjects,
			Pageable pageable) {
		Where where = visibility(visible)
			.andIf(filter.resource() != null && !filter.resource().isBlank(), "resource_code = ?",
					filter.resource() == null ? null : filter.resource().strip())
			.andIf(filter.outcome() != null && !filter.outcome().isBlank(), "outcome = ?",
					filter.outcome() == null ? null : filter.outcome().strip())
			.andIf(filter.from() != null, "at >= ?::date::timestamp at time zone 'Asia/Shanghai'",
					String.valueOf(filter.from()))
			.andIf(filter.to() != null, "at < (?::date + 1)::timestamp at time zone 'Asia/Shanghai'",
					String.valueOf(filter.to()));
		if (subjects != null) {
			where.and("subject_hmac in (" + String.join(", ", Collections.nCopies(subjects.size(), "decode(?, 'hex')"))
					+ ")", subjects.stream().map(h -> HexFormat.of().formatHex(h)).toArray());
		}
		return Queries.page(this.jdbc, "exc_access_log", where.sql(), where.params(), "seq desc", AccessEntries::row,
				pageable);
	}

	private static Where visibility(Visible visible) {
		Where where = Where.start();
		if (visible.all()) {
			return where;
		}
		if (visible.eitherSide() != null) {
			UUID[] scope = visible.eitherSide().toArray(UUID[]::new);
			return where.and("consumer_agency_id = any(?) or provider_agency_id = any(?)", scope, scope);
		}
		if ("provider".equals(visible.side())) {
			return where.and("provider_agency_id = ?", visible.agency());
		}
		if ("consumer".equals(visible.side())) {
			return where.and("consumer_agency_id = ?", visible.agency());
		}
		return where.and("consumer_agency_id = ? or provider_agency_id = ?", visible.agency(), visible.agency());
	}

	public static AccessEntry row(ResultSet rs, int n) throws SQLException {
		Array items = rs.getArray("items");
		String[] itemValues = (String[]) items.getArray();
		return new AccessEntry(rs.getLong("seq"), rs.getTimestamp("at").toInstant(),
				rs.getObject("request_id", UUID.class), rs.getString("client_id"),
				rs.getObject("consumer_system_id", UUID.class), rs.getObject("consumer_agency_id", UUID.class),
				rs.getObject("provider_agency_id", UUID.class), rs.getObject("service_id", UUID.class),
				rs.getString("resource_code"), rs.getObject("grant_id", UUID.class), rs.getString("purpose"),
				rs.getString("method"), rs.getString("path"), List.of(itemValues), rs.getInt("status"),
				rs.getString("outcome"), rs.getInt("latency_us"), rs.getInt("bytes"), rs.getString("subject_key"),
				rs.getBytes("subject_hmac"), rs.getBytes("previous_hash"), rs.getBytes("hash"));
	}
}
