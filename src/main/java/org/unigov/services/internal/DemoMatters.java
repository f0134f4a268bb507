package org.unigov.services.internal;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.unigov.catalog.Catalog;
import org.unigov.catalog.CatalogEntry;
import org.unigov.catalog.EntryNames;
import org.unigov.organization.Agency;
import org.unigov.organization.DemoOrganization;
import org.unigov.organization.OrganizationDirectory;
import org.unigov.shared.Actor;
import org.unigov.shared.DemoMode;
import org.unigov.shared.Role;

/**
 * The demo's service matters, published by their agencies' admins through {@link MatterDesk}:
 * 城乡居民养老保险参保登记 (Xi'an human resources), 最低生活保障申请 (Yanta civil affairs) and
 * 个体工商户登记 (Beilin market regulation), their fields bound to the demo catalog's entries where
 * the data exists. Seeded once, after the catalog.
 */
@Component
@Order(55)
class DemoMatters implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(DemoMatters.class);

	/** Reads every matter, drafts included, to see whether the demo was seeded. */
	private static final Actor ADMIN = new Actor(null, "demo", "Unigov", Actor.Kind.STAFF, null, null, null,
			Set.of(Role.PLATFORM_ADMIN));

	private static final String POPULATION = "全省户籍人口基础信息";

	private final DemoMode demo;

	private final MatterDesk desk;

	private final Catalog catalog;

	private final EntryNames entryNames;

	private final OrganizationDirectory organizations;

	private final TransactionTemplate transactions;

	DemoMatters(DemoMode demo, MatterDesk desk, Catalog catalog, EntryNames entryNames,
			OrganizationDirectory organizations, TransactionTemplate transactions) {
		this.demo = demo;
		this.desk = desk;
		this.catalog = catalog;
		this.entryNames = entryNames;
		this.organizations = organizations;
		this.transactions = transactions;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (!this.demo.enabled() || !this.entryNames.anyPublished()
				|| !this.desk.find(ADMIN, null, null, null, null, PageRequest.of(0, 1)).isEmpty()) {
			return;
		}
		this.transactions.executeWithoutResult(status -> seed());
		log.info("Seeded demo service matters");
	}

	private void seed() {
		String population = code(POPULATION);
		publish("xa-hrss", new MatterInput("城乡居民养老保险参保登记", "Enrolment in the urban and rural residents' pension",
				"年满16周岁、不在校、未参加职工基本养老保险的城乡居民在户籍地办理参保登记。",
				"《中华人民共和国社会保险法》第二十条至第二十二条；《国务院关于建立统一的城乡居民基本养老保险制度的意见》",
				5, Applicant.CITIZEN, List.of(LifeEvent.SOCIAL_SECURITY, LifeEvent.RETIREMENT), null,
				List.of(bound("公民身份号码", FieldType.ID_NUMBER, population, "公民身份号码"),
						bound("姓名", FieldType.TEXT, population, "姓名"),
						bound("出生日期", FieldType.DATE, population, "出生日期"),
						bound("户籍地址", FieldType.TEXT, population, "户籍地址"),
						bound("参保状态", FieldType.TEXT, code("社会保险参保信息"), "参保状态"),
						typed("缴费档次（元/年）", FieldType.NUMBER), typed("联系电话", FieldType.PHONE)),
				List.of(new Matter.Material("居民身份证", true, true), new Matter.Material("户口簿", true, true))));
		publish("yt-civil", new MatterInput("最低生活保障申请", "Minimum living allowance (dibao)",
				"家庭人均收入低于当地最低生活保障标准且符合财产状况规定的家庭，向户籍所在地街道办事处或乡镇人民政府申请。",
				"《社会救助暂行办法》第九条至第十一条；《陕西省最低生活保障工作规程》", 20, Applicant.CITIZEN,
				List.of(LifeEvent.HARDSHIP), null,
				List.of(bound("申请人公民身份号码", FieldType.ID_NUMBER, population, "公民身份号码"),
						bound("申请人姓名", FieldType.TEXT, population, "姓名"),
						bound("户籍地址", FieldType.TEXT, population, "户籍地址"),
						bound("社会保险参保状态", FieldType.TEXT, code("社会保险参保信息"), "参保状态"),
						typed("家庭人口数", FieldType.NUMBER), typed("家庭月总收入（元）", FieldType.NUMBER),
						typed("联系电话", FieldType.PHONE)),
				List.of(new Matter.Material("居民身份证", true, true), new Matter.Material("户口簿", true, true),
						new Matter.Material("家庭收入证明", true, false), new Matter.Material("残疾人证（如有）", false, true))));
		publish("bl-samr", new MatterInput("个体工商户登记", "Registering an individual business",
				"从事工商业经营的自然人或者家庭申请登记为个体工商户，领取营业执照。",
				"《促进个体工商户发展条例》；《中华人民共和国市场主体登记管理条例》第三条", 3, Applicant.CITIZEN,
				List.of(LifeEvent.BUSINESS_START, LifeEvent.EMPLOYMENT), null,
				List.of(bound("经营者公民身份号码", FieldType.ID_NUMBER, population, "公民身份号码"),
						bound("经营者姓名", FieldType.TEXT, population, "姓名"),
						typed("个体工商户名称", FieldType.TEXT), typed("经营场所", FieldType.TEXT),
						typed("经营范围", FieldType.TEXT), typed("联系电话", FieldType.PHONE)),
				List.of(new Matter.Material("经营者身份证明", true, true), new Matter.Material("经营场所使用证明", true, false))));
	}

	private void publish(String agencyKey, MatterInput input) {
		Matter draft = this.desk.create(staff(agencyKey, Role.AGENCY_STAFF), input);
		this.desk.publish(staff(agencyKey, Role.AGENCY_ADMIN), draft.id(), draft.version());
	}

	private Actor staff(String key, Role role) {
		Agency agency = this.organizations.agencyByCreditCode(DemoOrganization.agency(key).creditCode()).orElseThrow();
		return new Actor(null, "demo-" + key, agency.nameZh(), Actor.Kind.STAFF, agency.id().value(), agency.creditCode(),
				agency.divisionCode(), Set.of(role));
	}

	private @Nullable String code(String entryName) {
		Map<String, String> codes = this.catalog.get(this.entryNames.idsByName(entryName))
			.stream()
			.filter(CatalogEntry::isPublished)
			.collect(Collectors.toMap(CatalogEntry::code, CatalogEntry::code, (a, b) -> a));
		return codes.keySet().stream().sorted().findFirst().orElse(null);
	}

	private static Matter.Field bound(String label, FieldType type, @Nullable String entryCode, String item) {
		return new Matter.Field(label, null, type, true, entryCode, entryCode == null ? null : item);
	}

	private static Matter.Field typed(String label, FieldType type) {
		return new Matter.Field(label, null, type, true, null, null);
	}
}
