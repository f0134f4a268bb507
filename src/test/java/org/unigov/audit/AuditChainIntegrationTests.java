package org.unigov.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.util.Map;
import java.util.function.Consumer;
import javax.sql.DataSource;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.support.TransactionTemplate;
import org.unigov.SignIn;
import org.unigov.UnigovTest;
import org.unigov.audit.internal.AuditVerification;

/**
 * The chain is valid on demo data and any direct edit, deletion or reordering of journal rows is
 * detected. Tampering needs {@code session_replication_role = replica}, which only a superuser
 * may set and which bypasses the append-only triggers; each test restores what it changed.
 */
@UnigovTest
class AuditChainIntegrationTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	AuditJournal journal;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	DataSource dataSource;

	@Autowired
	TransactionTemplate transactions;

	@Nested
	class Verification {

		@Test
		void demoDataVerifiesAsValidThroughTheApi() throws Exception {
			MockHttpSession auditor = SignIn.as(AuditChainIntegrationTests.this.mvc, "sn-auditor");
			AuditChainIntegrationTests.this.mvc.perform(get("/api/v1/audit/verify").session(auditor))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.valid").value(true))
				.andExpect(jsonPath("$.firstBrokenSequence").isEmpty())
				.andExpect(jsonPath("$.entries").isNumber());
		}

		@Test
		void onlyAuditorsAndPlatformAdminsMayVerify() throws Exception {
			MockHttpSession staff = SignIn.as(AuditChainIntegrationTests.this.mvc, "xa-hrss-staff");
			AuditChainIntegrationTests.this.mvc.perform(get("/api/v1/audit/verify").session(staff))
				.andExpect(status().isForbidden())
				.andExpect(jsonPath("$.code").value("forbidden"));
		}

		@Test
		void editingARowIsDetectedAtThatRow() {
			long sequence = 3;
			String original = jdbc.queryForObject("select actor from audit_entry where sequence = ?", String.class,
					sequence);
			tamper(j -> j.update("update audit_entry set actor = 'mallory' where sequence = ?", sequence));
			try {
				AuditVerification result = journal.verify();
				assertThat(result.valid()).isFalse();
				assertThat(result.firstBrokenSequence()).isEqualTo(sequence);
			}
			finally {
				tamper(j -> j.update("update audit_entry set actor = ? where sequence = ?", original, sequence));
			}
			assertThat(journal.verify().valid()).isTrue();
		}

		@Test
		void editingDetailsIsDetected() {
			long sequence = 5;
			String original = jdbc.queryForObject("select details from audit_entry where sequence = ?", String.class,
					sequence);
			tamper(j -> j.update("update audit_entry set details = '{\"forged\":true}' where sequence = ?", sequence));
			try {
				assertThat(journal.verify().firstBrokenSequence()).isEqualTo(sequence);
			}
			finally {
				tamper(j -> j.update("update audit_entry set details = ? where sequence = ?", original, sequence));
			}
		}

		@Test
		void deletingARowIsDetected() {
			long sequence = 4;
			Map<String, Object> row = jdbc.queryForMap("select * from audit_entry where sequence = ?", sequence);
			tamper(j -> j.update("delete from audit_entry where sequence = ?", sequence));
			try {
				AuditVerification result = journal.verify();
				assertThat(result.valid()).isFalse();
				assertThat(result.firstBrokenSequence()).isEqualTo(sequence);
			}
			finally {
				reinsert(row);
			}
			assertThat(journal.verify().valid()).isTrue();
		}

		@Test
		void reorderingRowsIsDetected() {
			tamper(j -> {
				j.update("update audit_entry set sequence = 999999999 where sequence = 6");
				j.update("update audit_entry set sequence = 6 where sequence = 7");
				j.update("update audit_entry set sequence = 7 where sequence = 999999999");
			});
			try {
				AuditVerification result = journal.verify();
				assertThat(result.valid()).isFalse();
				assertThat(result.firstBrokenSequence()).isEqualTo(6L);
			}
			finally {
				tamper(j -> {
					j.update("update audit_entry set sequence = 999999999 where sequence = 6");
					j.update("update audit_entry set sequence = 6 where sequence = 7");
					j.update("update audit_entry set sequence = 7 where sequence = 999999999");
				});
			}
			assertThat(journal.verify().valid()).isTrue();
		}

		@Test
		void cuttingOffTheNewestEntryIsDetected() {
			Map<String, Object> last = jdbc.queryForMap("select * from audit_entry order by sequence desc limit 1");
			long sequence = ((Number) last.get("sequence")).longValue();
			tamper(j -> j.update("delete from audit_entry where sequence = ?", sequence));
			try {
				assertThat(journal.verify().firstBrokenSequence()).isEqualTo(sequence);
			}
			finally {
				reinsert(last);
			}
		}

		@Test
		void theCommandLineVerifierChecksADatabaseByUrl() throws Exception {
			String url;
			try (Connection connection = dataSource.getConnection()) {
				url = connection.getMetaData().getURL();
			}
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			int status = AuditVerifierCommand.run(new String[] { "--url", url, "--user", "postgres" },
					new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
			assertThat(status).isZero();
			assertThat(out.toString(StandardCharsets.UTF_8)).contains("\"valid\": true").contains("\"firstBrokenSequence\": null");

			assertThat(AuditVerifierCommand.run(new String[] { "--bogus" }, System.out, new PrintStream(new ByteArrayOutputStream())))
				.isEqualTo(2);
		}
	}

	@Nested
	class AppendOnly {

		@Test
		void theDatabaseRefusesUpdatesAndDeletes() {
			assertThatThrownBy(() -> jdbc.update("update audit_entry set actor = 'mallory' where sequence = 1"))
				.isInstanceOf(DataAccessException.class)
				.hasStackTraceContaining("append-only");
			assertThatThrownBy(() -> jdbc.update("delete from audit_entry where sequence = 1"))
				.isInstanceOf(DataAccessException.class)
				.hasStackTraceContaining("append-only");
			assertThatThrownBy(() -> jdbc.update("truncate audit_entry")).isInstanceOf(DataAccessException.class);
			assertThatThrownBy(() -> jdbc.update("update audit_head set sequence = 1")).isInstanceOf(DataAccessException.class);
		}

		@Test
		void appendingOutsideATransactionIsRefused() {
			assertThatThrownBy(() -> journal.append(AuditRecord.of("test.append", "test", "1", null, Map.of())))
				.isInstanceOf(IllegalTransactionStateException.class);
		}

		@Test
		void anEntryRolledBackWithItsChangeLeavesTheChainIntact() {
			long before = journal.verify().entries();
			try {
				transactions.executeWithoutResult(status -> {
					journal.append(AuditRecord.of("test.rolled-back", "test", "1", null, Map.of("n", 1)));
					throw new IllegalStateException("the change failed");
				});
			}
			catch (IllegalStateException expected) {
				// the change and its entry roll back together
			}
			AuditVerification after = journal.verify();
			assertThat(after.valid()).isTrue();
			assertThat(after.entries()).isEqualTo(before);
		}
	}

	/** Puts a deleted row back exactly as it was. */
	private void reinsert(Map<String, Object> row) {
		tamper(j -> j.update("""
				insert into audit_entry (sequence, recorded_at, actor, agency_code, division_code, action,
				    subject_type, subject_id, details, previous_hash, hash) values (?,?,?,?,?,?,?,?,?,?,?)""",
				row.get("sequence"), row.get("recorded_at"), row.get("actor"), row.get("agency_code"),
				row.get("division_code"), row.get("action"), row.get("subject_type"), row.get("subject_id"),
				row.get("details"), row.get("previous_hash"), row.get("hash")));
	}

	private void tamper(Consumer<JdbcTemplate> change) {
		this.transactions.executeWithoutResult(status -> {
			this.jdbc.execute("set local session_replication_role = replica");
			change.accept(this.jdbc);
		});
	}
}
