package org.unigov.exchange.demo;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Sort;
import org.springframework.transaction.support.TransactionTemplate;
import org.unigov.catalog.EntryNames;
import org.unigov.exchange.DataService;
import org.unigov.exchange.internal.DataServiceInput;
import org.unigov.exchange.internal.ExchangeClients;
import org.unigov.exchange.internal.OpenDataServices;
import org.unigov.exchange.internal.ServiceRegistration;
import org.unigov.organization.Agency;
import org.unigov.organization.DemoOrganization;
import org.unigov.organization.OrganizationDirectory;
import org.unigov.registry.RegisteredSystem;
import org.unigov.registry.SystemRegistry;
import org.unigov.shared.Actor;
import org.unigov.shared.ChinaTime;
import org.unigov.shared.Role;
import org.unigov.sharing.RequestId;
import org.unigov.sharing.RequestInput;
import org.unigov.sharing.SharingDesk;
import org.unigov.sharing.SharingRequest;

/**
 * Seeds the exchange's demo once: the demo clients bound to their systems, four provider stubs
 * registered as data services (one an open API), and a grant for each stub's demo consumer.
 * Reads the catalog, registry and organization through their APIs.
 */
final class ExchangeDemoSeed {

	private final ServiceRegistration services;

	private final ExchangeClients clients;

	private final SharingDesk desk;

	private final OrganizationDirectory organizations;

	private final EntryNames entries;

	private final SystemRegistry registry;

	private final Clock clock;

	private final String base;

	private final OpenDataServices open;

	private final Actor admin = new Actor(null, "demo-exchange", "Unigov demo", Actor.Kind.SYSTEM, null, null, null,
			Set.of(Role.PLATFORM_ADMIN));

	ExchangeDemoSeed(ServiceRegistration services, ExchangeClients clients, SharingDesk desk,
			OrganizationDirectory organizations, EntryNames entries, SystemRegistry registry, Clock clock, String base,
			OpenDataServices open) {
		this.services = services;
		this.clients = clients;
		this.desk = desk;
		this.organizations = organizations;
		this.entries = entries;
		this.registry = registry;
		this.clock = clock;
		this.base = base;
		this.open = open;
	}

	void run(TransactionTemplate transactions) {
		transactions.executeWithoutResult(status -> {
			bindClients();
			registerServices();
			// grants: each provider stub has a demo consumer (the sharing demo already granted
			// 社会保险参保信息 to 雁塔区民政局 for 低保对象收入核对)
			grant("yt-civil", "sn-psb", "全省户籍人口基础信息", "社会救助对象身份核验", List.of("公民身份号码", "姓名", "性别", "户籍地址"));
			grant("sn-samr", "sn-psb", "全省户籍人口基础信息", "企业登记法定代表人身份核验", List.of("公民身份号码", "姓名"));
			grant("xa-hrss", "sn-samr", "市场主体登记信息", "就业补贴申领单位核验", List.of("统一社会信用代码", "企业名称", "住所"));
		});
	}

	private void bindClients() {
		this.clients.bindExisting(this.admin, "xa-hrss-social-insurance", system("xa-hrss"),
				"CN-SN/GOV/" + agency("xa-hrss").creditCode() + "/social-insurance");
		this.clients.bindExisting(this.admin, "yt-civil-assistance", system("yt-civil"), null);
		this.clients.bindExisting(this.admin, "sn-samr-registration", system("sn-samr"), null);
	}

	private void registerServices() {
		register("sn-psb", "全省户籍人口基础信息", "全省人口基础信息查询", "psb", "/persons", "idNumber",
				Map.of("data.idNumber", "公民身份号码", "data.name", "姓名", "data.sex", "性别", "data.birthDate", "出生日期",
						"data.address.detail", "户籍地址"));
		register("sn-samr", "市场主体登记信息", "市场主体登记信息查询", "samr", "/enterprises", "creditCode",
				Map.of("creditCode", "统一社会信用代码", "name", "企业名称", "legalRepresentative", "法定代表人", "address", "住所",
						"established", "成立日期"));
		register("sn-hrss", "社会保险参保信息", "社会保险参保状态查询", "hrss", "/insurance", "idNumber",
				Map.of("idNumber", "公民身份号码", "name", "姓名", "enrolments[].type", "参保险种", "enrolments[].status", "参保状态",
						"enrolments[].since", "参保日期"));
		// open data: anyone calls 公安派出所名录 without a token (docs/exchange.md, "Open data calls")
		DataService stations = register("sn-psb", "公安派出所名录", "派出所名录开放接口", "psb", "/stations", null,
				Map.of("stations[].name", "派出所名称", "stations[].address", "地址", "stations[].phone", "联系电话"));
		this.open.setOpenApi(this.admin, stations.id(), true, stations.version());
	}

	private DataService register(String agency, String entryName, String name, String stub, String path,
			@Nullable String subject, Map<String, String> fields) {
		return this.services.register(this.admin, new DataServiceInput(entry(entryName), system(agency), name,
				this.base + stub, List.of(new DataService.Operation("GET", path)), fields, subject, 3000, 64));
	}

	private void grant(String consumer, String provider, String entryName, String purpose, List<String> items) {
		Actor requester = staff(consumer);
		LocalDate today = LocalDate.now(this.clock.withZone(ChinaTime.ZONE));
		SharingRequest request = this.desk.file(requester, new RequestInput(entry(entryName), system(consumer), items,
				"《政务数据共享条例》第二十条及相关业务法规", purpose, "本部门业务系统内部使用", "api", today, today.plusYears(1),
				"每日约2000次", null));
		if (request.status().code().equals("submitted")) {
			this.desk.approve(staff(provider), RequestId.of(request), 600, request.version());
		}
	}

	private UUID entry(String name) {
		List<UUID> ids = this.entries.idsByName(name);
		if (ids.size() != 1) {
			throw new IllegalStateException("The demo catalog has " + ids.size() + " entries named " + name);
		}
		return ids.get(0);
	}

	/** The agency's first system by name. */
	private UUID system(String agencyKey) {
		SystemRegistry.SystemFilter filter = new SystemRegistry.SystemFilter(null, agency(agencyKey).id().value(), null,
				null, null, null, null);
		return this.registry.findAll(this.admin, filter, Sort.by("name"))
			.stream()
			.min(Comparator.comparing(RegisteredSystem::name))
			.orElseThrow()
			.id();
	}

	private Agency agency(String key) {
		return this.organizations.agencyByCreditCode(DemoOrganization.agency(key).creditCode()).orElseThrow();
	}

	private Actor staff(String key) {
		Agency agency = agency(key);
		return new Actor(null, "demo-" + key, agency.nameZh(), Actor.Kind.STAFF, agency.id().value(),
				agency.creditCode(), agency.divisionCode(), Set.of(Role.AGENCY_STAFF));
	}
}
