package org.unigov.sharing;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.unigov.UnigovApplication;
import org.unigov.calendar.WorkingCalendar;
import org.unigov.sharing.internal.DeadlineClock;

/**
 * Deadline computation for 100,000 open sharing requests (target ≤ 1 s), on the real application
 * and embedded PostgreSQL (data in {@code var/bench-sharing}, emptied each run). Measures the
 * working-day arithmetic alone and the full recomputation after a calendar change (read every
 * open request, compute its reply deadline, write them back in batches). Start days are spread
 * over 2025-2026 so that counts cross every holiday and make-up day of both calendars.
 * Run with {@code bash bench/sharing.sh}.
 */
public final class SharingBenchmark {

	public static void main(String[] args) throws Exception {
		int requests = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(UnigovApplication.class).run(
				"--unigov.data-dir=var/bench-sharing", "--unigov.demo=true", "--unigov.db.embedded.clean=true",
				"--server.port=0", "--logging.level.root=WARN", "--logging.level.org.unigov=INFO",
				"--logging.file.name=var/bench-sharing/log/unigov.log")) {
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			WorkingCalendar calendar = context.getBean(WorkingCalendar.class);
			DeadlineClock clock = context.getBean(DeadlineClock.class);
			long t0 = System.nanoTime();
			jdbc.update("""
					insert into shr_request (id, number, requester_agency_id, requester_division, consumer_system_id, entry_id,
					    entry_code, entry_revision, sharing_type, provider_agency_id, provider_division, items, legal_basis,
					    use_case, use_scope, sharing_method, period_from, period_to, expected_volume, status, filed_at, filed_by,
					    clock_start, reply_days, extension_days, reply_due)
					select gen_random_uuid(), 'BENCH-' || n, r.requester_agency_id, r.requester_division, r.consumer_system_id,
					       r.entry_id, r.entry_code, r.entry_revision, r.sharing_type, r.provider_agency_id, r.provider_division,
					       r.items, r.legal_basis, r.use_case, r.use_scope, r.sharing_method, r.period_from, r.period_to,
					       r.expected_volume, 'submitted', now(), 'bench', date '2025-01-01' + (n % 700), 10, (n % 3) * 5,
					       date '2025-01-01'
					from generate_series(1, ?) as n, (select * from shr_request limit 1) as r""", requests);
			System.out.printf("inserted %,d open requests in %d ms%n", requests, (System.nanoTime() - t0) / 1_000_000);

			List<LocalDate> starts = new ArrayList<>(requests);
			List<Integer> days = new ArrayList<>(requests);
			Random random = new Random(1);
			for (int i = 0; i < requests; i++) {
				starts.add(LocalDate.of(2025, 1, 1).plusDays(random.nextInt(700)));
				days.add(10 + (i % 3) * 5);
			}
			for (int round = 0; round < 5; round++) {
				long start = System.nanoTime();
				long checksum = 0;
				for (int i = 0; i < requests; i++) {
					checksum += calendar.addWorkingDays(starts.get(i), days.get(i)).due().toEpochDay();
				}
				System.out.printf("round %d: computed %,d deadlines in %.1f ms (checksum %d)%n", round, requests,
						(System.nanoTime() - start) / 1e6, checksum);
			}
			for (int round = 0; round < 3; round++) {
				if (round > 0) {
					// put the placeholder back, so that every deadline moves and is written again
					jdbc.update("update shr_request set reply_due = date '2025-01-01' where number like 'BENCH-%'");
				}
				long start = System.nanoTime();
				int recomputed = clock.recomputeDeadlines();
				System.out.printf("round %d: recomputed and stored %,d deadlines (read, compute, batch update) in %d ms%n",
						round, recomputed, (System.nanoTime() - start) / 1_000_000);
			}
			long start = System.nanoTime();
			int unchanged = clock.recomputeDeadlines();
			System.out.printf("recomputed with nothing to move: %,d written in %d ms%n", unchanged,
					(System.nanoTime() - start) / 1_000_000);
			Integer wrong = jdbc.queryForObject("select count(*) from shr_request where number like 'BENCH-%' and reply_due = date '2025-01-01'",
					Integer.class);
			System.out.printf("requests left with the placeholder deadline: %d%n", wrong);
		}
	}
}
