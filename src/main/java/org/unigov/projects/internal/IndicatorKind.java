package org.unigov.projects.internal;

import java.util.Locale;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.unigov.shared.Coded;

/**
 * What an outcome target measures (P7). Output indicators count things built or users registered:
 * they are accepted only beside an outcome indicator, never on their own, and each names the
 * outcome to use instead. Outcome indicators say where their measured value comes from at
 * evaluation: the exchange's access log, the registry, the services module (a later module; until
 * then self-reported), or the agency's own report.
 */
public enum IndicatorKind implements Coded {

	EXCHANGE_CALLS_SERVED("exchange-calls-served", "数据服务月调用量", "Calls to its data services per month", Source.EXCHANGE, true,
			null),
	EXCHANGE_CALLS_MADE("exchange-calls-made", "通过共享获取数据月调用量", "Data obtained through sharing, calls per month",
			Source.EXCHANGE, true, null),
	MONTHLY_ACTIVE_USERS("monthly-active-users", "月活跃用户数", "Monthly active users", Source.REGISTRY, true, null),
	SERVICE_APPLICATIONS("service-applications", "网上办件量（月）", "Service applications handled online per month",
			Source.SERVICES, true, null),
	PROCESSING_DAYS("processing-days", "平均办理时长（工作日）", "Average processing time (working days)", Source.DECLARED,
			false, null),
	MATERIALS_AVOIDED("materials-avoided", "免提交材料数", "Documents citizens no longer submit", Source.DECLARED, true, null),
	OTHER_OUTCOME("other", "其他成效指标", "Other outcome", Source.DECLARED, true, null),
	SYSTEMS_BUILT("systems-built", "建成系统（平台）数量", "Systems or platforms built", Source.DECLARED, true,
			EXCHANGE_CALLS_SERVED),
	FEATURES_DELIVERED("features-delivered", "上线功能模块数量", "Features delivered", Source.DECLARED, true,
			SERVICE_APPLICATIONS),
	USERS_REGISTERED("users-registered", "注册用户数", "Users registered", Source.REGISTRY, true, MONTHLY_ACTIVE_USERS),
	RESOURCES_PUBLISHED("resources-published", "编目数据资源数量", "Data resources catalogued", Source.DECLARED, true,
			EXCHANGE_CALLS_SERVED);

	/** Where an indicator's measured value comes from at evaluation. */
	public enum Source implements Coded {

		/** The exchange's access log: calls to the system's data services or by its clients. */
		EXCHANGE("exchange", "数据交换访问日志", "Exchange access log"),
		/** The registry's usage figures. */
		REGISTRY("registry", "系统登记数据", "Registry figures"),
		/** Service applications: the services module will provide them; self-reported until then. */
		SERVICES("services", "政务服务办件", "Service applications"),
		/** Only the agency's word. */
		DECLARED("declared", "部门自报", "Agency's report");

		private final Label label;

		Source(String code, String labelZh, String labelEn) {
			this.label = new Label(code, labelZh, labelEn);
		}

		@Override
		public Label label() {
			return this.label;
		}
	}

	/**
	 * Free-text names of "other" indicators that only count things built or registered (P7), in
	 * Chinese and English: "建成3个平台", "注册用户达到10万", "number of systems built".
	 */
	private static final Pattern COUNTS_OUTPUT = Pattern.compile(
			"(建成|建设|上线|开发|部署).{0,8}(个|套|项)?.{0,4}(系统|平台|模块|功能|应用|数据库|中心)|(系统|平台|模块|功能)(数量|个数|数)"
					+ "|注册(用户|人数|量|账号)|用户注册|(systems?|platforms?|modules?|features?|apps?) (built|delivered|launched|deployed)"
					+ "|(number|count) of (systems|platforms|modules|features|apps)|registered users|users registered|registrations",
			Pattern.CASE_INSENSITIVE);

	private final Label label;

	private final Source source;

	private final boolean higherIsBetter;

	private final @Nullable IndicatorKind instead;

	IndicatorKind(String code, String labelZh, String labelEn, Source source, boolean higherIsBetter,
			@Nullable IndicatorKind instead) {
		this.label = new Label(code, labelZh, labelEn);
		this.source = source;
		this.higherIsBetter = higherIsBetter;
		this.instead = instead;
	}

	@Override
	public Label label() {
		return this.label;
	}

	public Source source() {
		return this.source;
	}

	public boolean higherIsBetter() {
		return this.higherIsBetter;
	}

	/** Whether this kind only counts things built or users registered (P7). */
	public boolean countsOutput() {
		return this.instead != null;
	}

	/** For an output indicator, the outcome to use instead. */
	public @Nullable IndicatorKind instead() {
		return this.instead;
	}

	private static final Pattern COUNTS_REGISTRATIONS = Pattern.compile(
			"注册(用户|人数|量|账号)|用户注册|registered users|users registered|registrations", Pattern.CASE_INSENSITIVE);

	/** Whether a free-text target name counts registrations (its outcome: monthly active users). */
	public static boolean countsRegistrations(String name) {
		return COUNTS_REGISTRATIONS.matcher(name).find();
	}

	/** Whether a target of this kind with this name only counts things built or registered (P7). */
	public static boolean countsOutput(IndicatorKind kind, String name) {
		return kind.countsOutput() || kind == OTHER_OUTCOME && COUNTS_OUTPUT.matcher(name.toLowerCase(Locale.ROOT)).find();
	}
}
