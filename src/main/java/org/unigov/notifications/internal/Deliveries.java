package org.unigov.notifications.internal;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The outbox of e-mail and webhook deliveries: written with the notification, in the same
 * transaction, and worked off by {@link DeliveryRunner} with retries, so that a mail server or
 * webhook that is down only delays what it is sent.
 */
@Repository
public class Deliveries {

	/** One delivery to attempt. */
	public record Delivery(UUID id, UUID notificationId, String channel, String target, int attempts) {
	}

	/** How a delivery stands, for tests and the operations view. */
	public record State(String channel, String target, String status, int attempts, @Nullable String lastError) {
	}

	private final JdbcClient jdbc;

	Deliveries(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public void enqueue(UUID notificationId, String channel, String target) {
		this.jdbc.sql("insert into ntf_delivery (id, notification_id, channel, target) values (?, ?, ?, ?)")
			.params(UUID.randomUUID(), notificationId, channel, target)
			.update();
	}

	/**
	 * Claims up to {@code limit} due deliveries for {@code lease}: their next attempt moves past the
	 * lease, so another instance (or the next run) does not take them while they are being sent.
	 */
	public List<Delivery> claimDue(int limit, Duration lease) {
		return this.jdbc.sql("""
				update ntf_delivery set next_attempt_at = ?
				where id in (select id from ntf_delivery where status = 'pending' and next_attempt_at <= now()
				             order by next_attempt_at limit ? for update skip locked)
				returning id, notification_id, channel, target, attempts""")
			.params(Timestamp.from(Instant.now().plus(lease)), limit)
			.query((rs, n) -> new Delivery(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3),
					rs.getString(4), rs.getInt(5)))
			.list();
	}

	public void sent(UUID id) {
		this.jdbc.sql("""
				update ntf_delivery set status = 'sent', sent_at = now(), attempts = attempts + 1, last_error = null
				where id = ?""").param(id).update();
	}

	/** Records a failed attempt: tried again after {@code retryAfter}, or given up when null. */
	public void failed(UUID id, String error, @Nullable Duration retryAfter) {
		String cut = error.length() > 1000 ? error.substring(0, 1000) : error;
		if (retryAfter == null) {
			this.jdbc.sql("update ntf_delivery set status = 'failed', attempts = attempts + 1, last_error = ? where id = ?")
				.params(cut, id)
				.update();
		}
		else {
			this.jdbc.sql("""
					update ntf_delivery set attempts = attempts + 1, last_error = ?, next_attempt_at = ? where id = ?""")
				.params(cut, Timestamp.from(Instant.now().plus(retryAfter)), id)
				.update();
		}
	}

	/** Makes every pending delivery due now (used after a configuration change and by tests). */
	public int dueNow() {
		return this.jdbc.sql("update ntf_delivery set next_attempt_at = now() where status = 'pending'").update();
	}

	public List<State> of(UUID notificationId) {
		return this.jdbc.sql("""
				select channel, target, status, attempts, last_error from ntf_delivery where notification_id = ?
				order by channel, target""")
			.param(notificationId)
			.query((rs, n) -> new State(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getString(5)))
			.list();
	}
}
