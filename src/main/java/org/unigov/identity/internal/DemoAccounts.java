package org.unigov.identity.internal;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.unigov.audit.AuditJournal;
import org.unigov.audit.AuditRecord;
import org.unigov.identity.Account;
import org.unigov.identity.Accounts;
import org.unigov.organization.Agency;
import org.unigov.organization.DemoOrganization;
import org.unigov.organization.OrganizationDirectory;
import org.unigov.shared.Actor;
import org.unigov.shared.DemoMode;
import org.unigov.shared.Role;

/**
 * Demo accounts for every role at province, city and county level (password {@code demo}), one
 * citizen, and OAuth2 clients for demo department systems. Listed in the README; seeded once, when
 * demo mode is on and no account exists.
 */
@Component
@Order(20)
public class DemoAccounts implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(DemoAccounts.class);

	static final String PASSWORD = "demo";

	record DemoAccount(String username, String displayName, String agencyKey, Set<Role> roles) {
	}

	record DemoClient(String clientId, String secret, String name, String agencyKey) {
	}

	static final List<DemoAccount> ACCOUNTS = List.of(
			new DemoAccount("admin", "平台管理员", "sn-data", Set.of(Role.PLATFORM_ADMIN)),
			new DemoAccount("sn-coord", "省统筹 王明", "sn-data", Set.of(Role.COORDINATOR)),
			new DemoAccount("sn-auditor", "省财政 李华", "sn-finance", Set.of(Role.AUDITOR)),
			new DemoAccount("sn-psb-admin", "省公安厅 管理员 赵强", "sn-psb", Set.of(Role.AGENCY_ADMIN)),
			new DemoAccount("sn-psb-staff", "省公安厅 周敏", "sn-psb", Set.of(Role.AGENCY_STAFF)),
			new DemoAccount("xa-coord", "西安市统筹 陈静", "xa-data", Set.of(Role.COORDINATOR)),
			new DemoAccount("xa-auditor", "西安市审计 刘洋", "xa-audit", Set.of(Role.AUDITOR)),
			new DemoAccount("xa-hrss-admin", "西安人社 管理员 孙丽", "xa-hrss", Set.of(Role.AGENCY_ADMIN)),
			new DemoAccount("xa-hrss-staff", "西安人社 吴刚", "xa-hrss", Set.of(Role.AGENCY_STAFF)),
			new DemoAccount("yt-coord", "雁塔区统筹 郑磊", "yt-data", Set.of(Role.COORDINATOR)),
			new DemoAccount("yt-auditor", "雁塔区审计 冯雪", "yt-audit", Set.of(Role.AUDITOR)),
			new DemoAccount("yt-civil-admin", "雁塔民政 管理员 何平", "yt-civil", Set.of(Role.AGENCY_ADMIN)),
			new DemoAccount("yt-civil-staff", "雁塔民政 高峰", "yt-civil", Set.of(Role.AGENCY_STAFF)),
			new DemoAccount("bl-coord", "碑林区统筹 马超", "bl-data", Set.of(Role.COORDINATOR)),
			new DemoAccount("bl-samr-admin", "碑林市场监管 管理员 罗兰", "bl-samr", Set.of(Role.AGENCY_ADMIN)),
			new DemoAccount("bl-samr-staff", "碑林市场监管 谢军", "bl-samr", Set.of(Role.AGENCY_STAFF)),
			new DemoAccount("wy-coord", "未央区统筹 韩梅", "wy-data", Set.of(Role.COORDINATOR)),
			new DemoAccount("bj-coord", "宝鸡市统筹 唐亮", "bj-data", Set.of(Role.COORDINATOR)),
			new DemoAccount("bj-nr-staff", "宝鸡自然资源 许晴", "bj-nr", Set.of(Role.AGENCY_STAFF)),
			new DemoAccount("wb-coord", "渭滨区统筹 邓凯", "wb-data", Set.of(Role.COORDINATOR)));

	static final List<DemoClient> CLIENTS = List.of(
			new DemoClient("xa-hrss-social-insurance", "demo-secret-hrss", "西安市社会保险经办系统", "xa-hrss"),
			new DemoClient("yt-civil-assistance", "demo-secret-civil", "雁塔区社会救助管理系统", "yt-civil"),
			new DemoClient("sn-samr-registration", "demo-secret-samr", "陕西省市场主体登记系统", "sn-samr"));

	/** A public app using authorization code with PKCE (no secret). */
	public static final String DEMO_APP = "unigov-demo-app";

	public static final String DEMO_APP_REDIRECT = "http://127.0.0.1:8765/callback";

	private final DemoMode demo;

	private final Accounts accounts;

	private final OrganizationDirectory directory;

	private final PasswordEncoder passwords;

	private final RegisteredClientRepository clients;

	private final AuditJournal journal;

	private final TransactionTemplate transactions;

	DemoAccounts(DemoMode demo, Accounts accounts, OrganizationDirectory directory, PasswordEncoder passwords,
			RegisteredClientRepository clients, AuditJournal journal, TransactionTemplate transactions) {
		this.demo = demo;
		this.accounts = accounts;
		this.directory = directory;
		this.passwords = passwords;
		this.clients = clients;
		this.journal = journal;
		this.transactions = transactions;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (!this.demo.enabled() || this.accounts.count() > 0) {
			return;
		}
		String hash = this.passwords.encode(PASSWORD);
		this.transactions.executeWithoutResult(status -> {
			for (DemoAccount demoAccount : ACCOUNTS) {
				Agency agency = agency(demoAccount.agencyKey());
				UUID id = UUID.randomUUID();
				this.accounts.insert(id, demoAccount.username(), demoAccount.displayName(), Account.Kind.STAFF,
						agency.id().value(), demoAccount.roles(), hash);
				this.journal.append(Actor.SYSTEM, AuditRecord.of("staff.created", "account", id, agency.divisionCode(),
						Map.of("username", demoAccount.username(), "agency", agency.creditCode(), "roles",
								demoAccount.roles().stream().map(Role::name).sorted().toList(), "demo", true)));
			}
			UUID citizen = UUID.randomUUID();
			this.accounts.insert(citizen, "citizen", "张三", Account.Kind.CITIZEN, null, Set.of(Role.CITIZEN), hash);
			this.journal.append(Actor.SYSTEM, AuditRecord.of("citizen.registered", "account", citizen, "610000",
					Map.of("username", "citizen", "demo", true)));
			for (DemoClient client : CLIENTS) {
				Agency agency = agency(client.agencyKey());
				this.clients.save(RegisteredClient.withId(UUID.randomUUID().toString())
					.clientId(client.clientId())
					.clientSecret(this.passwords.encode(client.secret()))
					.clientName(client.name())
					.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
					.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
					.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
					.scope("exchange")
					.clientSettings(ClientSettings.builder().setting("unigov.agency-id", agency.id().toString()).build())
					.tokenSettings(TokenSettings.builder().accessTokenTimeToLive(Duration.ofMinutes(30)).build())
					.build());
				this.journal.append(Actor.SYSTEM, AuditRecord.of("client.registered", "oauth2-client", client.clientId(),
						agency.divisionCode(), Map.of("agency", agency.creditCode(), "grant", "client_credentials",
								"demo", true)));
			}
			this.clients.save(RegisteredClient.withId(UUID.randomUUID().toString())
				.clientId(DEMO_APP)
				.clientName("Unigov 演示应用")
				.clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
				.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
				.authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
				.redirectUri(DEMO_APP_REDIRECT)
				.scope(OidcScopes.OPENID)
				.scope(OidcScopes.PROFILE)
				.clientSettings(ClientSettings.builder().requireProofKey(true).requireAuthorizationConsent(false).build())
				.build());
			this.journal.append(Actor.SYSTEM, AuditRecord.of("client.registered", "oauth2-client", DEMO_APP, "610000",
					Map.of("grant", "authorization_code+pkce", "demo", true)));
		});
		log.info("Seeded demo accounts: {} staff, 1 citizen, {} department-system clients, 1 app", ACCOUNTS.size(),
				CLIENTS.size());
	}

	private Agency agency(String key) {
		return this.directory.agencyByCreditCode(DemoOrganization.agency(key).creditCode()).orElseThrow();
	}
}
