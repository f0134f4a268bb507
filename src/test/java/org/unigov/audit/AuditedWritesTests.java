package org.unigov.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.servlet.HandlerMapping;
import org.unigov.UnigovTest;
import org.unigov.shared.Actor;

/**
 * The check that every write is audited must be able to fail: on the real database, a write that
 * changes a row and commits without an audit entry is caught; one with its entry, one that changes
 * nothing, one rolled back, a refused one and an exempt one are not.
 */
@UnigovTest
class AuditedWritesTests {

	@Autowired
	AuditedWrites filter;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	AuditJournal journal;

	@Autowired
	TransactionTemplate transactions;

	@BeforeEach
	@AfterEach
	void forget() {
		AuditedWrites.drain();
	}

	@Test
	void aChangeWithoutAnAuditEntryIsCaught() throws Exception {
		call("POST", "/api/v1/probe", 200, () -> this.transactions.executeWithoutResult(status -> insertProbe()));
		assertThat(AuditedWrites.drain()).singleElement()
			.asString()
			.contains("POST /api/v1/probe answered 200 and changed data without an audit entry");
	}

	@Test
	void aChangeWithItsAuditEntryPasses() throws Exception {
		call("POST", "/api/v1/probe", 201, () -> this.transactions.executeWithoutResult(status -> {
			insertProbe();
			this.journal.append(new Actor(null, "audited-writes-test", "Test", Actor.Kind.SYSTEM, null, null, null, Set.of()),
					AuditRecord.of("test.probe", "probe", UUID.randomUUID(), null, Map.of()));
		}));
		assertThat(AuditedWrites.drain()).isEmpty();
	}

	@Test
	void aWriteThatChangesNothingARefusalAndAnExemptCallPass() throws Exception {
		call("POST", "/api/v1/probe/check", 200,
				() -> this.transactions.executeWithoutResult(status -> this.jdbc.sql("select 1").query(Integer.class).single()));
		call("POST", "/api/v1/probe/refused", 302, () -> this.transactions.executeWithoutResult(status -> {
			insertProbe();
			status.setRollbackOnly();
		}));
		call("DELETE", "/api/v1/probe/{id}", 403, () -> this.transactions.executeWithoutResult(status -> insertProbe()));
		call("POST", "/language", 302, () -> this.transactions.executeWithoutResult(status -> insertProbe()));
		assertThat(AuditedWrites.drain()).isEmpty();
	}

	/** A change to the database that leaves nothing behind: a row in a table dropped at commit. */
	private void insertProbe() {
		this.jdbc.sql("create temporary table audited_writes_probe (id uuid) on commit drop").update();
		this.jdbc.sql("insert into audited_writes_probe (id) values (?)").param(UUID.randomUUID()).update();
	}

	private void call(String method, String pattern, int status, Runnable handler) throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest(method, pattern);
		MockHttpServletResponse response = new MockHttpServletResponse();
		this.filter.doFilter(request, response, (req, res) -> {
			req.setAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE, pattern);
			handler.run();
			((HttpServletResponse) res).setStatus(status);
		});
	}
}
