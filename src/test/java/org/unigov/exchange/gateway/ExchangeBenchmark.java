package org.unigov.exchange.gateway;

import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;
import org.unigov.UnigovApplication;
import org.unigov.exchange.ExchangeFixtures;
import org.unigov.exchange.internal.AccessEntry;
import org.unigov.exchange.internal.AccessLog;
import org.unigov.exchange.internal.AccessLogHashing;
import org.unigov.exchange.internal.SubjectHasher;

/**
 * The exchange gateway against a plain reverse proxy, in one run on loopback (issue 5): a static
 * JSON record of about 1.2 KB with 20 fields served by nginx (A, direct), through a one-worker
 * nginx reverse proxy with upstream keep-alive (B), and through the Unigov gateway (C: token
 * check, grant check, field removal to the 8 granted items, rate limit, durable access log).
 * Throughput with wrk at the same connection count; then p50/p99 of B and C with hey at half of
 * C's maximum. Finally the cost of each step of the call path, measured in-process.
 * Run with {@code bash bench/exchange.sh [seconds] [connections]}.
 */
public final class ExchangeBenchmark {

	static final int APP_PORT = 18080;

	static final int STUB_PORT = 18081;

	static final int PROXY_PORT = 18082;

	static final int EXCHANGE_PORT = 18083;

