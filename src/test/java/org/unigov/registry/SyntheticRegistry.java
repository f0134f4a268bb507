package org.unigov.registry;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Generates a province's worth of plausible system records for benchmarks: each system has a
 * main function (with the names and phrases agencies really use for it, in many variants), one
 * or two further capabilities, a division and an agency. Seeded, so runs are comparable.
 */
final class SyntheticRegistry {

	record Kind(String capability, List<String> names, List<String> phrases, List<String> extra) {
	}

	static final List<Kind> KINDS = List.of(
			new Kind("city-operation-monitoring", List.of("城市运行管理服务平台", "城市大脑", "一网统管平台", "城市运行指挥中心", "城运中心平台"),
					List.of("汇聚城市管理、视频监控和物联感知数据", "实现城市运行态势实时监测", "事件智能分拨和闭环处置", "一屏观全域、一网管全城", "支撑跨部门联动指挥"),
					List.of("city-brain", "emergency-command", "data-cockpit", "video-aggregation")),
			new Kind("data-cockpit", List.of("领导驾驶舱", "数据驾驶舱", "数据可视化大屏", "决策辅助系统", "指标监测看板"),
					List.of("汇集各部门核心业务指标", "以大屏形式展示经济社会运行态势", "辅助领导科学决策", "指标异常自动预警"),
					List.of("statistics-analysis", "city-operation-monitoring")),
			new Kind("grid-management", List.of("网格化社会治理平台", "网格化服务管理系统", "基层治理一张网", "综治网格信息平台"),
					List.of("划分基层网格并配备网格员", "网格员巡查上报矛盾纠纷和安全隐患", "事件分级流转闭环处置", "实有人口和房屋信息采集"),
					List.of("smart-community", "petition-complaint", "population-base")),
			new Kind("unified-identity", List.of("统一身份认证平台", "统一用户中心", "政务服务账号系统", "单点登录系统"),
					List.of("提供实名注册和身份核验", "实现一次登录全网通办", "统一管理自然人和法人账号", "对接人脸识别和电子证照"),
					List.of("mobile-service", "service-acceptance")),
			new Kind("hotline-12345", List.of("12345政务服务便民热线系统", "市民热线平台", "民意诉求平台", "接诉即办系统"),
					List.of("统一受理群众来电来信和网上诉求", "工单派发部门限时办理", "办理结果回访和满意度评价", "热点诉求分析研判"),
					List.of("petition-complaint", "statistics-analysis")),
			new Kind("e-licence", List.of("电子证照库", "电子证照共享系统", "证照归集核验平台"),
					List.of("归集各部门签发的电子证照", "提供证照核验和共享调用", "办事免交纸质证照"),
					List.of("e-seal", "data-sharing-exchange")),
			new Kind("video-aggregation", List.of("视频监控汇聚平台", "雪亮工程平台", "公共视频共享平台"),
					List.of("汇聚公共安全视频监控资源", "统一联网和分级共享", "视频智能分析告警"),
					List.of("policing", "city-operation-monitoring")),
			new Kind("emergency-command", List.of("应急指挥平台", "应急联动指挥系统", "突发事件指挥调度系统"),
					List.of("突发事件接报和信息报送", "应急资源一张图", "多部门联动调度和视频会商"),
					List.of("gis-spatial", "video-conference")),
			new Kind("social-insurance", List.of("社会保险经办系统", "社保业务经办平台"),
					List.of("办理参保登记和缴费核定", "养老失业工伤待遇核发", "社保关系转移接续"), List.of("employment-service")),
			new Kind("health-records", List.of("全民健康信息平台", "居民电子健康档案系统", "区域卫生信息平台"),
					List.of("归集居民诊疗和公共卫生数据", "建立电子健康档案", "支撑分级诊疗和远程医疗"), List.of("medical-insurance")),
			new Kind("market-registration", List.of("市场主体登记系统", "企业开办一网通办平台"),
					List.of("办理企业设立变更注销登记", "一日办结企业开办", "电子营业执照发放"), List.of("approval", "e-licence")),
			new Kind("approval", List.of("行政审批系统", "工程建设项目审批管理系统", "一网通办审批平台"),
					List.of("审批事项网上申报和并联审批", "审批流程限时办结", "审批结果电子证照推送"), List.of("service-acceptance")),
			new Kind("collaborative-office", List.of("协同办公系统", "机关OA系统", "无纸化办公平台"),
					List.of("公文流转和电子签批", "会议和督办事项管理", "移动办公"), List.of("document-exchange", "e-archives")),
			new Kind("social-assistance", List.of("社会救助管理系统", "低保审核系统", "救助对象信息平台"),
					List.of("救助申请受理和家庭经济状况核对", "救助资金发放管理", "困难群众动态监测"), List.of("elderly-care")),
			new Kind("environment-monitoring", List.of("生态环境监测平台", "大气污染防治监测系统", "水环境监测系统"),
					List.of("空气质量和水质自动监测", "污染源在线监控", "环境执法线索推送"), List.of("supervision-enforcement")),
			new Kind("transport", List.of("智慧交通平台", "智慧停车管理系统", "公共交通调度系统"),
					List.of("交通流量实时监测", "停车泊位诱导和缴费", "公交车辆智能调度"), List.of("unified-payment")),
			new Kind("natural-resources", List.of("国土空间规划一张图系统", "不动产登记系统", "自然资源监管平台"),
					List.of("国土空间规划成果管理", "不动产登记业务办理", "耕地保护动态监测"), List.of("gis-spatial")),
			new Kind("budget-finance", List.of("预算管理一体化系统", "财政资金监控平台"),
					List.of("预算编制执行和决算全流程管理", "财政资金动态监控", "国库集中支付"), List.of("statistics-analysis")),
			new Kind("education", List.of("智慧教育平台", "学籍管理系统", "招生入学报名系统"),
					List.of("学生学籍和教师信息管理", "义务教育入学网上报名", "优质教育资源共享"), List.of("mobile-service")),
			new Kind("elderly-care", List.of("智慧养老服务平台", "居家养老服务系统"),
					List.of("老年人信息和服务需求管理", "养老服务机构监管", "居家养老上门服务派单"), List.of("social-assistance")));

