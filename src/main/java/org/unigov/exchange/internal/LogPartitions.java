package org.unigov.exchange.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.YearMonth;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;

import org.unigov.shared.ChinaTime;

/**
 * The access log's monthly partitions ({@code exc_access_log_y2026m11}): created ahead of the
 * months they hold. Months are the province's months (the log partitions and the daily traffic
 * use its time).
 */
public final class LogPartitions {

	private final DataSource dataSource;

	private final Set<YearMonth> partitions = ConcurrentHashMap.newKeySet();

	LogPartitions(DataSource dataSource) {
		this.dataSource = dataSource;
	}

	/** Makes sure the partition of the month {@code at} falls in exists. */
	void ensureFor(Instant at) {
		YearMonth month = month(at);
		if (!this.partitions.contains(month)) {
			ensure(month);
		}
	}

	/**
	 * Creates the partitions for {@code month} and the two after it when missing; several
	 * instances may race, which {@code if not exists} and a re-check absorb.
	 */
	void ensure(YearMonth month) {
		for (int i = 0; i < 3; i++) {
			YearMonth m = month.plusMonths(i);
			if (this.partitions.contains(m)) {
				continue;
			}
			String table = name(m);
			String sql = "create table if not exists " + table + " partition of exc_access_log for values from ('"
					+ m.atDay(1) + " 00:00:00+08') to ('" + m.plusMonths(1).atDay(1) + " 00:00:00+08')";
			try (Connection connection = this.dataSource.getConnection();
					Statement statement = connection.createStatement()) {
				statement.execute(sql);
				this.partitions.add(m);
			}
			catch (SQLException ex) {
				if (!exists(table)) {
					throw new IllegalStateException("Cannot create access-log partition " + table, ex);
				}
				this.partitions.add(m);
			}
		}
	}

	private boolean exists(String table) {
		try (Connection connection = this.dataSource.getConnection();
				PreparedStatement statement = connection.prepareStatement("select to_regclass(?) is not null")) {
			statement.setString(1, table);
			try (ResultSet rs = statement.executeQuery()) {
				return rs.next() && rs.getBoolean(1);
			}
		}
		catch (SQLException ex) {
			return false;
		}
	}

	/** {@code exc_access_log_y2026m11}: the partition of one month. */
	public static String name(YearMonth month) {
		return String.format("exc_access_log_y%04dm%02d", month.getYear(), month.getMonthValue());
	}

	/** The month an instant falls in, in the province's time. */
	public static YearMonth month(Instant at) {
		return YearMonth.from(at.atZone(ChinaTime.ZONE));
	}
}