	public static void main(String[] args) throws Exception {
		int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
		int connections = args.length > 1 ? Integer.parseInt(args[1]) : 64;
		Path dir = Path.of("var/bench-exchange").toAbsolutePath();
		Files.createDirectories(dir);
		List<Process> nginx = new ArrayList<>();
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(UnigovApplication.class).run(
				"--unigov.data-dir=var/bench-exchange/app", "--unigov.demo=true", "--unigov.db.embedded.clean=true",
				"--server.port=" + APP_PORT, "--unigov.exchange.port=" + EXCHANGE_PORT, "--unigov.exchange.providers.allowed-networks=127.0.0.1/32", "--logging.level.root=WARN", "--logging.level.org.unigov=INFO",
				"--logging.file.name=var/bench-exchange/app/log/unigov.log")) {
			nginx.add(startNginx(dir.resolve("stub"), stubConfig()));
			nginx.add(startNginx(dir.resolve("proxy"), proxyConfig()));
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			jdbc.execute("alter system set track_wal_io_timing = on");
			jdbc.execute("alter system set track_io_timing = on");
			jdbc.queryForObject("select pg_reload_conf()", Boolean.class);
			MockMvc mvc = MockMvcBuilders.webAppContextSetup((WebApplicationContext) context).apply(springSecurity())
				.build();
			String[] entry = ExchangeFixtures.publishWide(mvc);
			UUID consumerSystem = ExchangeFixtures.firstSystem(jdbc,
					jdbc.queryForObject("select a.credit_code from exc_client c join org_agency a on a.id = c.agency_id "
							+ "where c.client_id = 'xa-hrss-social-insurance'", String.class));
			String purpose = "社会保险待遇资格认证（基准测试）";
			ExchangeFixtures.grant(mvc, jdbc, entry[0], "xa-hrss-staff", consumerSystem,
					ExchangeFixtures.ITEMS.subList(0, 8), purpose, 1_000_000);
			UUID providerSystem = ExchangeFixtures.firstSystem(jdbc,
					jdbc.queryForObject("select a.credit_code from cat_entry e join org_agency a on a.id = e.provider_agency_id where e.id = ?",
							String.class, UUID.fromString(entry[0])));
			ExchangeFixtures.service(mvc, entry[0], providerSystem, "http://127.0.0.1:" + STUB_PORT, "/record",
					ExchangeFixtures.fieldMap(), "idNumber", 5000, 1000);
			String token = ExchangeFixtures.token(APP_PORT, "xa-hrss-social-insurance", "demo-secret-hrss");
			String direct = "http://127.0.0.1:" + STUB_PORT + "/record?idNumber=11010519491231002X";
			String proxied = "http://127.0.0.1:" + PROXY_PORT + "/record?idNumber=11010519491231002X";
			String gateway = "http://127.0.0.1:" + EXCHANGE_PORT + "/exchange/v1/" + entry[1].replace('/', '-')
					+ "/record?idNumber=11010519491231002X";
			List<String> headers = List.of("Authorization: Bearer " + token,
					"X-Purpose: " + ExchangeFixtures.purpose(purpose));

			String sample = run(List.of("curl", "-s", "-H", headers.get(0), "-H", headers.get(1), gateway));
			System.out.printf("stub record: %d bytes, 20 fields; through the gateway: %d bytes: %s%n",
					ExchangeFixtures.record().getBytes(StandardCharsets.UTF_8).length,
					sample.getBytes(StandardCharsets.UTF_8).length, sample);
			long logBefore = jdbc.queryForObject("select count(*) from exc_access_log", Long.class);

			long idleBefore = jvmCpuNanos();
			Thread.sleep(5000);
			System.out.printf("idle: the Unigov JVM used %.0f ms of CPU in 5 s with no calls%n",
					(jvmCpuNanos() - idleBefore) / 1e6);
			if (Boolean.getBoolean("bench.steps")) {
				// -Dbench.steps=true: only the in-process cost of each step
				steps(context, token);
				return;
			}
			// a server that has run a while recycles its used WAL segments; a fresh one creates and
			// zero-fills each (~40 ms on this disk, the commits waiting meanwhile): 2 GB of WAL written
			// and checkpointed first, so the log is measured in that steady state (docs/decisions.md 20)
			long walStarted = System.nanoTime();
			jdbc.queryForList("select pg_logical_emit_message(false, 'bench', repeat('x', 8000000)) from generate_series(1, 256)");
			jdbc.execute("checkpoint");
			jdbc.queryForObject("select pg_switch_wal()", String.class);
			jdbc.execute("checkpoint");
			System.out.printf("WAL segments to recycle: %d after writing 2 GB of WAL in %.1f s%n",
					jdbc.queryForObject("select count(*) from pg_ls_waldir()", Long.class), (System.nanoTime() - walStarted) / 1e9);
			System.out.println("warming up (JIT) ...");
			// the JIT keeps compiling the call path for about half a minute on two cores (measured: JIT
			// time per 10 s of load 2.1 s, then 0.2-0.4 s, then under 0.2 s): measure after that
			wrk(gateway, headers, connections, Math.max(30, seconds * 2));
			wrk(proxied, List.of(), connections, 5);
			wrk(direct, List.of(), connections, 5);

			if (System.getProperty("bench.sql") != null) {
				// an experiment on the log's schema: -Dbench.sql=<file of statements separated by ;>
				String script = Files.readString(Path.of(System.getProperty("bench.sql")));
				// a script with dollar-quoted bodies runs as one (the driver splits it), others statement by statement
				for (String sql : script.contains("$$") ? new String[] { script } : script.split(";")) {
					if (!sql.isBlank()) {
						long t0 = System.nanoTime();
						jdbc.execute(sql);
						System.out.printf("  %.1f ms  %s%n", (System.nanoTime() - t0) / 1e6,
								sql.strip().substring(0, Math.min(70, sql.strip().length())));
					}
				}
			}
			for (int i = 0; i < Integer.getInteger("bench.soak", 0); i++) {
				long jitBefore = java.lang.management.ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
				long cpuBefore = jvmCpuNanos();
				Map<String, Long> before = cpuByCommand();
				Map<String, Object> walBefore = jdbc.queryForMap("select wal_records, wal_fpi, wal_bytes from pg_stat_wal");
				Result soak = wrk(gateway, headers, connections, 10);
				Map<String, Long> after = cpuByCommand();
				Map<String, Object> walAfter = jdbc.queryForMap("select wal_records, wal_fpi, wal_bytes from pg_stat_wal");
				double n = soak.rps * 10;
				System.out.printf("  WAL per call: %.1f records, %.2f full-page images, %.0f bytes%n",
						(((Number) walAfter.get("wal_records")).longValue() - ((Number) walBefore.get("wal_records")).longValue()) / n,
						(((Number) walAfter.get("wal_fpi")).longValue() - ((Number) walBefore.get("wal_fpi")).longValue()) / n,
						(((Number) walAfter.get("wal_bytes")).doubleValue() - ((Number) walBefore.get("wal_bytes")).doubleValue()) / n);
				System.out.printf("soak %d: C %,.0f req/s, JIT %,d ms, JVM CPU %.0f µs per call%n", i, soak.rps,
						java.lang.management.ManagementFactory.getCompilationMXBean().getTotalCompilationTime() - jitBefore,
						(jvmCpuNanos() - cpuBefore) / 1000.0 / (soak.rps * 10));
				System.out.println("  CPU µs per call:" + perCall(before, after, soak.rps * 10));
			}
			String profiler = System.getProperty("bench.asprof");
			if (profiler != null) {
				// -Dbench.asprof=<async-profiler jar>: after the warm-up, a CPU profile of the gateway under load,
				// var/bench/exchange-profile.txt (flat, traces), .html (flame graph), .collapsed; then stops
				Object asprof = asyncProfiler(profiler);
				profile(asprof, "start,event=cpu,interval=500us,threads");
				Map<String, Long> before = cpuByCommand();
				var jit = java.lang.management.ManagementFactory.getCompilationMXBean();
				var classes = java.lang.management.ManagementFactory.getClassLoadingMXBean();
				long jitBefore = jit.getTotalCompilationTime();
				long classesBefore = classes.getTotalLoadedClassCount();
				long gcBefore = gcCount();
				Result profiled = wrk(gateway, headers, connections, 10);
				Map<String, Long> after = cpuByCommand();
				System.out.printf("profiled: JIT %,d ms, %,d classes loaded, %,d collections%n",
						jit.getTotalCompilationTime() - jitBefore, classes.getTotalLoadedClassCount() - classesBefore,
						gcCount() - gcBefore);
				profile(asprof, "stop");
				System.out.printf("profiled: %,.0f req/s; CPU µs per call:%s%n", profiled.rps,
						perCall(before, after, profiled.rps * 10));
				Files.writeString(Path.of("var/bench/exchange-profile.txt"), profile(asprof, "flat=60,traces=25"));
				profile(asprof, "dump,file=" + Path.of("var/bench/exchange-profile.html").toAbsolutePath());
				profile(asprof, "dump,collapsed,file=" + Path.of("var/bench/exchange-profile.collapsed").toAbsolutePath());
				return;
			}

			Result a = wrk(direct, List.of(), connections, seconds);
			Result b = wrk(proxied, List.of(), connections, seconds);
			long batchesBefore = context.getBean(AccessLog.class).batches();
			long entriesBefore = context.getBean(AccessLog.class).entries();
			long cpuBefore = jvmCpuNanos();
			long[] systemBefore = systemCpu();
			Map<String, Long> processesBefore = cpuByCommand();
			Result c = wrk(gateway, headers, connections, seconds);
			long cpu = jvmCpuNanos() - cpuBefore;
			long[] systemAfter = systemCpu();
			Map<String, Long> processesAfter = cpuByCommand();
			long batches = context.getBean(AccessLog.class).batches() - batchesBefore;
			long entries = context.getBean(AccessLog.class).entries() - entriesBefore;
			System.out.printf("%nthroughput, wrk -t2 -c%d -d%ds:%n", connections, seconds);
			System.out.printf("  A direct to nginx stub     %,10.0f req/s  (non-2xx %d)%n", a.rps, a.errors);
			System.out.printf("  B nginx reverse proxy      %,10.0f req/s  (non-2xx %d)  B/A = %.2f%n", b.rps, b.errors,
					b.rps / a.rps);
			System.out.printf("  C Unigov gateway           %,10.0f req/s  (non-2xx %d)  C/A = %.2f%n", c.rps, c.errors,
					c.rps / a.rps);
			System.out.printf("  C/B = %.2f   (target >= 0.5)%n", c.rps / b.rps);
			System.out.printf("  access log during C: %,d entries in %,d commits (%.1f entries per commit)%n", entries,
					batches, batches == 0 ? 0 : (double) entries / batches);

			double busy = systemAfter[0] - systemBefore[0];
			double total = systemAfter[1] - systemBefore[1];
			System.out.printf("  during C: machine busy %.0f%%; the Unigov JVM used %.0f µs of CPU per call%n",
					100 * busy / total, cpu / 1000.0 / Math.max(1, c.rps * seconds));
			System.out.println("  during C, CPU µs per call by process (user + system):"
					+ perCall(processesBefore, processesAfter, c.rps * seconds));
			Latency sb = hey(proxied, List.of(), 1, 0, 5);
			Latency sc = hey(gateway, headers, 1, 0, 5);
			System.out.printf("  one connection, back to back: B p50 %.2f ms, C p50 %.2f ms p99 %.2f ms (%,.0f req/s)%n",
					sb.p50, sc.p50, sc.p99, sc.rps);

			int rate = (int) (c.rps / 2);
			System.out.printf("%nlatency at a fixed %,d req/s (half of C's maximum), hey -c%d -z %ds:%n", rate,
					connections, seconds);
			Latency lb = hey(proxied, List.of(), connections, rate, seconds);
			Latency lc = hey(gateway, headers, connections, rate, seconds);
			print(lb, lc);

			// the same rate from wrk, paced by bench/paced.lua (Poisson arrivals per connection): a
			// lighter load generator than hey, which itself costs B several milliseconds on two cores
			System.out.printf("%nthe same rate from wrk paced by bench/paced.lua, -c%d -d%ds:%n", connections, seconds);
			Latency pb = paced(proxied, List.of(), connections, rate, seconds);
			long seqBefore = jdbc.queryForObject("select seq from exc_log_head where id = 1", Long.class);
			AccessLog accessLog = context.getBean(AccessLog.class);
			Map<String, Object> ioBefore = jdbc.queryForMap(IO_STATS);
			Map<String, long[]> schedBefore = schedStat();
			Latency pc = paced(gateway, headers, connections, rate, seconds);
			Map<String, long[]> schedAfter = schedStat();
			Map<String, Object> ioAfter = jdbc.queryForMap(IO_STATS);
			print(pb, pc);
			System.out.println("  PostgreSQL meanwhile:" + difference(ioBefore, ioAfter));
			// the gateway's own time per call, up to its log entry (the log wait and the network not included)
			Map<String, Object> own = jdbc.queryForMap("""
					select percentile_cont(0.5) within group (order by latency_us) / 1000.0 as p50,
					    percentile_cont(0.99) within group (order by latency_us) / 1000.0 as p99
					from exc_access_log where seq > ?""", seqBefore);
			System.out.printf("  C up to its log entry (latency_us in the log): p50 %.2f ms  p99 %.2f ms;"
					+ " the rest is the log wait and the network%n", ((Number) own.get("p50")).doubleValue(),
					((Number) own.get("p99")).doubleValue());
			// the log's stages over the last minute or so (the timers' percentiles decay): insert, flush
			System.out.printf("  the log meanwhile: journal append and flush of a batch p50 %.2f ms p99 %.2f ms, max %.1f ms; "
					+ "shipping a batch to PostgreSQL p50 %.2f ms p99 %.2f ms%n",
					percentile(accessLog.journalTimer(), 0), percentile(accessLog.journalTimer(), 1),
					accessLog.journalTimer().max(TimeUnit.MILLISECONDS), percentile(accessLog.shipTimer(), 0),
					percentile(accessLog.shipTimer(), 1));
			System.out.printf("  an entry's wait: in the queue p50 %.2f ms p99 %.2f ms; until its call is answered on its event loop p50 %.2f ms p99 %.2f ms, max %.1f ms%n",
					percentile(accessLog.queueTimer(), 0), percentile(accessLog.queueTimer(), 1),
					percentile(accessLog.waitTimer(), 0), percentile(accessLog.waitTimer(), 1),
					accessLog.waitTimer().max(TimeUnit.MILLISECONDS));
			System.out.println("  run-queue wait per time slice (schedstat) meanwhile:" + schedDifference(schedBefore, schedAfter));

			long logged = jdbc.queryForObject("select count(*) from exc_access_log", Long.class) - logBefore;
			System.out.printf("%naccess-log entries written during the run: %,d%n", logged);
			steps(context, token);
		}
		finally {
			for (Process process : nginx) {
				process.destroy();
				process.waitFor(5, TimeUnit.SECONDS);
			}
		}
	}

	/**
	 * PostgreSQL's I/O that can stall the log: WAL segments created (context init) and WAL
	 * writes and syncs with their time (track_wal_io_timing, turned on by the benchmark), checkpoints.
	 */
	private static final String IO_STATS = """
			select (select count(*) from pg_ls_waldir()) as wal_files,
			    coalesce(sum(writes) filter (where context = 'init'), 0) as wal_init_writes,
			    coalesce(sum(write_time) filter (where context = 'init'), 0) as wal_init_ms,
			    coalesce(sum(fsyncs) filter (where context = 'init'), 0) as wal_init_syncs,
			    coalesce(sum(fsync_time) filter (where context = 'init'), 0) as wal_init_sync_ms,
			    coalesce(sum(fsyncs) filter (where context = 'normal'), 0) as wal_syncs,
			    coalesce(sum(fsync_time) filter (where context = 'normal'), 0) as wal_sync_ms,
			    (select num_timed + num_requested from pg_stat_checkpointer) as checkpoints,
			    (select sync_time from pg_stat_checkpointer) as checkpoint_sync_ms
			from pg_stat_io where object = 'wal'""";

	/**
	 * Per thread kind (the JVM's threads by name, PostgreSQL processes by title, other programs by
	 * name): CPU time, time spent runnable but waiting for a core, and time slices
	 * (/proc/PID/task/TID/schedstat), summed.
	 */
	private static Map<String, long[]> schedStat() throws IOException {
		Map<String, long[]> sums = new java.util.TreeMap<>();
		String self = String.valueOf(ProcessHandle.current().pid());
		try (var processes = Files.list(Path.of("/proc"))) {
			for (Path process : processes.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
				String command;
				try {
					command = Files.readString(process.resolve("cmdline")).replace('\0', ' ').strip();
				}
				catch (IOException gone) {
					continue;
				}
				boolean jvm = process.getFileName().toString().equals(self);
				String kind = command.startsWith("postgres: ") ? "pg " + command.replaceAll("^postgres: ", "").replaceAll("\\(.*", "")
						: command.contains("nginx") ? "nginx" : command.startsWith("wrk") ? "wrk" : null;
				if (kind == null && !jvm) {
					continue;
				}
				try (var tasks = Files.list(process.resolve("task"))) {
					for (Path task : tasks.toList()) {
						try {
							String name = jvm ? "java " + Files.readString(task.resolve("comm")).strip().replaceAll("[-#]?\\d+$", "") : kind;
							String[] f = Files.readString(task.resolve("schedstat")).strip().split(" ");
							long[] sum = sums.computeIfAbsent(name, k -> new long[3]);
							for (int i = 0; i < 3; i++) {
								sum[i] += Long.parseLong(f[i]);
							}
						}
						catch (IOException | RuntimeException gone) {
							// the thread ended meanwhile
						}
					}
				}
				catch (IOException gone) {
					// the process ended meanwhile
				}
			}
		}
		return sums;
	}

	private static String schedDifference(Map<String, long[]> before, Map<String, long[]> after) {
		StringBuilder out = new StringBuilder();
		after.forEach((name, a) -> {
			long[] b = before.getOrDefault(name, new long[3]);
			long slices = a[2] - b[2];
			if (slices > 1000) {
				out.append(String.format("%n    %-40s cpu %,7.0f ms  waiting %,7.0f ms  %,8d slices  %.3f ms wait per slice", name,
						(a[0] - b[0]) / 1e6, (a[1] - b[1]) / 1e6, slices, (a[1] - b[1]) / 1e6 / slices));
			}
		});
		return out.toString();
	}

	private static String difference(Map<String, Object> before, Map<String, Object> after) {
		StringBuilder out = new StringBuilder();
		after.forEach((key, value) -> out.append(' ').append(key).append(' ')
			.append(String.format("%,.0f", ((Number) value).doubleValue() - ((Number) before.get(key)).doubleValue())));
		return out.toString();
	}

	/** The cost of each step of the call path, in-process, warm (nanoseconds per call). */
	private static void steps(ConfigurableApplicationContext context, String token) throws Exception {
		Callers callers = context.getBean(Callers.class);
		SubjectHasher subjects = context.getBean(SubjectHasher.class);
		byte[] record = ExchangeFixtures.record().getBytes(StandardCharsets.UTF_8);
		FieldFilter filter = FieldFilter.compile(ExchangeFixtures.fieldMap(), Set.copyOf(ExchangeFixtures.ITEMS.subList(0, 8)));
		String authorization = "Bearer " + token;
		AccessEntry entry = new AccessEntry(0, AccessLogTime.now(java.time.Clock.systemUTC()), UUID.randomUUID(), "client", UUID.randomUUID(),
				UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), "101-00001", UUID.randomUUID(), "社会保险待遇资格认证",
				"GET", "/exchange/v1/101-00001/record", ExchangeFixtures.ITEMS.subList(0, 8), 200, "ok", 1234, 600, "k1",
				subjects.hash("11010519491231002X"), AccessLogTime.NO_HASH, AccessLogTime.NO_HASH);
		System.out.println("\nin-process cost of each step (warm, mean of 200,000 calls):");
		measure("token check, cached after the first call", () -> callers.authenticate(authorization, System.currentTimeMillis()));
		measure("purpose header decoded (percent-encoded UTF-8)",
				() -> CallSyntax.purpose(ExchangeFixtures.purpose("社会保险待遇资格认证（基准测试）")));
		measure("path checked and split", () -> CallSyntax.segments("101-00001/record"));
		measure("subject identifier HMAC-SHA-256", () -> subjects.hash("11010519491231002X"));
		measure("field filter, 20 fields to 8 (streaming)", () -> {
			ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
			filter.filter(record, record.length, out);
			return out;
		});
		measure("access-log entry hash (SHA-256, canonical form)",
				() -> AccessLogHashing.hash(entry, 1, AccessLogHashing.GENESIS));
		AccessLog log = context.getBean(AccessLog.class);
		for (int size : new int[] { 1, 20, 100 }) {
			for (int warm = 0; warm < 50; warm++) {
				batch(log, entry, size);
			}
			long start = System.nanoTime();
			Map<String, Long> before = cpuByCommand();
			for (int round = 0; round < 200; round++) {
				batch(log, entry, size);
			}
			Map<String, Long> after = cpuByCommand();
			System.out.printf("  CPU µs per entry:%s%n", perCall(before, after, 200.0 * size));
			System.out.printf("  %-52s %8.2f ms%n", "a batch of " + size + " log entries journaled, idle machine",
					(System.nanoTime() - start) / 1e6 / 200);
		}
	}

	private static void batch(AccessLog log, AccessEntry entry, int size) throws Exception {
		List<java.util.concurrent.CompletableFuture<AccessEntry>> waiting = new ArrayList<>(size);
		for (int i = 0; i < size; i++) {
			waiting.add(log.append(entry));
		}
		for (var future : waiting) {
			future.get();
		}
	}

	interface Step {

		Object run() throws Exception;
	}

	private static void measure(String name, Step step) throws Exception {
		Object sink = null;
		for (int i = 0; i < 200_000; i++) {
			sink = step.run();
		}
		long start = System.nanoTime();
		for (int i = 0; i < 200_000; i++) {
			sink = step.run();
		}
		double nanos = (System.nanoTime() - start) / 200_000.0;
		System.out.printf("  %-52s %8.2f µs%s%n", name, nanos / 1000, sink == null ? "?" : "");
	}

	record Result(double rps, long errors) {
	}

	record Latency(double p50, double p99, double rps, long errors) {
	}

	/** CPU per call of each process that used at least 1 µs per call between two snapshots. */
	private static String perCall(Map<String, Long> before, Map<String, Long> after, double calls) {
		StringBuilder line = new StringBuilder();
		after.forEach((command, ticks) -> {
			double used = (ticks - before.getOrDefault(command, 0L)) * 1e6 / 100 / Math.max(1, calls);
			if (used >= 1) {
				line.append(String.format(" %s %.0f", command, used));
			}
		});
		return line.toString();
	}

	private static long gcCount() {
		return java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()
			.stream()
			.mapToLong(java.lang.management.GarbageCollectorMXBean::getCollectionCount)
			.sum();
	}

	/** CPU ticks (1/100 s) used so far by every process on the machine, summed by command name. */
	private static Map<String, Long> cpuByCommand() throws Exception {
		Map<String, Long> ticks = new java.util.TreeMap<>();
		try (var dirs = Files.list(Path.of("/proc"))) {
			for (Path dir : dirs.filter(d -> d.getFileName().toString().matches("[0-9]+")).toList()) {
				try {
					String stat = Files.readString(dir.resolve("stat"));
					String command = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
					String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
					// fields from state (3rd): utime is the 14th field, stime the 15th; children's too
					long used = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
					if (command.startsWith("postgres")) {
						// by role: "postgres: walwriter", "postgres: unigov unigov 127.0.0.1(41234) idle" ...
						String title = new String(Files.readAllBytes(dir.resolve("cmdline")), StandardCharsets.UTF_8)
							.replace('\0', ' ')
							.trim();
						command = title.startsWith("postgres: ") && !title.contains("(")
								? "pg-" + title.substring(10).replaceAll(" .*", "") : "pg-backends";
					}
					ticks.merge(command.replaceAll("[0-9/:]+.*", ""), used, Long::sum);
					if (command.equals("pg-backends") || command.equals("java")) {
						ticks.merge(command + "(system)", Long.parseLong(fields[12]), Long::sum);
					}
					if (dir.getFileName().toString().equals(Long.toString(ProcessHandle.current().pid()))) {
						// wrk, curl: ended children are counted in their parent's
						ticks.merge("(wrk: children of the JVM)", Long.parseLong(fields[13]) + Long.parseLong(fields[14]),
								Long::sum);
					}
				}
				catch (java.io.IOException | RuntimeException gone) {
					// the process ended meanwhile
				}
			}
		}
		return ticks;
	}

	private static Object asyncProfiler(String jar) throws Exception {
		java.net.URLClassLoader loader = new java.net.URLClassLoader(
				new java.net.URL[] { Path.of(jar).toUri().toURL() }, ExchangeBenchmark.class.getClassLoader());
		Class<?> type = loader.loadClass("one.profiler.AsyncProfiler");
		Path lib = Files.createTempDirectory("asprof").resolve("libasyncProfiler.so");
		try (var in = loader.getResourceAsStream("linux-" + ("aarch64".equals(System.getProperty("os.arch")) ? "arm64" : "x64")
				+ "/libasyncProfiler.so")) {
			Files.copy(in, lib);
		}
		return type.getMethod("getInstance", String.class).invoke(null, lib.toString());
	}

	private static String profile(Object profiler, String command) throws Exception {
		return (String) profiler.getClass().getMethod("execute", String.class).invoke(profiler, command);
	}

	private static Result wrk(String url, List<String> headers, int connections, int seconds) throws Exception {
		List<String> command = new ArrayList<>(List.of("wrk", "-t2", "-c" + connections, "-d" + seconds + "s"));
		for (String header : headers) {
			command.add("-H");
			command.add(header);
		}
		command.add(url);
		String out = run(command);
		double rps = Double.parseDouble(find(out, "Requests/sec:\\s+([0-9.]+)", "0"));
		long errors = Long.parseLong(find(out, "Non-2xx or 3xx responses: ([0-9]+)", "0"));
		return new Result(rps, errors);
	}

	private static double percentile(io.micrometer.core.instrument.Timer timer, int index) {
		return timer.takeSnapshot().percentileValues()[index].value(TimeUnit.MILLISECONDS);
	}

	private static void print(Latency b, Latency c) {
		System.out.printf("  B nginx reverse proxy   p50 %.2f ms  p99 %.2f ms  (%,.0f req/s achieved, errors %d)%n", b.p50,
				b.p99, b.rps, b.errors);
		System.out.printf(
				"  C Unigov gateway        p50 %.2f ms  p99 %.2f ms  (%,.0f req/s achieved, errors %d)  (target p99 <= 5 ms)%n",
				c.p50, c.p99, c.rps, c.errors);
	}

	/** wrk at a fixed mean rate: each connection pauses connections / rate on average between requests. */
	private static Latency paced(String url, List<String> headers, int connections, int rate, int seconds)
			throws Exception {
		List<String> command = new ArrayList<>(List.of("wrk", "-t2", "-c" + connections, "-d" + seconds + "s",
				"--latency", "-s", Path.of("bench/paced.lua").toAbsolutePath().toString()));
		for (String header : headers) {
			command.add("-H");
			command.add(header);
		}
		command.add(url);
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
		builder.environment().put("PACE_MS", Double.toString(1000.0 * connections / rate));
		Process process = builder.start();
		String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		process.waitFor();
		double rps = Double.parseDouble(find(out, "Requests/sec:\\s+([0-9.]+)", "0"));
		long errors = Long.parseLong(find(out, "Non-2xx or 3xx responses: ([0-9]+)", "0"));
		return new Latency(millis(find(out, "50%\\s+([0-9.]+[mu]?s)", "0ms")),
				millis(find(out, "99%\\s+([0-9.]+[mu]?s)", "0ms")), rps, errors);
	}

	/** wrk's "812.00us", "1.23ms", "1.05s" in milliseconds. */
	private static double millis(String value) {
		if (value.endsWith("us")) {
			return Double.parseDouble(value.substring(0, value.length() - 2)) / 1000;
		}
		if (value.endsWith("ms")) {
			return Double.parseDouble(value.substring(0, value.length() - 2));
		}
		return Double.parseDouble(value.substring(0, value.length() - 1)) * 1000;
	}

	private static Latency hey(String url, List<String> headers, int connections, int rate, int seconds) throws Exception {
		List<String> command = new ArrayList<>(List.of("hey", "-z", seconds + "s", "-c", Integer.toString(connections)));
		if (rate > 0) {
			command.add("-q");
			command.add(Integer.toString(Math.max(1, rate / connections)));
		}
		for (String header : headers) {
			command.add("-H");
			command.add(header);
		}
		command.add(url);
		String out = run(command);
		double p50 = Double.parseDouble(find(out, "50%+ in ([0-9.]+) secs", "0")) * 1000;
		double p99 = Double.parseDouble(find(out, "99%+ in ([0-9.]+) secs", "0")) * 1000;
		double rps = Double.parseDouble(find(out, "Requests/sec:\\s+([0-9.]+)", "0"));
		long ok = Long.parseLong(find(out, "\\[200\\]\\s+([0-9]+) responses", "0"));
		long all = 0;
		Matcher statuses = Pattern.compile("\\[[0-9]+\\]\\s+([0-9]+) responses").matcher(out);
		while (statuses.find()) {
			all += Long.parseLong(statuses.group(1));
		}
		return new Latency(p50, p99, rps, all - ok);
	}

	private static long jvmCpuNanos() {
		return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
			.getProcessCpuTime();
	}

	/** Busy and total jiffies of the machine, from /proc/stat. */
	private static long[] systemCpu() throws IOException {
		String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
		long total = 0;
		for (int i = 1; i < f.length; i++) {
			total += Long.parseLong(f[i]);
		}
		long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
		return new long[] { total - idle, total };
	}

	private static String find(String text, String regex, String fallback) {
		Matcher m = Pattern.compile(regex).matcher(text);
		return m.find() ? m.group(1) : fallback;
	}

	private static String run(List<String> command) throws IOException, InterruptedException {
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		process.waitFor();
		return out;
	}

	private static Process startNginx(Path prefix, String config) throws IOException, InterruptedException {
		Files.createDirectories(prefix.resolve("logs"));
		Files.createDirectories(prefix.resolve("tmp"));
		Path conf = prefix.resolve("nginx.conf");
		Files.writeString(conf, config);
		Process process = new ProcessBuilder("nginx", "-p", prefix + "/", "-c", conf.toString(), "-g", "daemon off;")
			.redirectErrorStream(true)
			.redirectOutput(prefix.resolve("logs/console.log").toFile())
			.start();
		Thread.sleep(500);
		if (!process.isAlive()) {
			throw new IllegalStateException("nginx did not start: " + Files.readString(prefix.resolve("logs/console.log")));
		}
		return process;
	}

	private static String common() {
		return """
				pid nginx.pid;
				error_log logs/error.log warn;
				events { worker_connections 4096; }
				""";
	}

	private static String temp() {
		return """
				    access_log off;
				    client_body_temp_path tmp/body; proxy_temp_path tmp/proxy; fastcgi_temp_path tmp/fastcgi;
				    uwsgi_temp_path tmp/uwsgi; scgi_temp_path tmp/scgi;
				    keepalive_requests 100000000;
				""";
	}

	private static String stubConfig() {
		String body = ExchangeFixtures.record().replace("\\", "\\\\").replace("'", "\\'");
		return "worker_processes 2;\n" + common() + "http {\n" + temp() + """
				    server {
				        listen 127.0.0.1:%d;
				        location = /record { default_type application/json; return 200 '%s'; }
				    }
				}
				""".formatted(STUB_PORT, body);
	}

	private static String proxyConfig() {
		return "worker_processes 1;\n" + common() + "http {\n" + temp() + """
				    upstream stub { server 127.0.0.1:%d; keepalive 128; keepalive_requests 100000000; }
				    server {
				        listen 127.0.0.1:%d;
				        location / { proxy_pass http://stub; proxy_http_version 1.1; proxy_set_header Connection ""; }
				    }
				}
				""".formatted(STUB_PORT, PROXY_PORT);
	}
}
