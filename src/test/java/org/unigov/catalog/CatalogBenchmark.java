package org.unigov.catalog;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import org.apache.lucene.store.MMapDirectory;
import org.unigov.catalog.search.EntryIndex.IndexedEntry;
import org.unigov.catalog.search.EntryIndex.Visibility;
import org.unigov.catalog.search.EntryIndex;

/**
 * Catalog search with 1,000,000 generated entries (target: faceted search p95 ≤ 100 ms). Builds
 * the same Lucene index the application uses, on disk under {@code var/bench-catalog}, and runs a
 * deterministic mix of searches through the same code path as {@code GET /api/v1/catalog/resources}
 * (text in Chinese or English, facet filters, the permission filter of a member of staff, facet
 * counts over all eight dimensions, one page of 20 hits). Run with {@code bash bench/catalog.sh}.
 */
public final class CatalogBenchmark {

	static final String[] SUBJECTS = { "户籍人口", "流动人口", "企业登记", "个体工商户", "社会保险", "养老保险", "医疗保险", "失业保险",
			"住房公积金", "不动产登记", "婚姻登记", "出生医学证明", "预防接种", "医疗机构", "执业医师", "食品经营许可", "药品零售许可",
			"行政处罚", "信用评价", "纳税信用", "道路运输许可", "机动车", "驾驶人", "学籍", "教师资格", "社会救助", "低保对象", "残疾人",
			"养老服务机构", "环境监测", "排污许可", "建设工程规划许可", "施工许可", "安全生产许可", "特种设备", "农业补贴", "林权登记",
			"水资源", "地质灾害", "气象观测", "公共交通", "停车场", "城市部件", "网格事件", "12345工单", "政务服务事项", "电子证照", "财政预算",
			"政府采购", "审计整改" };

	static final String[] SUBJECTS_EN = { "registered population", "floating population", "enterprise registration",
			"individual businesses", "social insurance", "pension insurance", "medical insurance", "unemployment insurance",
			"housing provident fund", "real estate registration", "marriage registration", "birth certificates",
			"vaccinations", "medical institutions", "licensed physicians", "food business licences",
			"pharmacy licences", "administrative penalties", "credit evaluation", "tax credit", "road transport licences",
			"motor vehicles", "drivers", "student records", "teacher qualifications", "social assistance",
			"minimum allowance recipients", "persons with disabilities", "elderly care institutions",
			"environmental monitoring", "discharge permits", "planning permits", "construction permits",
			"work safety licences", "special equipment", "farm subsidies", "forest rights", "water resources",
			"geological hazards", "weather observations", "public transport", "car parks", "city components",
			"grid incidents", "hotline tickets", "service items", "electronic licences", "budgets", "procurement",
			"audit rectification" };

	static final String[] KINDS = { "基础信息", "登记信息", "许可信息", "变更信息", "注销信息", "统计数据", "名录", "档案", "核验信息", "明细" };

	static final String[] KINDS_EN = { "basic data", "registrations", "licences", "changes", "deregistrations",
			"statistics", "directory", "records", "verification", "details" };

	static final String[] ITEMS = { "公民身份号码", "姓名", "性别", "出生日期", "联系电话", "地址", "统一社会信用代码", "企业名称", "证照编号",
			"登记日期", "办理状态", "金额", "所属区划", "经办机构" };

	static final String[] SHARING = { "unconditional", "conditional", "conditional", "not-shared" };

	static final String[] OPEN = { "not-open", "not-open", "open", "open-conditional" };

	static final String[] FORMATS = { "database", "database", "spreadsheet", "file", "image", "streaming", "self-describing" };

	static final String[] FREQUENCIES = { "real-time", "daily", "weekly", "monthly", "quarterly", "yearly" };

	static final String[] CLASSES = { "101", "102", "103", "104", "105", "201", "202", "203", "204", "205", "206", "207",
			"208", "209", "210", "211", "301", "302", "303", "304", "305", "306", "307", "308", "309" };

	static final String[] GRADES = { "general", "general", "important", "core" };

