package org.unigov;

import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.unigov.audit.AuditedWritesCustomizer;

/**
 * Another Unigov instance on the database of the shared test context, as a second node behind a
 * load balancer would run: no demo seeding, its own ports and data directory, and the settings a
 * test gives it. Close it when done.
 */
public final class SecondInstance implements AutoCloseable {

	private final ConfigurableApplicationContext context;

	private SecondInstance(ConfigurableApplicationContext context) {
		this.context = context;
	}

	/** Starts an instance sharing {@code database} (the test context's), with {@code settings} as --key=value. */
	public static SecondInstance on(DataSource database, String name, String... settings) {
		HikariDataSource shared = (HikariDataSource) database;
		List<String> args = new ArrayList<>(List.of("--unigov.db.url=" + shared.getJdbcUrl(),
				"--unigov.db.user=" + shared.getUsername(), "--unigov.demo=false", "--server.port=0",
				"--unigov.exchange.port=0", "--unigov.data-dir=var/test/" + name,
				"--logging.file.name=var/test/log/" + name + ".log", "--spring.datasource.hikari.maximum-pool-size=3"));
		args.addAll(List.of(settings));
		return new SecondInstance(new SpringApplicationBuilder(UnigovApplication.class)
			.initializers(new AuditedWritesCustomizer())
			.run(args.toArray(String[]::new)));
	}

	public int port() {
		return this.context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
	}

	public <T> T bean(Class<T> type) {
		return this.context.getBean(type);
	}

	@Override
	public void close() {
		this.context.close();
	}
}
