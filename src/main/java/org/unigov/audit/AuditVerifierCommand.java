package org.unigov.audit;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

import org.unigov.audit.internal.AuditChainVerifier;
import org.unigov.audit.internal.AuditVerification;

/**
 * The command-line verifier: checks the audit chain of any Unigov database without starting the
 * platform, and prints the same JSON as {@code GET /api/v1/audit/verify}. Exit status 0 = valid,
 * 1 = broken, 2 = could not check.
 *
 * <pre>java -jar unigov.jar audit-verify --url jdbc:postgresql://host/db --user u --password p</pre>
 *
 * The password may also come from {@code UNIGOV_DB_PASSWORD}, to keep it out of the process list.
 */
public final class AuditVerifierCommand {

	public static final String NAME = "audit-verify";

	private AuditVerifierCommand() {
	}

	public static int run(String[] args) {
		return run(args, System.out, System.err);
	}

	static int run(String[] args, PrintStream out, PrintStream err) {
		String url = System.getenv("UNIGOV_DB_URL");
		String user = System.getenv("UNIGOV_DB_USER");
		String password = System.getenv("UNIGOV_DB_PASSWORD");
		for (int i = 0; i < args.length; i++) {
			String value = i + 1 < args.length ? args[i + 1] : null;
			switch (args[i]) {
				case "--url" -> { url = value; i++; }
				case "--user" -> { user = value; i++; }
				case "--password" -> { password = value; i++; }
				default -> {
					err.println("Unknown option " + args[i]
							+ ". Usage: audit-verify --url jdbc:postgresql://host:port/db [--user U] [--password P]");
					return 2;
				}
			}
		}
		if (url == null || url.isBlank()) {
			err.println("Give the database with --url jdbc:postgresql://host:port/db (or UNIGOV_DB_URL).");
			return 2;
		}
		try (Connection connection = DriverManager.getConnection(url, user, password)) {
			AuditVerification result = AuditChainVerifier.verify(connection);
			out.println("{\"valid\": " + result.valid() + ", \"entries\": " + result.entries()
					+ ", \"firstBrokenSequence\": " + result.firstBrokenSequence() + "}");
			return result.valid() ? 0 : 1;
		}
		catch (SQLException ex) {
			err.println("Could not check the audit chain: " + ex.getMessage());
			return 2;
		}
	}
}
