package org.unigov.registry.similarity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * Turns a system's name or description into the words the duplicate finder compares.
 * <p>
 * Chinese is segmented by Lucene's SmartChineseAnalyzer (a hidden Markov model over a bigram
 * dictionary); Latin text is lower-cased and Porter-stemmed by the same analyzer. Three steps
 * follow: runs of single Chinese characters the segmenter left over (雁|塔|区, 大|屏) are joined
 * back into one word; generic words that every system description uses (系统, 平台, 建设, place
 * names, English stop words) are dropped; and synonyms, including English words, are mapped to
 * one Chinese concept (城市大脑, 一网统管 → 城市运行; dashboard, 大屏 → 驾驶舱) so that two agencies
 * naming the same thing differently still meet.
 */
public final class TextTerms {

	/** Words too common in system inventories to say anything about function. */
	private static final Set<String> GENERIC = Set.of("系统", "平台", "建设", "实现", "提供", "支持", "通过", "进行", "开展",
			"相关", "以及", "项目", "工程", "一期", "二期", "三期", "升级", "改造", "信息", "信息化", "智慧", "智能", "数字", "数字化",
			"综合", "工作", "业务", "应用", "功能", "主要", "全市", "全省", "全区", "全县", "市级", "省级", "区级", "县级", "我市", "我省",
			"我区", "机关", "统一", "一体", "一体化", "集成", "体系", "模块", "在线", "网上", "线上", "服务", "管理", "面向", "用于", "覆盖", "各类",
			"多", "等", "及", "和", "与", "的", "为", "对", "将", "可", "陕西", "陕西省", "西安", "西安市", "宝鸡", "宝鸡市", "咸阳", "咸阳市",
			"榆林", "榆林市", "雁塔区", "碑林区", "未央区", "渭滨区", "金台区", "秦都区", "区", "市", "省", "县", "system", "platform",
			"build", "provid", "support", "manag", "servic", "integr", "inform", "smart", "digit", "onlin", "base", "new",
			"provinc", "citi", "district", "xi", "an", "xian", "baoji", "xianyang", "yulin", "shaanxi", "yanta", "beilin",
			"weiyang", "weibin", "all", "us", "use", "offer", "includ", "via", "across", "level", "one");

