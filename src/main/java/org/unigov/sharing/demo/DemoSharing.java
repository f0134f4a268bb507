package org.unigov.sharing.demo;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.unigov.calendar.WorkingCalendar;
import org.unigov.catalog.Catalog.EntryFilter;
import org.unigov.catalog.Catalog;
import org.unigov.catalog.CatalogEntry;
import org.unigov.organization.Agency;
import org.unigov.organization.DemoOrganization;
import org.unigov.organization.OrganizationDirectory;
import org.unigov.registry.RegisteredSystem;
import org.unigov.registry.SystemRegistry.SystemFilter;
import org.unigov.registry.SystemRegistry;
import org.unigov.shared.Actor;
import org.unigov.shared.DemoMode;
import org.unigov.shared.Role;
import org.unigov.sharing.RequestInput;
import org.unigov.sharing.SharingRequest;
import org.unigov.sharing.internal.DeadlineClock;
import org.unigov.sharing.internal.DisputeProcedure;
import org.unigov.sharing.internal.ProviderReply;
import org.unigov.sharing.internal.RequestFiling;
import org.unigov.sharing.internal.Requests;

/**
 * Seeds demo sharing requests in every state — awaiting a reply, overdue and escalated,
 * incomplete, approved and delivered, approved awaiting delivery, refused with reasons and
 * disputed, refused by rule, granted at once, withdrawn — through the sharing desk itself.
 */
@Component
@Order(50)
class DemoSharing implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(DemoSharing.class);

	/** Sees the whole catalog, to tell whether there is one to request from. */
	private static final Actor ADMIN = new Actor(null, "demo", "Unigov", Actor.Kind.SYSTEM, null, null, null,
			Set.of(Role.PLATFORM_ADMIN));

	private final DemoMode demo;

	private final Requests requests;

	private final RequestFiling filing;

	private final ProviderReply replies;

	private final DeadlineClock clock;

	private final Catalog catalog;

	private final SystemRegistry registry;

	private final DisputeProcedure disputes;

	private final OrganizationDirectory organizations;

	private final WorkingCalendar calendar;

	private final TransactionTemplate transactions;

	DemoSharing(DemoMode demo, Requests requests, RequestFiling filing, ProviderReply replies, DeadlineClock clock,
			Catalog catalog, SystemRegistry registry, DisputeProcedure disputes, OrganizationDirectory organizations,
			WorkingCalendar calendar, TransactionTemplate transactions) {
		this.demo = demo;
		this.requests = requests;
		this.filing = filing;
		this.replies = replies;
		this.clock = clock;
		this.catalog = catalog;
		this.registry = registry;
		this.disputes = disputes;
		this.organizations = organizations;
		this.calendar = calendar;
		this.transactions = transactions;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (!this.demo.enabled() || this.requests.any()
				|| this.catalog.find(ADMIN, new EntryFilter(null, null, null, false, false), PageRequest.of(0, 1)).isEmpty()) {
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
		this.requests.backdate(late.id(), filed, 25);
		this.clock.recomputeDeadlines();
		this.clock.escalateOverdue();
		// incomplete: one notice listing what is missing
		SharingRequest incomplete = file("yt-civil", "西安市预防接种信息", "困难群众医疗救助对象核对");
		this.replies.noticeIncomplete(provider("xa-health"), incomplete.id(),
				Map.of("legalBasis", "请写明医疗救助依据的具体条款", "useScope", "请说明使用范围是否限于雁塔区"), incomplete.version());
		// approved and delivered
		SharingRequest delivered = file("yt-civil", "社会保险参保信息", "低保对象收入核对");
		delivered = this.replies.approve(provider("sn-hrss"), delivered.id(), 120, delivered.version());
		this.replies.deliver(provider("sn-hrss"), delivered.id(), "api", "接口已开通，限流每分钟120次", delivered.version());
		// approved, delivery pending
		SharingRequest approved = file("xa-hrss", "养老保险待遇领取信息", "养老保险重复领取核查");
		this.replies.approve(provider("sn-hrss"), approved.id(), null, approved.version());
		// refused with reasons, and disputed by the requester
		SharingRequest refused = file("yt-civil", "流动人口居住登记信息", "社会救助对象居住情况核查");
		refused = this.replies.refuse(provider("sn-psb"), refused.id(), "beyond-scope",
				"申请用途超出目录载明的共享范围，流动人口居住信息仅限公安和人社业务使用", null, refused.version());
		this.disputes.open(requester("yt-civil"), refused.id(), "社会救助核查属于依法履职，应在共享范围内", refused.version());
		// granted at once (unconditional) and refused by rule (not shared)
		file("bl-samr", "市场主体登记信息", "市场监管执法主体核验");
		file("xa-hrss", "在逃人员信息", "就业服务对象核验");
		// withdrawn by the requester
		SharingRequest withdrawn = file("bl-samr", "财政供养人员信息", "市场主体登记人员身份核查");
		this.filing.withdraw(requester("bl-samr"), withdrawn.id(), withdrawn.version());
	}

	private SharingRequest file(String agencyKey, String entryName, String useCase) {
		Actor requester = requester(agencyKey);
		CatalogEntry entry = this.catalog
			.find(requester, new EntryFilter(null, null, entryName, false, false), PageRequest.of(0, 50))
			.stream()
			.filter(e -> e.content().name().equals(entryName))
			.findFirst()
			.orElseThrow();
		UUID system = this.registry
			.findAll(requester, new SystemFilter(null, requester.agencyId(), null, null, null, null, null), Sort.unsorted())
			.stream()
			.filter(s -> s.agencyId().equals(requester.agencyId()))
			.min(Comparator.comparing(RegisteredSystem::name))
			.orElseThrow()
			.id();
		List<String> items = entry.content().itemNames();
		LocalDate today = this.calendar.today();
		return this.filing.file(requester, new RequestInput(entry.id(), system, items.subList(0, Math.min(3, items.size())),
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