	public static void main(String[] args) throws Exception {
		int entries = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
		int queries = args.length > 1 ? Integer.parseInt(args[1]) : 2_000;
		Path dir = Path.of("var/bench-catalog/index");
		if (Files.exists(dir)) {
			try (Stream<Path> files = Files.walk(dir)) {
				files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
			}
		}
		Files.createDirectories(dir);
		Random random = new Random(20261127L);
		List<String> divisions = new ArrayList<>();
		divisions.add("610000");
		for (int city = 1; city <= 10; city++) {
			String c = String.format("61%02d00", city);
			divisions.add(c);
			for (int county = 1; county <= 12; county++) {
				divisions.add(String.format("61%02d%02d", city, county));
			}
		}
		int agencyCount = 2_000;
		String[] agencies = new String[agencyCount];
		String[] agencyDivision = new String[agencyCount];
		for (int i = 0; i < agencyCount; i++) {
			agencies[i] = new UUID(0x5EED, i).toString();
			agencyDivision[i] = divisions.get(i % divisions.size());
		}
		try (EntryIndex index = new EntryIndex(new MMapDirectory(dir))) {
			long t0 = System.nanoTime();
			List<IndexedEntry> batch = new ArrayList<>(10_000);
			for (int i = 0; i < entries; i++) {
				int subject = random.nextInt(SUBJECTS.length);
				int kind = random.nextInt(KINDS.length);
				int agency = random.nextInt(agencyCount);
				List<String> items = new ArrayList<>();
				int itemCount = 3 + random.nextInt(6);
				for (int k = 0; k < itemCount; k++) {
					items.add(ITEMS[random.nextInt(ITEMS.length)]);
				}
				String name = SUBJECTS[subject] + KINDS[kind];
				batch.add(new IndexedEntry(new UUID(0xCA7, i).toString(), CLASSES[i % CLASSES.length] + "/" + i,
						random.nextInt(50) == 0 ? "draft" : "published", agencies[agency], "部门" + agency, "Agency " + agency,
						agencyDivision[agency], name, SUBJECTS_EN[subject] + " " + KINDS_EN[kind],
						name + "，由部门" + agency + "依法履职产生，按" + FREQUENCIES[i % 6] + "更新。",
						"The " + SUBJECTS_EN[subject] + " " + KINDS_EN[kind] + " of agency " + agency + ".", items, List.of(),
						List.of(SUBJECTS[subject]), SHARING[random.nextInt(SHARING.length)], OPEN[random.nextInt(OPEN.length)],
						FORMATS[random.nextInt(FORMATS.length)], FREQUENCIES[random.nextInt(FREQUENCIES.length)],
						CLASSES[random.nextInt(CLASSES.length)], GRADES[random.nextInt(GRADES.length)],
						1_700_000_000_000L + random.nextInt(1_000_000_000)));
				if (batch.size() == 10_000) {
					index.put(batch);
					batch.clear();
				}
			}
			index.put(batch);
			long indexed = System.nanoTime();
			index.optimize();
			long merged = System.nanoTime();
			System.out.printf("indexed %,d entries in %.1f s, merged in %.1f s; index size %,d docs%n", entries,
					(indexed - t0) / 1e9, (merged - indexed) / 1e9, index.size());

			Visibility staff = new Visibility(false, false, null, agencies[7]);
			Visibility coordinator = new Visibility(false, false, "6103", null);
			Map<String, List<Long>> timings = new LinkedHashMap<>();
			Random q = new Random(42);
			for (int i = 0; i < queries + 200; i++) {
				int type = i % 7;
				String label;
				EntryIndex.Search search;
				Visibility who = i % 2 == 0 ? staff : coordinator;
				switch (type) {
					case 0 -> {
						label = "browse, facets cached";
						search = new EntryIndex.Search(null, Map.of(), "newest", 0, 20);
					}
					case 6 -> {
						label = "browse, facets not cached";
						// a different agency each time, so the facet cache never has the answer
						who = new Visibility(false, false, null, agencies[q.nextInt(agencyCount)]);
						search = new EntryIndex.Search(null, Map.of(), "newest", 0, 20);
					}
					case 1 -> {
						label = "one Chinese word";
						search = new EntryIndex.Search(SUBJECTS[q.nextInt(SUBJECTS.length)], Map.of(), "relevance", 0, 20);
					}
					case 2 -> {
						label = "two Chinese words";
						search = new EntryIndex.Search(SUBJECTS[q.nextInt(SUBJECTS.length)] + " " + KINDS[q.nextInt(KINDS.length)],
								Map.of(), "relevance", 0, 20);
					}
					case 3 -> {
						label = "English words";
						search = new EntryIndex.Search(SUBJECTS_EN[q.nextInt(SUBJECTS_EN.length)], Map.of(), "relevance", 0, 20);
					}
					case 4 -> {
						label = "text + two facet filters";
						search = new EntryIndex.Search(SUBJECTS[q.nextInt(SUBJECTS.length)],
								Map.of("sharingType", Set.of("conditional"), "division", Set.of(divisions.get(q.nextInt(divisions.size())))),
								"relevance", 0, 20);
					}
					default -> {
						label = "facet filters, page 5";
						search = new EntryIndex.Search(null, Map.of("openAttribute", Set.of("open", "open-conditional"), "format",
								Set.of("database")), "newest", 80, 20);
					}
				}
				long start = System.nanoTime();
				EntryIndex.Results results = index.search(search, who);
				long took = System.nanoTime() - start;
				if (results.facets().isEmpty() && results.total() > 0) {
					throw new IllegalStateException("no facets");
				}
				if (i >= 200) {
					timings.computeIfAbsent(label, k -> new ArrayList<>()).add(took);
					timings.computeIfAbsent("ALL", k -> new ArrayList<>()).add(took);
				}
			}
			System.out.printf("%-30s %8s %8s %8s %8s%n", "query", "n", "p50 ms", "p95 ms", "p99 ms");
			timings.forEach((label, list) -> {
				long[] sorted = list.stream().mapToLong(Long::longValue).sorted().toArray();
				System.out.printf("%-30s %8d %8.1f %8.1f %8.1f%n", label, sorted.length, pct(sorted, 50), pct(sorted, 95),
						pct(sorted, 99));
			});
		}
	}

	static double pct(long[] sorted, int p) {
		int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
		return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
	}

}
