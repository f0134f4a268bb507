package org.unigov.audit;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.TransactionExecution;
import org.springframework.transaction.TransactionExecutionListener;

/**
 * Notes, per thread, that a transaction which changed data committed: before the commit it asks
 * PostgreSQL whether the transaction was given an id (only a transaction that writes is), after the
 * commit it keeps the answer when the commit succeeded. A transaction that rolled back, or only
 * read, is not counted; work on other threads (schedulers, asynchronous listeners) is not the
 * request's. Spring Boot adds every such listener to the transaction manager.
 */
class WritingTransactions implements TransactionExecutionListener {

	private static final ThreadLocal<Boolean> writing = new ThreadLocal<>();

	private static final ThreadLocal<Boolean> committed = new ThreadLocal<>();

	private final JdbcClient jdbc;

	WritingTransactions(DataSource dataSource) {
		// the same data source: inside a transaction JdbcClient uses the transaction's own connection
		this.jdbc = JdbcClient.create(dataSource);
	}

	@Override
	public void beforeCommit(TransactionExecution transaction) {
		if (transaction.isNewTransaction() && !transaction.isReadOnly()) {
			writing.set(this.jdbc.sql("select pg_current_xact_id_if_assigned() is not null")
				.query(Boolean.class)
				.single());
		}
	}

	@Override
	public void afterCommit(TransactionExecution transaction, @Nullable Throwable commitFailure) {
		if (commitFailure == null && Boolean.TRUE.equals(writing.get())) {
			committed.set(true);
		}
		writing.remove();
	}

	/** Starts counting for the current thread. */
	static void reset() {
		committed.remove();
		writing.remove();
	}

	/** Whether a transaction that changed data committed on this thread since {@link #reset}. */
	static boolean changedData() {
		return Boolean.TRUE.equals(committed.get());
	}
}
