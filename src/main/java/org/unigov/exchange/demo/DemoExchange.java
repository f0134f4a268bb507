package org.unigov.exchange.demo;

import java.io.IOException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import org.unigov.exchange.DataService;
import org.unigov.exchange.DataServiceInput;
import org.unigov.exchange.DataServices;
import org.unigov.exchange.DataServicesChanged;
import org.unigov.exchange.ExchangeClients;
import org.unigov.exchange.internal.ProviderAddresses;
import org.unigov.organization.Agency;
import org.unigov.organization.DemoOrganization;
import org.unigov.organization.OrganizationDirectory;
import org.unigov.sharing.RequestInput;
import org.unigov.sharing.RequestId;
import org.unigov.sharing.SharingDesk;
import org.unigov.sharing.SharingRequest;
import org.unigov.shared.Actor;
import org.unigov.shared.DemoMode;
import org.unigov.shared.Role;

import tools.jackson.databind.json.JsonMapper;

/**
 * The exchange's demo: three provider stubs registered as data services, the demo clients bound
 * to their systems, and grants so that each demo client can call a provider on first start
 * (README: a token, then a call). Runs after the sharing demo; the stubs' base URL follows the
 * port their own loopback listener has in this run.
 */
@Configuration(proxyBeanMethods = false)
class DemoExchange {

	private static final Logger log = LoggerFactory.getLogger(DemoExchange.class);

	static final String STUB_URL = "^http://127\\.0\\.0\\.1:[0-9]+/demo-providers/";

	/** The demo providers' own listener, on loopback; none without the demo. */
	@Bean
	DemoListener demoProviders(DemoMode demo, JsonMapper json, ProviderAddresses addresses,
			@Value("${unigov.demo.providers-port:0}") int port) throws IOException {
		if (!demo.enabled()) {
			return new DemoListener(null);
		}
		DemoProviders providers = new DemoProviders(json, port);
		// the one loopback endpoint the gateway may call without an allowed network
		addresses.allowEndpoint(providers.address());
		return new DemoListener(providers);
	}

	/** Holds the demo providers' listener and stops it with the application. */
	record DemoListener(@Nullable DemoProviders providers) implements AutoCloseable {

		@Override
		public void close() {
			if (this.providers != null) {
				this.providers.close();
			}
		}
	}

	@Bean
	@Order(60)
	ApplicationRunner demoExchangeSeed(DemoMode demo, JdbcClient jdbc, TransactionTemplate transactions,
			DataServices services, ExchangeClients clients, SharingDesk desk, OrganizationDirectory organizations,
			DemoListener listener, ApplicationEventPublisher events, org.unigov.exchange.OpenDataServices open) {
		return (ApplicationArguments args) -> {
			DemoProviders providers = listener.providers();
			if (!demo.enabled() || providers == null) {
				return;
			}
			String base = "http://127.0.0.1:" + providers.address().getPort() + DemoProviders.PREFIX;
			boolean seeded = jdbc.sql("select exists (select 1 from exc_service)").query(Boolean.class).single();
			boolean ready = jdbc.sql("select exists (select 1 from cat_entry where status = 'published')")
				.query(Boolean.class)
				.single();
			if (!seeded && ready) {
				new Seed(jdbc, services, clients, desk, organizations, base, open).run(transactions);
				log.info("Seeded the exchange demo: 4 provider stubs at {} (one an open-data API)", base);
			}
			else if (seeded) {
				List<UUID> moved = jdbc.sql("""
						update exc_service set base_url = regexp_replace(base_url, ?, ?)
						where base_url ~ ? and base_url !~ ? returning id""")
					.params(STUB_URL, base, STUB_URL, "^" + base.replace(".", "\\."))
					.query(UUID.class)
					.list();
				moved.forEach(id -> events.publishEvent(new DataServicesChanged(id, "")));
			}
		};
	}

