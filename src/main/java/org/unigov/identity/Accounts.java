package org.unigov.identity;

import java.sql.Array;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.unigov.shared.Role;
import org.unigov.shared.jdbc.Queries;

/** Stored accounts. Passwords never leave this class except as hashes for the authenticator. */
@Repository
public class Accounts {

	static final RowMapper<Account> ROWS = (rs, n) -> new Account(rs.getObject("id", UUID.class),
			rs.getString("username"), rs.getString("display_name"), Account.Kind.valueOf(rs.getString("kind")),
			rs.getObject("agency_id", UUID.class), roles(rs.getArray("roles")), rs.getBoolean("enabled"),
			rs.getInt("failed_attempts"), instant(rs.getObject("locked_until", OffsetDateTime.class)),
			instant(rs.getObject("last_sign_in_at", OffsetDateTime.class)), rs.getLong("version"));

	private final JdbcClient jdbc;

	Accounts(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public Optional<Account> byId(UUID id) {
		return this.jdbc.sql("select * from identity_account where id = ?").param(id).query(ROWS).optional();
	}

	public Optional<Account> byUsername(String username) {
		return this.jdbc.sql("select * from identity_account where username = ?")
			.param(username.strip().toLowerCase(Locale.ROOT))
			.query(ROWS)
			.optional();
	}

	/** The stored hash, for the authenticator only. */
	public String passwordHashOf(String username) {
		return this.jdbc.sql("select password_hash from identity_account where username = ?")
			.param(username)
			.query(String.class)
			.optional()
			.orElse("");
	}

	public void insert(UUID id, String username, String displayName, Account.Kind kind, @Nullable UUID agencyId,
			Set<Role> roles, String passwordHash) {
		this.jdbc.sql("""
				insert into identity_account (id, username, display_name, kind, agency_id, roles, password_hash)
				values (?, ?, ?, ?, ?, ?::text[], ?)""")
			.params(id, username, displayName, kind.name(), agencyId, sqlArray(roles), passwordHash)
			.update();
	}

	public boolean update(UUID id, String displayName, Set<Role> roles, boolean enabled, long version) {
		return this.jdbc.sql("""
				update identity_account set display_name = ?, roles = ?::text[], enabled = ?, version = version + 1,
				    updated_at = now() where id = ? and version = ?""")
			.params(displayName, sqlArray(roles), enabled, id, version)
			.update() == 1;
	}

	/** A new password also lifts a lock and every sign-in delay on the account. */
	public void setPassword(UUID id, String passwordHash) {
		this.jdbc.sql("update identity_account set password_hash = ?, failed_attempts = 0, locked_until = null, "
				+ "version = version + 1, updated_at = now() where id = ?")
			.params(passwordHash, id)
			.update();
		forgetFailures(id);
	}

	/**
	 * Marks the account with this name locked until then (what the staff pages show; the sign-in
	 * throttle enforces it) and returns it; empty when there is no such account.
	 */
	public Optional<Account> lock(String username, Instant until) {
		return this.jdbc.sql("update identity_account set locked_until = ? where username = ? returning *")
			.params(Timestamp.from(until), username)
			.query(ROWS)
			.optional();
	}

	public void recordSuccess(UUID id, Instant at) {
		this.jdbc.sql("update identity_account set failed_attempts = 0, locked_until = null, last_sign_in_at = ? "
				+ "where id = ?")
			.params(Timestamp.from(at), id)
			.update();
	}

	/** Lifts the lock and every sign-in delay on the account, from whatever address. */
	public void unlock(UUID id) {
		this.jdbc.sql("update identity_account set failed_attempts = 0, locked_until = null where id = ?")
			.param(id)
			.update();
		forgetFailures(id);
	}

	private void forgetFailures(UUID id) {
		this.jdbc.sql("delete from identity_sign_in_failure where username = "
				+ "(select username from identity_account where id = ?)")
			.param(id)
			.update();
	}

	/**
	 * Staff accounts filtered by agency set (null = all agencies) and text, paged.
	 */
	public Page<Account> staff(@Nullable List<UUID> agencies, @Nullable UUID agencyId, @Nullable String text,
			Pageable pageable) {
		StringBuilder where = new StringBuilder(" where kind = 'STAFF'");
		List<Object> params = new ArrayList<>();
		if (agencies != null) {
			if (agencies.isEmpty()) {
				return Page.empty(pageable);
			}
			where.append(" and agency_id = any(?)");
			params.add(agencies.toArray(UUID[]::new));
		}
		if (agencyId != null) {
			where.append(" and agency_id = ?");
			params.add(agencyId);
		}
		if (text != null && !text.isBlank()) {
			where.append(" and (username ilike ? or display_name ilike ?)");
			String like = Queries.contains(text);
			params.add(like);
			params.add(like);
		}
		return Queries.page(this.jdbc, "identity_account", where.toString(), params, "username", ROWS, pageable);
	}

	public long count() {
		return this.jdbc.sql("select count(*) from identity_account").query(Long.class).single();
	}

	private static String sqlArray(Set<Role> roles) {
		return roles.stream().map(Role::name).sorted().collect(Collectors.joining(",", "{", "}"));
	}

	private static Set<Role> roles(@Nullable Array array) throws SQLException {
		if (array == null) {
			return Set.of();
		}
		String[] names = (String[]) array.getArray();
		if (names.length == 0) {
			return Set.of();
		}
		EnumSet<Role> roles = EnumSet.noneOf(Role.class);
		Arrays.stream(names).map(Role::valueOf).forEach(roles::add);
		return roles;
	}

	private static @Nullable Instant instant(@Nullable OffsetDateTime time) {
		return time == null ? null : time.toInstant();
	}
}
