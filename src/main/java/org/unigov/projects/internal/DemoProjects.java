package org.unigov.projects.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
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
import org.unigov.catalog.Catalog;
import org.unigov.catalog.EntryStatus;
import org.unigov.organization.Agency;
import org.unigov.organization.DemoOrganization;
import org.unigov.organization.OrganizationDirectory;
import org.unigov.registry.RegisteredSystem;
import org.unigov.registry.SystemRegistry.SystemFilter;
import org.unigov.registry.SystemRegistry;
import org.unigov.shared.Actor;
import org.unigov.shared.DemoMode;
import org.unigov.shared.Role;

/**
 * Seeds a dozen demo projects in every state, through the services themselves: drafts (one failing
 * the duplicate gate against the demo registry), in review at each level (one overdue), returned
 * for revision, rejected, approved at the first stage and moved on, approved with milestones and
 * spending, an O&M project with its delivered system, withdrawn.
 */
@Component
@Order(70)
class DemoProjects implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(DemoProjects.class);

	private final DemoMode demo;

	private final Proposals proposals;

	private final ReviewSteps reviewSteps;

	private final Projects projects;

	private final ProposalDrafting drafting;

	private final ReviewDesk reviews;

	private final ProjectExecution execution;

	private final OrganizationDirectory organizations;

	private final WorkingCalendar calendar;

	private final TransactionTemplate transactions;

	private final SystemRegistry registry;

	private final Catalog catalog;

	/** Who reads the registry and the catalog for the seeder: everything, nothing written. */
	private static final Actor ADMIN = new Actor(null, "demo", "Unigov", Actor.Kind.SYSTEM, null, null, null,
			Set.of(Role.PLATFORM_ADMIN));

	private static final SystemFilter NO_SYSTEM_FILTER = new SystemFilter(null, null, null, null, null, null, null);

	private static final Catalog.EntryFilter PUBLISHED = new Catalog.EntryFilter(null, EntryStatus.PUBLISHED, null, false,
			false);

	DemoProjects(DemoMode demo, Proposals proposals, ReviewSteps reviewSteps, Projects projects, ProposalDrafting drafting,
			ReviewDesk reviews, ProjectExecution execution, OrganizationDirectory organizations,
			WorkingCalendar calendar, TransactionTemplate transactions, SystemRegistry registry, Catalog catalog) {
		this.demo = demo;
		this.proposals = proposals;
		this.reviewSteps = reviewSteps;
		this.projects = projects;
		this.drafting = drafting;
		this.reviews = reviews;
		this.execution = execution;
		this.organizations = organizations;
		this.calendar = calendar;
		this.transactions = transactions;
		this.registry = registry;
		this.catalog = catalog;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (!this.demo.enabled() || this.proposals.any()
				|| !this.registry.find(ADMIN, NO_SYSTEM_FILTER, PageRequest.of(0, 1)).hasContent()
				|| !this.catalog.find(ADMIN, PUBLISHED, PageRequest.of(0, 1)).hasContent()) {
			return;
		}
		this.transactions.executeWithoutResult(status -> seed());
		log.info("Seeded demo projects");
	}

	private void seed() {
		LocalDate today = this.calendar.today();
		seedDrafts();
		seedInReview(today);
		seedDecided();
		seedUnderWay(today);
	}

	/** Two drafts, one failing the duplicate gate, one passing its gates. */
	private void seedDrafts() {
		// a draft failing the duplicate gate: the district already runs a smart elderly-care platform
		create("yt-civil", "雁塔区居家养老服务管理平台", "整合辖区养老机构和居家养老服务资源，提供老年人信息管理、服务派单和助餐补贴核算。",
				"new-system", "urgent", List.of("elderly-care", "smart-community"), 360_000_000L, 40_000_000L,
				target("monthly-active-users", "平台月活跃老年用户", 0, 3000), null);
		// a draft passing its gates
		create("bj-nr", "宝鸡市国土空间规划实施监测系统", "对国土空间规划实施情况开展年度体检评估和动态监测预警。", "new-system", "standard",
				List.of("natural-resources", "gis-spatial"), 280_000_000L, 30_000_000L,
				target("exchange-calls-served", "规划监测数据月调用量", 0, 2000), null);
	}

	/** Three proposals in review at the county, the province (overdue) and the city. */
	private void seedInReview(LocalDate today) {
		// in review at the county, obtaining catalog data through sharing
		Project assistance = create("yt-civil", "雁塔区社会救助家庭经济状况核对系统升级", "升级救助家庭经济状况核对功能，通过共享获取社保、公积金等数据，减少群众提交证明材料。",
				"upgrade", "urgent", List.of("social-assistance"), 85_000_000L, 10_000_000L,
				target("materials-avoided", "救助申请免提交证明材料数", 2, 9), system("yt-civil", "雁塔区社会救助信息管理系统"),
				"在现有社会救助信息管理系统上升级，不新建系统。");
		submit("yt-civil", assistance);
		// in review at the province, its step overdue
		Project certification = create("sn-hrss", "陕西省社会保险待遇资格认证系统", "建设全省统一的社会保险待遇领取资格认证系统，通过数据比对实现静默认证。",
				"new-system", "urgent", List.of("social-insurance"), 700_000_000L, 100_000_000L,
				target("exchange-calls-made", "资格比对月调用量", 0, 500000), null,
				"社会保险经办管理信息系统不含资格认证功能，本系统通过接口与其对接，不重复建设经办功能。");
		certification = submit("sn-hrss", certification);
		this.reviewSteps.setPendingDue(certification.id(), today.minusDays(3));
		// in review at the city, already in the approved plan
		Project interfaces = create("xa-hrss", "西安市人社业务数据共享接口改造", "改造人社业务系统数据接口，按目录向各部门提供就业、社保数据共享服务。",
				"upgrade", "in-plan", List.of("employment-service"), 150_000_000L, 20_000_000L,
				target("exchange-calls-served", "人社数据服务月调用量", 0, 100000), system("xa-hrss", "西安市技能人才评价服务系统"),
				"只改造现有系统的数据接口，不新增业务功能。");
		submit("xa-hrss", interfaces);
	}

	/** Decided ones: returned for revision, rejected, and a first stage approved. */
	private void seedDecided() {
		// returned for revision by the city
		Project trainee = create("xa-hrss", "西安市就业见习管理系统", "管理就业见习基地、见习岗位和见习人员，实现见习补贴网上申领。",
				"new-system", "urgent", List.of("employment-service"), 95_000_000L, 10_000_000L,
				target("service-applications", "见习补贴网上申领量", 0, 1500), null,
				"公共就业服务信息平台由省级建设，暂不支持市级见习补贴业务。");
		trainee = submit("xa-hrss", trainee);
		trainee = decide("xa-data", Role.COORDINATOR, trainee, ReviewDesk.Decision.RETURN,
				"请说明与西安市公共就业服务信息平台的关系，优先在其基础上扩展见习模块。");
		// rejected: a second video platform next to the existing one
		Project video = create("xa-psb", "西安市公安视频图像解析平台", "汇聚全市视频监控资源，开展视频图像结构化解析和以图搜图。",
				"new-system", "urgent", List.of("video-aggregation"), 90_000_000L, 9_000_000L,
				target("exchange-calls-served", "视频解析服务月调用量", 0, 20000), null, "在雪亮工程平台基础上扩展解析能力不可行，需独立建设。");
		video = submit("xa-psb", video);
		decide("xa-data", Role.COORDINATOR, video, ReviewDesk.Decision.REJECT,
				"与西安市雪亮工程视频汇聚平台重复建设，应在现有平台上扩展，不予批准。");
		// the first stage approved: the project moved on to its feasibility study
		Project hospital = create("xa-health", "西安市互联网医院监管平台", "对全市互联网医院诊疗行为、处方流转和医保结算开展在线监管。",
				"new-system", "standard", List.of("health-records", "supervision-enforcement"), 60_000_000L, 8_000_000L,
				target("exchange-calls-made", "监管数据月调用量", 0, 30000), null, "现有全民健康信息平台不具备在线监管能力，本项目与其对接获取数据。");
		hospital = submit("xa-health", hospital);
		hospital = decide("xa-data", Role.COORDINATOR, hospital, ReviewDesk.Decision.APPROVE, null);
		decide("xa-audit", Role.AUDITOR, hospital, ReviewDesk.Decision.APPROVE, null);
	}

	/** Approved ones under way (one late and over budget, one O&M delivered) and one withdrawn. */
	private void seedUnderWay(LocalDate today) {
		// approved, with milestones and spending: running late and over
		Project meals = create("yt-civil", "雁塔区社区助餐点服务系统", "为社区助餐点提供老年人就餐登记和服务评价，按月生成补贴报表。",
				"new-system", "urgent", List.of("smart-community"), 48_000_000L, 6_000_000L,
				target("service-applications", "助餐服务网上登记量", 0, 6000), null, "智慧养老服务平台不含助餐点管理，本系统与其对接老年人信息。");
		meals = submit("yt-civil", meals);
		meals = decide("yt-data", Role.COORDINATOR, meals, ReviewDesk.Decision.APPROVE, "同意建设。");
		meals = decide("yt-audit", Role.AUDITOR, meals, ReviewDesk.Decision.APPROVE, "预算合理。");
		this.execution.planMilestones(staff("yt-civil"), meals.id(), List.of(
				new ProjectExecution.MilestoneInput("需求调研与设计", today.minusDays(90), today.minusDays(70), 30),
				new ProjectExecution.MilestoneInput("系统开发与测试", today.minusDays(20), null, 40),
				new ProjectExecution.MilestoneInput("试运行与上线", today.plusDays(40), null, 30)), meals.version());
		this.execution.recordSpend(staff("yt-civil"), meals.id(), today.minusDays(60), "build", 18_000_000L, "首期合同款");
		this.execution.recordSpend(staff("yt-civil"), meals.id(), today.minusDays(10), "build", 9_500_000L, "第二期合同款");
		// an O&M project, approved, its system delivered
		Project om = create("sn-psb", "陕西省公安人口管理信息系统年度运维", "保障人口管理信息系统稳定运行，开展数据质量治理和安全加固。", "om",
				"urgent", List.of(), 0, 320_000_000L, target("exchange-calls-served", "人口数据服务月调用量", 100000, 150000),
				system("sn-psb", "陕西省公安人口管理信息系统"));
		om = submit("sn-psb", om);
		om = decide("sn-data", Role.COORDINATOR, om, ReviewDesk.Decision.APPROVE, null);
		om = decide("sn-finance", Role.AUDITOR, om, ReviewDesk.Decision.APPROVE, null);
		this.execution.deliver(staff("sn-psb"), om.id(), om.targetSystemId(), today.minusYears(3), om.version());
		// withdrawn by its agency
		Project withdrawn = create("yt-civil", "雁塔区救助资金发放监管系统", "对救助资金发放开展监管。", "new-system", "urgent",
				List.of("social-assistance", "budget-finance"), 30_000_000L, 3_000_000L,
				target("service-applications", "救助资金网上申领量", 0, 500), null, "与社会救助信息管理系统的资金模块分工不同。");
		this.drafting.withdraw(staff("yt-civil"), withdrawn.id(), withdrawn.version());
		// in review at the county, above the city threshold: the route goes on to the city
		Project grid = create("yt-civil", "雁塔区社区网格服务移动端", "为网格员和居民提供事件上报、服务预约的移动端应用。", "upgrade", "urgent",
				List.of("grid-management", "mobile-service"), 120_000_000L, 15_000_000L,
				target("monthly-active-users", "移动端月活跃用户", 0, 20000), system("yt-civil", "雁塔区网格化社会治理服务平台"),
				"移动端接入省一体化政务服务平台的统一入口，只开发网格业务页面。");
		submit("yt-civil", grid);
	}

	private ProjectInput.Target target(String indicator, String name, long baseline, long target) {
		return new ProjectInput.Target(indicator, name, "", BigDecimal.valueOf(baseline), BigDecimal.valueOf(target),
				this.calendar.today().plusYears(2));
	}

	private Project create(String agency, String name, String summary, String type, String path, List<String> capabilities,
			long buildFen, long omFen, ProjectInput.Target target, @Nullable UUID targetSystem) {
		return create(agency, name, summary, type, path, capabilities, buildFen, omFen, target, targetSystem, null);
	}

	private Project create(String agency, String name, String summary, String type, String path, List<String> capabilities,
			long buildFen, long omFen, ProjectInput.Target target, @Nullable UUID targetSystem,
			@Nullable String justification) {
		int year = this.calendar.today().getYear() + 1;
		Agency a = agency(agency);
		String source = a.divisionCode().endsWith("0000") ? "provincial-fiscal"
				: a.divisionCode().endsWith("00") ? "municipal-fiscal" : "county-fiscal";
		List<ProjectInput.BudgetLine> lines = new ArrayList<>();
		if (buildFen > 0) {
			lines.add(new ProjectInput.BudgetLine("build", year, source, buildFen, ""));
		}
		if (omFen > 0) {
			lines.add(new ProjectInput.BudgetLine("om", year + 1, source, omFen, ""));
		}
		ProjectInput input = new ProjectInput(name, summary, null, type, path,
				"in-plan".equals(path) ? "市政办发〔" + (year - 1) + "〕18号 数字政府建设三年行动计划" : null,
				"urgent".equals(path) ? "纳入本年度民生实事，须年内建成。" : null, targetSystem, capabilities, false,
				"unified-identity", null, justification, List.of(),
				List.of(new ProjectInput.Publication(name.replaceAll("(系统|平台|升级|改造|年度运维|移动端)+$", "") + "业务数据", "")),
				List.of(), List.of(), lines, List.of(target));
		return this.drafting.create(staff(agency), input);
	}

	private Project submit(String agency, Project project) {
		return this.reviews.submit(staff(agency), project.id(), project.version()).project();
	}

	private Project decide(String agency, Role role, Project project, ReviewDesk.Decision decision,
			@Nullable String comment) {
		Agency a = agency(agency);
		Actor reviewer = new Actor(null, "demo-" + agency, a.nameZh(), Actor.Kind.STAFF, a.id().value(), a.creditCode(),
				a.divisionCode(), Set.of(role));
		Project current = this.projects.get(project.id()).orElseThrow();
		return this.reviews.decide(reviewer, project.id(), decision, comment, current.version());
	}

	private @Nullable UUID system(String agency, String name) {
		SystemFilter filter = new SystemFilter(null, agency(agency).id().value(), null, null, null, name, null);
		return this.registry.findAll(ADMIN, filter, Sort.unsorted())
			.stream()
			.filter(s -> s.name().equals(name))
			.map(RegisteredSystem::id)
			.findFirst()
			.orElse(null);
	}

	private Agency agency(String key) {
		return this.organizations.agencyByCreditCode(DemoOrganization.agency(key).creditCode()).orElseThrow();
	}

	private Actor staff(String key) {
		Agency agency = agency(key);
		return new Actor(null, "demo-" + key, agency.nameZh(), Actor.Kind.STAFF, agency.id().value(), agency.creditCode(),
				agency.divisionCode(), Set.of(Role.AGENCY_STAFF));
	}
}
