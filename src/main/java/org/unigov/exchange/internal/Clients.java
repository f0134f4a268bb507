package org.unigov.exchange.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.unigov.registry.RegisteredSystem;

/** The bindings of OAuth clients to registered systems ({@code exc_client}): SQL and row mapping. */
@Repository
public class Clients {

	private final JdbcClient jdbc;

	Clients(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public Optional<ClientBinding> get(String clientId) {
		return this.jdbc.sql("select * from exc_client where client_id = ?").param(clientId).query(Clients::row).optional();
	}

	public List<ClientBinding> all() {
		return this.jdbc.sql("select * from exc_client order by division_code, client_id").query(Clients::row).list();
	}

	/** The bindings of systems whose division matches a {@code like} pattern ({@code 6101%}). */
	public List<ClientBinding> inDivisions(@Nullable String divisionPattern) {
		return this.jdbc.sql("select * from exc_client where division_code like ? order by division_code, client_id")
			.param(divisionPattern)
			.query(Clients::row)
			.list();
	}

	public List<ClientBinding> ofAgency(UUID agencyId) {
		return this.jdbc.sql("select * from exc_client where agency_id = ? order by client_id")
			.param(agencyId)
			.query(Clients::row)
			.list();
	}

	public boolean xroadClientBound(String xroadClient) {
		return this.jdbc.sql("select exists (select 1 from exc_client where xroad_client = ?)")
			.param(xroadClient)
			.query(Boolean.class)
			.single();
	}

	/** Binds a client to a system, or moves its binding there. */
	public ClientBinding bind(String clientId, RegisteredSystem system, @Nullable String xroadClient, String boundBy) {
		return this.jdbc.sql("""
				insert into exc_client (client_id, system_id, agency_id, division_code, xroad_client, bound_by)
				values (?, ?, ?, ?, ?, ?)
				on conflict (client_id) do update set system_id = excluded.system_id, agency_id = excluded.agency_id,
				    division_code = excluded.division_code, xroad_client = excluded.xroad_client,
				    bound_at = now(), bound_by = excluded.bound_by
				returning *""")
			.params(clientId, system.id(), system.agencyId(), system.divisionCode(), xroadClient, boundBy)
			.query(Clients::row)
			.single();
	}

	public void delete(String clientId) {
		this.jdbc.sql("delete from exc_client where client_id = ?").param(clientId).update();
	}

	static ClientBinding row(ResultSet rs, int n) throws SQLException {
		return new ClientBinding(rs.getString("client_id"), rs.getObject("system_id", UUID.class),
				rs.getObject("agency_id", UUID.class), rs.getString("division_code"), rs.getString("xroad_client"),
				rs.getTimestamp("bound_at").toInstant(), rs.getString("bound_by"));
	}
}
