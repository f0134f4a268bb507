package org.unigov.projects;

import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.unigov.UnigovApplication;
import org.unigov.projects.internal.Project;

/**
 * Project governance at provincial scale (issue target: with 50,000 projects and 500,000 review
 * steps, a coordinator's review queue and the portfolio aggregates answer with p95 ≤ 200 ms), on
 * the real application and embedded PostgreSQL (data in {@code var/bench-projects}, emptied each
 * run), over real HTTP with a signed-in session. The projects are spread over 1 province, 10
 * cities and 110 counties, 10 agencies each; every project has 10 review steps over its rounds,
 * and 4 % of them are pending (a fifth of those overdue): a tenth of the pending approvals wait at
 * Yanta, three tenths at Xi'an, the rest at the province.
 * Run with {@code bash bench/projects.sh [projects] [requests]}.
 */
public final class ProjectsBenchmark {

	public static void main(String[] args) throws Exception {
		int projects = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
		int requests = args.length > 1 ? Integer.parseInt(args[1]) : 300;
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(UnigovApplication.class).run(
				"--unigov.data-dir=var/bench-projects", "--unigov.demo=true", "--unigov.db.embedded.clean=true",
				"--server.port=0", "--logging.level.root=WARN", "--logging.level.org.unigov=INFO",
				"--logging.file.name=var/bench-projects/log/unigov.log")) {
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			int port = ((WebServerApplicationContext) context).getWebServer().getPort();
			long t0 = System.nanoTime();
			generate(jdbc, projects);
			System.out.printf("generated %,d projects, %,d review steps (%,d pending), %,d spend records in %.1f s%n",
					jdbc.queryForObject("select count(*) from prj_project", Long.class),
					jdbc.queryForObject("select count(*) from prj_review_step", Long.class),
					jdbc.queryForObject("select count(*) from prj_review_step where status = 'pending'", Long.class),
					jdbc.queryForObject("select count(*) from prj_spend", Long.class), (System.nanoTime() - t0) / 1e9);
			System.out.printf("pending approvals in the queue of 610113 (Yanta): %d, 610100 (Xi'an): %d, 610000 (province): %d%n",
					pending(jdbc, "610113"), pending(jdbc, "610100"), pending(jdbc, "610000"));
			System.out.printf("projects in scope of 610000: %,d, 610100: %,d, 610113: %,d%n", scope(jdbc, "61"),
					scope(jdbc, "6101"), scope(jdbc, "610113"));

			String script = System.getProperty("bench.sql");
			if (script != null) {
				// -Dbench.sql=<file of statements separated by ;>: each run 20 times after 3 warm-ups, the median
				// printed, and its plan (EXPLAIN ANALYZE) for the first
				for (String sql : java.nio.file.Files.readString(java.nio.file.Path.of(script)).split(";")) {
					if (sql.isBlank()) {
						continue;
					}
					long[] times = new long[23];
					for (int i = 0; i < times.length; i++) {
						long start = System.nanoTime();
						jdbc.queryForList(sql);
						times[i] = System.nanoTime() - start;
					}
					long[] measured = Arrays.copyOfRange(times, 3, times.length);
					Arrays.sort(measured);
					System.out.printf("%7.1f ms  %s%n", measured[measured.length / 2] / 1e6,
							sql.strip().replaceAll("\\s+", " ").substring(0, Math.min(90, sql.strip().replaceAll("\\s+", " ").length())));
					jdbc.queryForList("explain (analyze, buffers) " + sql)
						.forEach(row -> System.out.println("           " + row.values().iterator().next()));
				}
			}

			List<Object[]> cases = List.of(
					new Object[] { "review queue, county coordinator (yt-coord)", "yt-coord", "/api/v1/projects/reviews/queue" },
					new Object[] { "review queue, city coordinator (xa-coord)", "xa-coord", "/api/v1/projects/reviews/queue" },
					new Object[] { "review queue, province coordinator (sn-coord)", "sn-coord", "/api/v1/projects/reviews/queue" },
					new Object[] { "review queue, overdue only (sn-coord)", "sn-coord", "/api/v1/projects/reviews/queue?overdue=true" },
					new Object[] { "review queue, province auditor (sn-auditor)", "sn-auditor", "/api/v1/projects/reviews/queue" },
					new Object[] { "review queue page (HTML), province (sn-coord)", "sn-coord", "/projects/reviews" },
					new Object[] { "portfolio, county (yt-auditor)", "yt-auditor", "/api/v1/projects/portfolio" },
					new Object[] { "portfolio, city (xa-auditor)", "xa-auditor", "/api/v1/projects/portfolio" },
					new Object[] { "portfolio, whole province (sn-auditor)", "sn-auditor", "/api/v1/projects/portfolio" },
					new Object[] { "portfolio page (HTML), province (sn-coord)", "sn-coord", "/projects/portfolio" });
			System.out.printf("%nover HTTP, %d requests each after 30 warm-up requests, one at a time:%n", requests);
			System.out.printf("%-50s %8s %8s %8s %8s%n", "request", "p50 ms", "p95 ms", "p99 ms", "max ms");
			// -Dbench.only=<text>: only the requests whose description contains it
			String only = System.getProperty("bench.only", "");
			for (Object[] c : cases) {
				if (!((String) c[0]).contains(only)) {
					continue;
				}
				Client client = new Client(port);
				client.signIn((String) c[1]);
				String path = (String) c[2];
				for (int i = 0; i < 30; i++) {
					client.get(path);
				}
				long[] latencies = new long[requests];
				for (int i = 0; i < requests; i++) {
					long start = System.nanoTime();
					HttpResponse<String> response = client.get(path);
					latencies[i] = System.nanoTime() - start;
					if (response.statusCode() != 200) {
						throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
					}
				}
				Arrays.sort(latencies);
				System.out.printf("%-50s %8.1f %8.1f %8.1f %8.1f%n", c[0], ms(latencies, 0.50), ms(latencies, 0.95),
						ms(latencies, 0.99), latencies[latencies.length - 1] / 1e6);
			}
		}
	}

	private static long pending(JdbcTemplate jdbc, String division) {
		return jdbc.queryForObject(
				"select count(*) from prj_review_step where status = 'pending' and kind = 'approval' and division_code = ?",
				Long.class, division);
	}

	private static long scope(JdbcTemplate jdbc, String prefix) {
		return jdbc.queryForObject("select count(*) from prj_project where division_code like ?", Long.class, prefix + "%");
	}

	private static double ms(long[] sorted, double quantile) {
		return sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)] / 1e6;
	}

	/**
	 * The synthetic province, in SQL: 121 divisions (the demo's seven among them), 10 agencies
	 * each; projects of every type, stage and status with 1-2 capabilities and budgets from ¥100,000
	 * to ¥20 million; 10 review steps each (earlier rounds decided, the last one pending for 2 %);
	 * spend for the approved ones; the demo's Yanta, Xi'an and province codes included so their
	 * coordinators have queues.
	 */
	static void generate(JdbcTemplate jdbc, int projects) {
		jdbc.execute("""
				create temporary table bench_division as
				select '610000' as code, 1 as level, '610000' as parent
				union all select '61' || lpad(c::text, 2, '0') || '00', 2, '610000' from generate_series(1, 10) c
				union all select '61' || lpad(c::text, 2, '0') || lpad((k + 2)::text, 2, '0'), 3, '61' || lpad(c::text, 2, '0') || '00'
				from generate_series(1, 10) c, generate_series(1, 11) k
				""");
		jdbc.execute("""
				create temporary table bench_division_n as
				select row_number() over (order by code) - 1 as k, code, level from bench_division""");
		long divisions = jdbc.queryForObject("select count(*) from bench_division_n", Long.class);
		String[] capabilities = jdbc.queryForList("select code from reg_capability order by code", String.class)
			.toArray(String[]::new);
		jdbc.update("""
				insert into prj_project (id, code, name, summary, agency_id, agency_code, division_code, division_level, type, path,
				    stage, status, capabilities, public_facing, sign_in, build_fen, om_fen, total_fen, spent_fen, route, round,
				    submitted_at, decided_at, gate_outcome, created_by, created_at, updated_at)
				select gen_random_uuid(), 'XM-BENCH-' || lpad(n::text, 6, '0'), '基准测试项目' || n, '基准测试项目的建设内容。',
				    md5('agency' || d.code || (n % 10))::uuid, 'BENCH' || d.code || (n % 10), d.code, d.level,
				    (array['new-system', 'upgrade', 'om'])[1 + n % 3], (array['standard', 'in-plan', 'urgent'])[1 + n % 3],
				    (array['proposal', 'feasibility', 'preliminary-design', 'feasibility-design'])[1 + n % 4],
				    (array['draft', 'in-review', 'returned', 'rejected', 'approved', 'approved', 'accepted', 'withdrawn',
				           'approved', 'in-review'])[1 + (n / 7) % 10],
				    array[(?::text[])[1 + n % ?], (?::text[])[1 + (n * 7) % ?]], n % 2 = 0, 'unified-identity',
				    (10000000 + (n::bigint * 7919) % 1990000000)::bigint, ((n::bigint * 104729) % 200000000)::bigint,
				    (10000000 + (n::bigint * 7919) % 1990000000 + (n::bigint * 104729) % 200000000)::bigint,
				    case when (n / 7) % 10 in (4, 5, 6, 8) then ((n::bigint * 31) % 10000000)::bigint else 0 end,
				    array[d.level], 1 + n % 3, now() - (n % 700) * interval '1 day', now() - (n % 500) * interval '1 day',
				    (array['pass', 'warn', 'fail', 'pass'])[1 + n % 4], 'bench', now() - (n % 800) * interval '1 day', now()
				from generate_series(1, ?) as g(n)
				join bench_division_n d on d.k = (n * 37) % ?""", capabilities, capabilities.length, capabilities,
				capabilities.length, projects, divisions);
		// ten steps per project in two rounds; for 4 % of them the last round's approval and budget review are pending
		jdbc.update("""
				insert into prj_review_step (id, project_id, round, stage, kind, level, division_code, position, status,
				    activated_at, due, decided_by, decided_at, comment)
				select gen_random_uuid(), p.id, s / 5 + 1, p.stage, case when s % 5 = 4 then 'budget' else 'approval' end,
				    p.division_level, p.division_code, s % 5,
				    case when s >= 8 and abs(hashtext(p.code)) % 25 = 0 then 'pending'
				         when s >= 8 then 'approved' else (array['approved', 'approved', 'returned', 'cancelled'])[1 + s % 4] end,
				    now() - interval '20 days', current_date + (abs(hashtext(p.code)) % 25 - 5), 'bench', now() - interval '10 days',
				    case when s % 4 = 2 then '请补充材料。' end
				from prj_project p, generate_series(0, 9) s
				where p.created_by = 'bench'""");
		// the pending steps wait at the demo's Yanta, Xi'an and province offices: their reviewers' queues
		jdbc.update("""
				update prj_review_step set division_code = case when abs(hashtext(id::text)) % 10 = 0 then '610113'
				    when abs(hashtext(id::text)) % 10 < 4 then '610100' else '610000' end
				where status = 'pending'""");
		jdbc.update("""
				insert into prj_spend (id, project_id, spent_on, kind, amount_fen, note, recorded_by)
				select gen_random_uuid(), p.id, current_date - (hashtext(p.code) % 300 + 300) % 300, 'build', p.spent_fen, '', 'bench'
				from prj_project p where p.created_by = 'bench' and p.spent_fen > 0""");
		jdbc.execute("analyze prj_project");
		jdbc.execute("analyze prj_review_step");
		jdbc.execute("analyze prj_spend");
	}

	/** A signed-in client over real HTTP. */
	static final class Client {

		private final int port;

		private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();

		Client(int port) {
			this.port = port;
		}

		void signIn(String username) throws Exception {
			String login = get("/login").body();
			Matcher token = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(login);
			if (!token.find()) {
				throw new IllegalStateException("no CSRF token on the sign-in page");
			}
			this.http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/login"))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString("username=" + username + "&password=demo&_csrf=" + token.group(1)))
				.build(), HttpResponse.BodyHandlers.discarding());
		}

		HttpResponse<String> get(String path) throws Exception {
			return this.http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
				.header("Accept", path.startsWith("/api/") ? "application/json" : "text/html")
				.build(), HttpResponse.BodyHandlers.ofString());
		}
	}
}
