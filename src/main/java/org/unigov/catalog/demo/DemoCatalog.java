package org.unigov.catalog.demo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.unigov.calendar.WorkingCalendar;
import org.unigov.catalog.CatalogEntry;
import org.unigov.catalog.internal.Distributions;
import org.unigov.catalog.internal.EntryEditing;
import org.unigov.catalog.internal.EntryInput;
import org.unigov.catalog.internal.EntryOutcome;
import org.unigov.catalog.internal.EntryReview;
import org.unigov.organization.AgencyId;
import org.unigov.organization.DemoOrganization;
import org.unigov.organization.OrganizationDirectory;
import org.unigov.shared.Actor;
import org.unigov.shared.DemoMode;
import org.unigov.shared.Role;

/**
 * Seeds the demo catalog from {@code catalog/demo-catalog.tsv}: sixty published entries of the
 * demo agencies, of all three sharing types, some open, each compiled, submitted and approved
 * through the same path as a real one (so each is in the audit chain).
 */
@Component
@Order(40)
class DemoCatalog implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(DemoCatalog.class);

	static final String RESOURCE = "catalog/demo-catalog.tsv";

	private static final Actor SEEDER = new Actor(null, "system", "Unigov", Actor.Kind.SYSTEM, null, null, null,
			Set.of(Role.PLATFORM_ADMIN));

	private final DemoMode demo;

	private final JdbcClient jdbc;

	private final EntryEditing editing;

	private final EntryReview review;

	private final OrganizationDirectory organizations;

	private final WorkingCalendar calendar;

	private final TransactionTemplate transactions;

	private final Distributions distributions;

	DemoCatalog(DemoMode demo, JdbcClient jdbc, EntryEditing editing, EntryReview review, OrganizationDirectory organizations,
			WorkingCalendar calendar, TransactionTemplate transactions, Distributions distributions) {
		this.distributions = distributions;
		this.demo = demo;
		this.jdbc = jdbc;
		this.editing = editing;
		this.review = review;
		this.organizations = organizations;
		this.calendar = calendar;
		this.transactions = transactions;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (!this.demo.enabled() || this.jdbc.sql("select exists (select 1 from cat_entry)").query(Boolean.class).single()) {
			return;
		}
		List<String[]> rows = rows();
		for (String[] row : rows) {
			this.transactions.executeWithoutResult(status -> seed(row));
		}
		log.info("Seeded demo catalog: {} published entries", rows.size());
	}

	private void seed(String[] r) {
		UUID agency = this.organizations.agencyByCreditCode(DemoOrganization.agency(r[0]).creditCode())
			.orElseThrow()
			.id()
			.value();
		List<EntryInput.ItemInput> items = new ArrayList<>();
		for (String item : r[10].split(";")) {
			String[] parts = item.split(":");
			String element = parts.length > 1 ? parts[1] : null;
			String type = "birth-date".equals(element) || "date".equals(element) ? "date" : "string";
			items.add(new EntryInput.ItemInput(parts[0], null, type, element, null, null, "collected", null));
		}
		String sharing = r[4];
		List<EntryInput.ConditionInput> conditions = "conditional".equals(sharing) ? List.of(
				new EntryInput.ConditionInput("purpose", "仅用于依法履行职责的政务服务和监管业务", "《政务数据共享条例》第十五条"),
				new EntryInput.ConditionInput("scope", "限申请部门的登记系统使用，不得向第三方提供", "《政务数据共享条例》第二十五条"))
				: List.of();
		String basis = r[2].contains("婚姻") ? "《婚姻登记条例》第十七条" : r[2].contains("健康") ? "《中华人民共和国基本医疗卫生与健康促进法》第九十二条"
				: "《中华人民共和国刑事诉讼法》第一百五十二条";
		EntryInput input = new EntryInput(r[2], r[3], r[1], r[2] + "，由" + this.organizations
			.agency(new AgencyId(agency)).orElseThrow().nameZh() + "依法履职采集产生。", null, items, r[6], r[7],
				sharing, List.of("api"), conditions, "not-shared".equals(sharing) ? "涉及法律规定保密的个人信息和案件信息" : null,
				"not-shared".equals(sharing) ? basis : null, r[5],
				"open-conditional".equals(r[5]) ? "经申请并签署数据开放使用协议后开放" : null, r[8], "1".equals(r[9]), "none",
				"主要负责人", this.calendar.today().minusDays(30), List.of(), null, List.of(), null, null, null, null, null, null);
		EntryOutcome created = this.editing.create(SEEDER, agency, input);
		CatalogEntry entry = this.editing.submit(SEEDER, created.entry().id(), created.entry().version()).entry();
		this.review.review(SEEDER, entry.id(), EntryReview.Decision.APPROVE, null, entry.version());
		attachDemoFile(entry.id(), r[2]);
	}

	/**
	 * An open demo entry gets a small CSV of made-up rows ({@code catalog/demo-files/<name>.csv}), so
	 * the demo portal has something to download; its title says it is sample data.
	 */
	private void attachDemoFile(UUID entryId, String name) {
		String resource = "catalog/demo-files/" + name + ".csv";
		try (InputStream in = DemoCatalog.class.getClassLoader().getResourceAsStream(resource)) {
			if (in != null) {
				this.distributions.upload(SEEDER, entryId,
						new Distributions.Upload(name + "（示例数据）", name + ".csv", "text/csv", in));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static List<String[]> rows() {
		try (InputStream in = DemoCatalog.class.getClassLoader().getResourceAsStream(RESOURCE)) {
			if (in == null) {
				throw new IllegalStateException(RESOURCE + " is missing");
			}
			BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
			return reader.lines().skip(1).filter(l -> !l.isBlank()).map(l -> l.split("\t")).toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}
}
