package org.unigov.sharing;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
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
import org.unigov.organization.Agency;
import org.unigov.organization.DemoOrganization;
import org.unigov.organization.OrganizationDirectory;
import org.unigov.shared.Actor;
import org.unigov.shared.DemoMode;
import org.unigov.shared.Role;

/**
 * Seeds demo sharing requests in every state — awaiting a reply, overdue and escalated,
 * incomplete, approved and delivered, approved awaiting delivery, refused with reasons and
 * disputed, refused by rule, granted at once, withdrawn — through the sharing desk itself.
 */
@Component
@Order(50)
class DemoSharing implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(DemoSharing.class);

	private final DemoMode demo;

	private final JdbcClient jdbc;

	private final SharingDesk desk;

	private final Disputes disputes;

	private final OrganizationDirectory organizations;

	private final WorkingCalendar calendar;

	private final TransactionTemplate transactions;

	DemoSharing(DemoMode demo, JdbcClient jdbc, SharingDesk desk, Disputes disputes, OrganizationDirectory organizations,
			WorkingCalendar calendar, TransactionTemplate transactions) {
		this.demo = demo;
		this.jdbc = jdbc;
		this.desk = desk;
		this.disputes = disputes;
		this.organizations = organizations;
		this.calendar = calendar;
		this.transactions = transactions;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (!this.demo.enabled() || this.jdbc.sql("select exists (select 1 from shr_request)").query(Boolean.class).single()
				|| !this.jdbc.sql("select exists (select 1 from cat_entry)").query(Boolean.class).single()) {
			return;
		}
		this.transactions.executeWithoutResult(status -> seed());
		log.info("Seeded demo sharing requests");
	}

	private void seed() {
		// awaiting the provider's reply
		file("xa-hrss", "全省户籍人口基础信息", "养老保险待遇领取资格认证");
		// overdue: filed 25 days ago and never answered, so it went to the coordinator
		SharingRequest late = file("xa-hrss", "居民身份证签发信息", "社会保障卡申领身份核验");
		LocalDate filed = this.calendar.today().minusDays(25);
		this.jdbc.sql("update shr_request set clock_start = ?, filed_at = filed_at - interval '25 days' where id = ?")
			.params(filed, late.id())
			.update();
		this.desk.recomputeDeadlines();
		this.desk.escalateOverdue();
		// incomplete: one notice listing what is missing
		SharingRequest incomplete = file("yt-civil", "西安市预防接种信息", "困难群众医疗救助对象核对");
		this.desk.noticeIncomplete(provider("xa-health"), incomplete.id(),
				Map.of("legalBasis", "请写明医疗救助依据的具体条款", "useScope", "请说明使用范围是否限于雁塔区"), incomplete.version());
		// approved and delivered
		SharingRequest delivered = file("yt-civil", "社会保险参保信息", "低保对象收入核对");
		delivered = this.desk.approve(provider("sn-hrss"), delivered.id(), 120, delivered.version());
		this.desk.deliver(provider("sn-hrss"), delivered.id(), "api", "接口已开通，限流每分钟120次", delivered.version());
		// approved, delivery pending
		SharingRequest approved = file("xa-hrss", "养老保险待遇领取信息", "养老保险重复领取核查");
		this.desk.approve(provider("sn-hrss"), approved.id(), null, approved.version());
		// refused with reasons, and disputed by the requester
		SharingRequest refused = file("yt-civil", "流动人口居住登记信息", "社会救助对象居住情况核查");
		refused = this.desk.refuse(provider("sn-psb"), refused.id(), "beyond-scope",
				"申请用途超出目录载明的共享范围，流动人口居住信息仅限公安和人社业务使用", null, refused.version());
		this.disputes.open(requester("yt-civil"), refused.id(), "社会救助核查属于依法履职，应在共享范围内", refused.version());
		// granted at once (unconditional) and refused by rule (not shared)
		file("bl-samr", "市场主体登记信息", "市场监管执法主体核验");
		file("xa-hrss", "在逃人员信息", "就业服务对象核验");
		// withdrawn by the requester
		SharingRequest withdrawn = file("bl-samr", "财政供养人员信息", "市场主体登记人员身份核查");
		this.desk.withdraw(requester("bl-samr"), withdrawn.id(), withdrawn.version());
	}

	private SharingRequest file(String agencyKey, String entryName, String useCase) {
		Actor requester = requester(agencyKey);
		UUID entry = this.jdbc.sql("select id from cat_entry where name = ?").param(entryName).query(UUID.class).single();
		UUID system = this.jdbc.sql("select id from reg_system where agency_id = ? order by name limit 1")
			.param(requester.agencyId())
			.query(UUID.class)
			.single();
		List<String> items = this.jdbc.sql("""
				select jsonb_array_elements(r.content -> 'items') ->> 'name' from cat_entry e
				join cat_revision r on r.entry_id = e.id and r.revision = e.published_revision where e.id = ?""")
			.param(entry)
			.query(String.class)
			.list();
		LocalDate today = this.calendar.today();
		return this.desk.file(requester, new RequestInput(entry, system, items.subList(0, Math.min(3, items.size())),
				"《政务数据共享条例》第二十条及相关业务法规", useCase, "本部门业务系统内部使用", "api", today, today.plusYears(1),
				"每日约5000次", null));
	}

	private Actor requester(String key) {
		return staff(key);
	}

	private Actor provider(String key) {
		return staff(key);
	}

	private Actor staff(String key) {
		Agency agency = this.organizations.agencyByCreditCode(DemoOrganization.agency(key).creditCode()).orElseThrow();
		return new Actor(null, "demo-" + key, agency.nameZh(), Actor.Kind.STAFF, agency.id().value(), agency.creditCode(),
				agency.divisionCode(), Set.of(Role.AGENCY_STAFF));
	}
}