	private record Seed(JdbcClient jdbc, DataServices services, ExchangeClients clients, SharingDesk desk,
			OrganizationDirectory organizations, String base, org.unigov.exchange.OpenDataServices open) {

		void run(TransactionTemplate transactions) {
			transactions.executeWithoutResult(status -> {
				Actor admin = new Actor(null, "demo-exchange", "Unigov demo", Actor.Kind.SYSTEM, null, null, null,
						Set.of(Role.PLATFORM_ADMIN));
				this.clients.bindExisting(admin, "xa-hrss-social-insurance", system("xa-hrss"),
						"CN-SN/GOV/" + agency("xa-hrss").creditCode() + "/social-insurance");
				this.clients.bindExisting(admin, "yt-civil-assistance", system("yt-civil"), null);
				this.clients.bindExisting(admin, "sn-samr-registration", system("sn-samr"), null);
				register(admin, "sn-psb", "全省户籍人口基础信息", "全省人口基础信息查询", "psb", "/persons", "idNumber",
						Map.of("data.idNumber", "公民身份号码", "data.name", "姓名", "data.sex", "性别", "data.birthDate",
								"出生日期", "data.address.detail", "户籍地址"));
				register(admin, "sn-samr", "市场主体登记信息", "市场主体登记信息查询", "samr", "/enterprises", "creditCode",
						Map.of("creditCode", "统一社会信用代码", "name", "企业名称", "legalRepresentative", "法定代表人",
								"address", "住所", "established", "成立日期"));
				register(admin, "sn-hrss", "社会保险参保信息", "社会保险参保状态查询", "hrss", "/insurance", "idNumber",
						Map.of("idNumber", "公民身份号码", "name", "姓名", "enrolments[].type", "参保险种",
								"enrolments[].status", "参保状态", "enrolments[].since", "参保日期"));
				// open data: anyone calls 公安派出所名录 without a token (docs/exchange.md, "Open data calls")
				DataService stations = register(admin, "sn-psb", "公安派出所名录", "派出所名录开放接口", "psb", "/stations",
						null, Map.of("stations[].name", "派出所名称", "stations[].address", "地址", "stations[].phone", "联系电话"));
				this.open.setOpenApi(admin, stations.id(), true, stations.version());
				// grants: each provider stub has a demo consumer (the sharing demo already granted
				// 社会保险参保信息 to 雁塔区民政局 for 低保对象收入核对)
				grant("yt-civil", "sn-psb", "全省户籍人口基础信息", "社会救助对象身份核验", List.of("公民身份号码", "姓名", "性别", "户籍地址"));
				grant("sn-samr", "sn-psb", "全省户籍人口基础信息", "企业登记法定代表人身份核验", List.of("公民身份号码", "姓名"));
				grant("xa-hrss", "sn-samr", "市场主体登记信息", "就业补贴申领单位核验", List.of("统一社会信用代码", "企业名称", "住所"));
			});
		}

		private DataService register(Actor admin, String agency, String entryName, String name, String stub, String path,
				@Nullable String subject, Map<String, String> fields) {
			UUID entry = this.jdbc.sql("select id from cat_entry where name = ?").param(entryName).query(UUID.class).single();
			return this.services.register(admin, new DataServiceInput(entry, system(agency), name, this.base + stub,
					List.of(new DataService.Operation("GET", path)), fields, subject, 3000, 64));
		}

		private void grant(String consumer, String provider, String entryName, String purpose, List<String> items) {
			Actor requester = staff(consumer);
			UUID entry = this.jdbc.sql("select id from cat_entry where name = ?").param(entryName).query(UUID.class).single();
			LocalDate today = LocalDate.now(org.unigov.exchange.AccessLog.ZONE);
			SharingRequest request = this.desk.file(requester, new RequestInput(entry, system(consumer), items,
					"《政务数据共享条例》第二十条及相关业务法规", purpose, "本部门业务系统内部使用", "api", today, today.plusYears(1),
					"每日约2000次", null));
			if (request.status().code().equals("submitted")) {
				this.desk.approve(staff(provider), RequestId.of(request), 600, request.version());
			}
		}

		private UUID system(String agencyKey) {
			return this.jdbc.sql("select id from reg_system where agency_id = ? order by name limit 1")
				.param(agency(agencyKey).id().value())
				.query(UUID.class)
				.single();
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
}
