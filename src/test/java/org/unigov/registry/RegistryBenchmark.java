package org.unigov.registry;

import java.io.ByteArrayOutputStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.unigov.UnigovApplication;
import org.unigov.registry.internal.SystemImport;
import org.unigov.shared.Actor;
import org.unigov.shared.Role;
import org.unigov.shared.ident.CreditCode;

/**
 * The registry's performance targets with 100,000 generated systems on the real application and
 * embedded PostgreSQL: similarity query latency (p95 ≤ 50 ms), the province-wide cluster report
 * (≤ 30 s) and a 10,000-row XLSX import (≤ 30 s). Run with {@code bash bench/registry.sh}; the
 * data directory is {@code var/bench-registry}, emptied on every run.
 */
public final class RegistryBenchmark {

	static final Actor ADMIN = new Actor(null, "bench", "Benchmark", Actor.Kind.SYSTEM, null, null, "610000",
			Set.of(Role.PLATFORM_ADMIN));

	public static void main(String[] args) throws Exception {
		int systems = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
		int queries = args.length > 1 ? Integer.parseInt(args[1]) : 1_000;
		int importRows = args.length > 2 ? Integer.parseInt(args[2]) : 10_000;
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(UnigovApplication.class).run(
				"--unigov.data-dir=var/bench-registry", "--unigov.demo=true", "--unigov.db.embedded.clean=true",
				"--server.port=0", "--logging.level.root=WARN", "--logging.level.org.unigov=INFO",
				"--logging.file.name=var/bench-registry/log/unigov.log")) {
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			DuplicateFinder finder = context.getBean(DuplicateFinder.class);
			SystemImport importer = context.getBean(SystemImport.class);
			while (!finder.ready()) {
				Thread.sleep(100);
			}
			SyntheticRegistry generator = new SyntheticRegistry(20261127L);
			List<String[]> agencies = seedOrganizations(jdbc);
			long t0 = System.nanoTime();
			int inserted = seedSystems(jdbc, generator, agencies, systems);
			long seedMs = (System.nanoTime() - t0) / 1_000_000;
			t0 = System.nanoTime();
			finder.load();
			long indexMs = (System.nanoTime() - t0) / 1_000_000;
			System.out.printf("seeded %d systems in %d ms; indexed %d in %d ms%n", inserted, seedMs,
					finder.indexedSystems(), indexMs);

			List<DuplicateFinder.Draft> drafts = new ArrayList<>();
			for (int i = 0; i < queries + 200; i++) {
				String[] agency = agencies.get(generator.nextInt(agencies.size()));
				SyntheticRegistry.Draft d = generator.draft(agency[2]);
				drafts.add(new DuplicateFinder.Draft(d.name(), d.summary(), d.capabilities(), agency[1], null));
			}
			for (DuplicateFinder.Draft d : drafts.subList(0, 200)) {
				finder.similar(ADMIN, d, 10);
			}
			long[] latencies = new long[queries];
			for (int i = 0; i < queries; i++) {
				long start = System.nanoTime();
				finder.similar(ADMIN, drafts.get(200 + i), 10);
				latencies[i] = System.nanoTime() - start;
			}
			Arrays.sort(latencies);
			System.out.printf("similarity query (10 results, DB read included), %d queries: p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms%n",
					queries, ms(latencies, 0.50), ms(latencies, 0.95), ms(latencies, 0.99),
					latencies[latencies.length - 1] / 1e6);

			t0 = System.nanoTime();
			DuplicateFinder.ClusterReport report = finder.clusters(ADMIN, "610000");
			long clusterMs = (System.nanoTime() - t0) / 1_000_000;
			System.out.printf("province-wide cluster report: %d ms for %d systems: %d clusters, %d systems in clusters, ¥%,.2f O&M a year%n",
					clusterMs, report.systemsCompared(), report.clusters().size(), report.systemsInClusters(),
					report.combinedAnnualOmCostFen() / 100.0);
			t0 = System.nanoTime();
			finder.clusters(ADMIN, "610000");
			System.out.printf("the same report again, registry unchanged (cached): %.1f ms%n", (System.nanoTime() - t0) / 1e6);

			String[] agency = agencies.getFirst();
			byte[] xlsx = workbook(generator, agency, importRows);
			t0 = System.nanoTime();
			SystemImport.ImportReport dry = importer.run(ADMIN, "bench.xlsx", xlsx, true, SystemImport.Progress.NONE);
			long dryMs = (System.nanoTime() - t0) / 1_000_000;
			t0 = System.nanoTime();
			SystemImport.ImportReport real = importer.run(ADMIN, "bench.xlsx", xlsx, false, SystemImport.Progress.NONE);
			long realMs = (System.nanoTime() - t0) / 1_000_000;
			System.out.printf("%d-row XLSX (%d KB): dry run %d ms (%d problems), real import %d ms (%d imported, audited, indexed)%n",
					importRows, xlsx.length / 1024, dryMs, dry.problemCount(), realMs, real.imported());
		}
	}

	private static double ms(long[] sorted, double quantile) {
		return sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)] / 1e6;
	}

	/** Eight more cities of 陕西 with eight districts each, and twenty agencies in every division. */
	static List<String[]> seedOrganizations(JdbcTemplate jdbc) {
		List<Object[]> divisions = new ArrayList<>();
		String[] suffixes = { "城区", "新区", "高新区", "经开区", "东区", "西区", "南区", "北区" };
		for (var city : SyntheticRegistry.CITIES.entrySet()) {
			divisions.add(new Object[] { city.getKey(), city.getValue(), city.getValue(), "610000", 2 });
			for (int d = 0; d < suffixes.length; d++) {
				String code = city.getKey().substring(0, 4) + String.format("%02d", d + 2);
				String name = city.getValue().replace("市", "") + suffixes[d];
				divisions.add(new Object[] { code, name, name, city.getKey(), 3 });
			}
		}
		jdbc.batchUpdate("insert into org_division (code, name_zh, name_en, parent_code, level) values (?, ?, ?, ?, ?) "
				+ "on conflict do nothing", divisions);
		List<Map<String, Object>> all = jdbc.queryForList("select code, name_zh from org_division");
		List<Object[]> agencies = new ArrayList<>();
		int sequence = 5_000_000;
		for (Map<String, Object> division : all) {
			for (String kind : SyntheticRegistry.AGENCY_KINDS) {
				String code = CreditCode.complete("11" + division.get("code") + "MB" + String.format("%07d", sequence++));
				agencies.add(new Object[] { UUID.randomUUID(), code, division.get("name_zh") + kind, division.get("code") });
			}
		}
		jdbc.batchUpdate("insert into org_agency (id, credit_code, name_zh, division_code) values (?, ?, ?, ?) "
				+ "on conflict do nothing", agencies);
		return jdbc.query("select a.id::text, a.division_code, d.name_zh, a.credit_code from org_agency a "
				+ "join org_division d on d.code = a.division_code order by a.credit_code",
				(rs, n) -> new String[] { rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4) });
	}

	static int seedSystems(JdbcTemplate jdbc, SyntheticRegistry generator, List<String[]> agencies, int count) {
		Set<String> names = new HashSet<>();
		List<Object[]> batch = new ArrayList<>();
		int inserted = 0;
		for (int i = 0; i < count; i++) {
			String[] agency = agencies.get(generator.nextInt(agencies.size()));
			SyntheticRegistry.Draft d = generator.draft(agency[2]);
			String name = d.name();
			for (int n = 2; !names.add(agency[0] + "|" + name); n++) {
				name = d.name() + "（" + n + "）";
			}
			int status = generator.nextInt(20);
			batch.add(new Object[] { UUID.randomUUID(), name, UUID.fromString(agency[0]), agency[1], d.summary(),
					d.capabilities().toArray(String[]::new),
					status == 0 ? "retired" : status == 1 ? "planned" : status == 2 ? "suspended" : "live",
					status == 1 ? null : java.sql.Date.valueOf(LocalDate.of(2015 + generator.nextInt(11), 1 + generator.nextInt(12), 1)),
					100_000_00L * (1 + generator.nextInt(200)), 10_000_00L * (1 + generator.nextInt(200)),
					"municipal-fiscal", "gov-cloud", (long) generator.nextInt(100_000), (long) generator.nextInt(10_000),
					generator.nextInt(2) == 0 ? "unified-identity" : "own-accounts" });
			if (batch.size() == 2_000 || i == count - 1) {
				inserted += Arrays.stream(jdbc.batchUpdate("""
						insert into reg_system (id, name, agency_id, division_code, summary, capabilities, status, go_live_date,
						    build_cost_fen, annual_om_cost_fen, funding_source, hosting, registered_users, monthly_active_users,
						    login_method)
						values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", batch)).sum();
				batch.clear();
			}
		}
		return inserted;
	}

	/** An XLSX in the template's columns with {@code rows} new systems of one agency. */
	static byte[] workbook(SyntheticRegistry generator, String[] agency, int rows) throws Exception {
		try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			Sheet sheet = workbook.createSheet("系统清单");
			String[] header = RegistryFixtures.HEADER.split(",");
			Row h = sheet.createRow(0);
			for (int c = 0; c < header.length; c++) {
				h.createCell(c).setCellValue(header[c]);
			}
			for (int r = 1; r <= rows; r++) {
				SyntheticRegistry.Draft d = generator.draft(agency[2]);
				Object[] values = { d.name() + " 导入" + r, "", agency[3], d.summary(), String.join(";", d.capabilities()),
						"运行", "2024-06-30", 1_250_000.5, 200_000, "市级财政", "某某信息技术有限公司", "政务云", 1200, 300, "统一身份认证",
						"unified-identity", "否" };
				Row row = sheet.createRow(r);
				for (int c = 0; c < values.length; c++) {
					if (values[c] instanceof Number n) {
						row.createCell(c).setCellValue(n.doubleValue());
					}
					else {
						row.createCell(c).setCellValue((String) values[c]);
					}
				}
			}
			workbook.write(out);
			return out.toByteArray();
		}
	}
}
