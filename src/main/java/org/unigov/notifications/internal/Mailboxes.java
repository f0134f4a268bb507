package org.unigov.notifications.internal;

import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The e-mail address each person chose for their notifications. */
@Repository
public class Mailboxes {

	private final JdbcClient jdbc;

	Mailboxes(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public Optional<Mailbox> get(String username) {
		return this.jdbc.sql("select * from ntf_mailbox where username = ?")
			.param(username)
			.query((rs, n) -> new Mailbox(rs.getString("username"), rs.getString("address"), rs.getBoolean("enabled"),
					rs.getLong("version")))
			.optional();
	}

	public void save(String username, String address, boolean enabled) {
		this.jdbc.sql("""
				insert into ntf_mailbox (username, address, enabled) values (?, ?, ?)
				on conflict (username) do update set address = excluded.address, enabled = excluded.enabled,
				    version = ntf_mailbox.version + 1, updated_at = now()""")
			.params(username, address, enabled)
			.update();
	}

	public boolean delete(String username) {
		return this.jdbc.sql("delete from ntf_mailbox where username = ?").param(username).update() == 1;
	}
}
