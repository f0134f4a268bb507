package org.unigov.notifications.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.unigov.shared.jdbc.Queries;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The notifications table: one row per recipient. */
@Repository
public class NotificationRows {

	private static final TypeReference<Map<String, String>> PARAMS = new TypeReference<>() {
	};

	private final JdbcClient jdbc;

	private final JsonMapper json;

	NotificationRows(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	public void insert(UUID id, String recipient, String kind, String subjectType, UUID subjectId,
			Map<String, String> params, String link) {
		this.jdbc.sql("""
				insert into ntf_notification (id, recipient, kind, subject_type, subject_id, params, link)
				values (?, ?, ?, ?, ?, ?::jsonb, ?)""")
			.params(id, recipient, kind, subjectType, subjectId, this.json.writeValueAsString(params), link)
			.update();
	}

	public Optional<Notification> get(UUID id) {
		return this.jdbc.sql("select * from ntf_notification where id = ?").param(id).query(this::row).optional();
	}

	public Page<Notification> inbox(String recipient, boolean unreadOnly, Pageable pageable) {
		return Queries.page(this.jdbc, "ntf_notification",
				"where recipient = ?" + (unreadOnly ? " and read_at is null" : ""), List.of(recipient),
				"created_at desc, id", this::row, pageable);
	}

	public long unread(String recipient) {
		return this.jdbc.sql("select count(*) from ntf_notification where recipient = ? and read_at is null")
			.param(recipient)
			.query(Long.class)
			.single();
	}

	/** Marks one read; false when it was read already. */
	public boolean markRead(UUID id) {
		return this.jdbc.sql("update ntf_notification set read_at = now() where id = ? and read_at is null")
			.param(id)
			.update() == 1;
	}

	public int markAllRead(String recipient) {
		return this.jdbc.sql("update ntf_notification set read_at = now() where recipient = ? and read_at is null")
			.param(recipient)
			.update();
	}

	/** Whether {@code recipient} was already told {@code kind} about {@code subjectId} for this due date. */
	public boolean told(String recipient, String kind, UUID subjectId, String due) {
		return this.jdbc.sql("""
				select exists (select 1 from ntf_notification
				               where recipient = ? and kind = ? and subject_id = ? and params ->> 'due' = ?)""")
			.params(recipient, kind, subjectId, due)
			.query(Boolean.class)
			.single();
	}

	private Notification row(ResultSet rs, int n) throws SQLException {
		Timestamp read = rs.getTimestamp("read_at");
		Instant readAt = read == null ? null : read.toInstant();
		return new Notification(rs.getObject("id", UUID.class), rs.getString("recipient"), rs.getString("kind"),
				rs.getString("subject_type"), rs.getObject("subject_id", UUID.class),
				this.json.readValue(rs.getString("params"), PARAMS), rs.getString("link"),
				rs.getTimestamp("created_at").toInstant(), readAt);
	}
}