	/** Synonyms and English words mapped to one Chinese concept. */
	private static final Map<String, String> CONCEPTS = Map.ofEntries(Map.entry("城市大脑", "城市运行"),
			Map.entry("一网统管", "城市运行"), Map.entry("城运", "城市运行"), Map.entry("运管服", "城市运行"), Map.entry("大脑", "城市运行"),
			Map.entry("统管", "城市运行"), Map.entry("大屏", "驾驶舱"), Map.entry("可视化", "驾驶舱"), Map.entry("可视化大屏", "驾驶舱"),
			Map.entry("领导驾驶舱", "驾驶舱"), Map.entry("看板", "驾驶舱"), Map.entry("dashboard", "驾驶舱"),
			Map.entry("cockpit", "驾驶舱"), Map.entry("brain", "城市运行"), Map.entry("urban", "城市"), Map.entry("citi", "城市"),
			Map.entry("oper", "运行"), Map.entry("monitor", "监测"), Map.entry("emerg", "应急"), Map.entry("command", "指挥"),
			Map.entry("dispatch", "调度"), Map.entry("grid", "网格"), Map.entry("网格化", "网格"), Map.entry("hotlin", "热线"),
			Map.entry("12345", "热线"), Map.entry("complaint", "诉求"), Map.entry("petit", "信访"), Map.entry("identif", "身份认证"),
			Map.entry("ident", "身份认证"), Map.entry("authent", "身份认证"), Map.entry("login", "登录"), Map.entry("sign", "登录"),
			Map.entry("单点登录", "登录"), Map.entry("认证", "身份认证"), Map.entry("身份", "身份认证"), Map.entry("licenc", "证照"),
			Map.entry("licens", "证照"), Map.entry("certif", "证照"), Map.entry("电子证照", "证照"), Map.entry("证照库", "证照"),
			Map.entry("seal", "印章"), Map.entry("签章", "印章"), Map.entry("video", "视频"), Map.entry("surveil", "监控"),
			Map.entry("camera", "监控"), Map.entry("雪亮", "监控"), Map.entry("天网", "监控"), Map.entry("exchang", "交换"),
			Map.entry("share", "共享"), Map.entry("catalog", "目录"), Map.entry("credit", "信用"), Map.entry("payment", "支付"),
			Map.entry("pay", "支付"), Map.entry("archiv", "档案"), Map.entry("document", "公文"), Map.entry("offic", "办公"),
			Map.entry("oa", "办公"), Map.entry("confer", "会议"), Map.entry("map", "地图"), Map.entry("gis", "地理信息"),
			Map.entry("spatial", "时空"), Map.entry("geograph", "地理信息"), Map.entry("approv", "审批"), Map.entry("permit", "审批"),
			Map.entry("licensing", "审批"), Map.entry("inspect", "监管"), Map.entry("supervis", "监管"), Map.entry("enforc", "执法"),
			Map.entry("insur", "保险"), Map.entry("pension", "养老"), Map.entry("elderli", "养老"), Map.entry("employ", "就业"),
			Map.entry("job", "就业"), Map.entry("health", "健康"), Map.entry("medic", "医疗"), Map.entry("hospit", "医疗"),
			Map.entry("educ", "教育"), Map.entry("school", "教育"), Map.entry("assist", "救助"), Map.entry("welfar", "救助"),
			Map.entry("communiti", "社区"), Map.entry("popul", "人口"), Map.entry("resid", "居民"), Map.entry("enterpris", "企业"),
			Map.entry("busi", "企业"), Map.entry("registr", "登记"), Map.entry("environ", "环境"), Map.entry("pollut", "污染"),
			Map.entry("traffic", "交通"), Map.entry("transport", "交通"), Map.entry("hous", "住房"), Map.entry("budget", "预算"),
			Map.entry("financ", "财政"), Map.entry("fiscal", "财政"), Map.entry("polic", "公安"), Map.entry("statist", "统计"),
			Map.entry("food", "食品"), Map.entry("drug", "药品"), Map.entry("land", "土地"), Map.entry("plan", "规划"),
			Map.entry("water", "供水"), Map.entry("audit", "审计"), Map.entry("accept", "受理"), Map.entry("window", "窗口"),
			Map.entry("mobil", "移动"), Map.entry("app", "移动"), Map.entry("掌上", "移动"), Map.entry("掌上办", "移动"),
			Map.entry("惠民", "便民"));

	private static final Set<?> ENGLISH_STOP = EnglishAnalyzer.ENGLISH_STOP_WORDS_SET;

	private final Analyzer analyzer = new SmartChineseAnalyzer();

	/** Names of the province's divisions: where a system is says nothing about what it does. */
	private volatile Set<String> places = Set.of();

	/** Sets the place names to drop (division names, with and without 省/市/区/县). */
	public void places(Set<String> names) {
		this.places = Set.copyOf(names);
	}

	/** The compared words of a text, in order, repeats kept. */
	public List<String> terms(String text) {
		List<String> raw = new ArrayList<>();
		try (TokenStream stream = this.analyzer.tokenStream("text", text)) {
			CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
			stream.reset();
			while (stream.incrementToken()) {
				raw.add(term.toString());
			}
			stream.end();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		List<String> terms = new ArrayList<>(raw.size());
		StringBuilder run = new StringBuilder();
		for (String token : raw) {
			if (token.length() == 1 && isHan(token.charAt(0))) {
				run.append(token);
				continue;
			}
			flush(run, terms);
			keep(token, terms);
		}
		flush(run, terms);
		return terms;
	}

	private void flush(StringBuilder run, List<String> terms) {
		if (run.length() > 1) {
			keep(run.toString(), terms);
		}
		run.setLength(0);
	}

	private void keep(String token, List<String> terms) {
		String concept = CONCEPTS.getOrDefault(token, token);
		if (concept.length() < 2 && !Character.isDigit(concept.charAt(0)) || GENERIC.contains(concept)
				|| ENGLISH_STOP.contains(concept) || this.places.contains(concept)) {
			return;
		}
		terms.add(concept);
	}

	private static boolean isHan(char c) {
		return Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN;
	}
}