	static final List<String> AGENCY_KINDS = List.of("数据局", "公安局", "民政局", "人力资源和社会保障局", "卫生健康委员会", "教育局",
			"住房和城乡建设局", "交通运输局", "市场监督管理局", "应急管理局", "城市管理局", "自然资源局", "生态环境局", "财政局", "审计局", "统计局",
			"医疗保障局", "农业农村局", "文化和旅游局", "信访局");

	static final Map<String, String> CITIES = Map.of("610200", "铜川市", "610400", "咸阳市", "610500", "渭南市", "610600", "延安市",
			"610700", "汉中市", "610800", "榆林市", "610900", "安康市", "611000", "商洛市");

	private final Random random;

	SyntheticRegistry(long seed) {
		this.random = new Random(seed);
	}

	<T> T pick(List<T> values) {
		return values.get(this.random.nextInt(values.size()));
	}

	/** A system's name, summary and capabilities for a place. */
	record Draft(String name, String summary, List<String> capabilities) {
	}

	Draft draft(String placeName) {
		Kind kind = pick(KINDS);
		String name = placeName + pick(kind.names()) + pick(List.of("", "", "", "（一期）", "二期", "升级改造项目", "V2.0"));
		List<String> phrases = new ArrayList<>(kind.phrases());
		java.util.Collections.shuffle(phrases, this.random);
		String summary = String.join("，", phrases.subList(0, 2 + this.random.nextInt(Math.max(1, phrases.size() - 1))))
				+ "，" + pick(List.of("提升治理效能", "方便群众办事", "提高工作效率", "推动数据共享", "实现全流程留痕")) + "。";
		Set<String> capabilities = new LinkedHashSet<>();
		capabilities.add(kind.capability());
		for (String extra : kind.extra()) {
			if (this.random.nextInt(3) == 0) {
				capabilities.add(extra);
			}
		}
		return new Draft(name, summary, List.copyOf(capabilities));
	}

	int nextInt(int bound) {
		return this.random.nextInt(bound);
	}
}
