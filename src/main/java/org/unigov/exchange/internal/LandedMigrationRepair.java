package org.unigov.exchange.internal;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Lets a database migrated at an earlier landed version upgrade (docs/decisions.md 25). Two landed
 * versions of the platform shipped different migrations under version 2026.11.27.06: first
 * {@code exchange_deferred_append} (a function for a two-stage log writer, since replaced), then
 * {@code exchange_log_copy} (the COPY trigger), which stays. Before Flyway validates, a database
 * that applied the first has that function dropped and its history row removed, so Flyway applies
 * today's version 06 like on any database that stopped at 05. Nothing else is touched; a database
 * at the later version, or a new one, is left as it is.
 */
@Component
class LandedMigrationRepair implements Callback {

	private static final Logger log = LoggerFactory.getLogger(LandedMigrationRepair.class);

	static final String VERSION = "2026.11.27.06";

	static final String REPLACED = "exchange deferred append";

	private static final String DROP_REPLACED = """
			drop function if exists exc_log_append_deferred(bigint, bytea, bigint, bytea, bigint[], bigint[], uuid[],
			    text[], uuid[], uuid[], uuid[], uuid[], text[], uuid[], text[], text[], text[], text[], int[], text[], int[],
			    int[], text[], text[], text[], text[], text[], text[], uuid[], uuid[], uuid[], bigint[], bigint[], bigint[],
			    bigint[], bigint[], bigint[], bigint[], bigint[], bigint[])""";

	@Override
	public boolean supports(Event event, Context context) {
		return event == Event.BEFORE_VALIDATE || event == Event.BEFORE_MIGRATE;
	}

	@Override
	public boolean canHandleInTransaction(Event event, Context context) {
		return true;
	}

	@Override
	public void handle(Event event, Context context) {
		Connection connection = context.getConnection();
		try (Statement statement = connection.createStatement()) {
			try (ResultSet history = statement.executeQuery("select to_regclass('flyway_schema_history') is not null")) {
				history.next();
				if (!history.getBoolean(1)) {
					return;
				}
			}
			try (ResultSet replaced = statement.executeQuery("select count(*) from flyway_schema_history where version = '"
					+ VERSION + "' and description = '" + REPLACED + "'")) {
				replaced.next();
				if (replaced.getLong(1) == 0) {
					return;
				}
			}
			log.warn("This database applied migration {} ({}) of an earlier version: its function is dropped and the"
					+ " migration of that version applied again as it is now", VERSION, REPLACED);
			statement.execute(DROP_REPLACED);
			statement.executeUpdate("delete from flyway_schema_history where version = '" + VERSION + "' and description = '"
					+ REPLACED + "'");
			if (!connection.getAutoCommit()) {
				connection.commit();
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not repair the history of migration " + VERSION, ex);
		}
	}

	@Override
	public String getCallbackName() {
		return "landed-migration-repair";
	}
}
