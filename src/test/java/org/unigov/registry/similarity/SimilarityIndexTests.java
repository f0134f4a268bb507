package org.unigov.registry.similarity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.unigov.registry.similarity.SimilarityIndex.Draft;
import org.unigov.registry.similarity.SimilarityIndex.Entry;
import org.unigov.registry.similarity.SimilarityIndex.Match;
import org.unigov.registry.similarity.SimilarityIndex.Relation;

/** The finder's ranking on fixed fixtures: what comes first, why, and what stays out. */
class SimilarityIndexTests {

	SimilarityIndex index;

	@BeforeEach
	void fixtures() {
		this.index = new SimilarityIndex();
		this.index.putAll(List.of(
				entry("xa-ops", "西安市城市运行管理服务平台", "汇聚城市管理、视频监控和物联感知数据，实现城市运行态势监测、事件分拨和应急指挥调度。",
						Set.of("city-operation-monitoring", "emergency-command"), "610100"),
				entry("wy-ops", "未央区城市运行指挥中心平台", "建设区级城市运行指挥中心，整合视频监控和网格事件，实现城市运行一网统管和应急联动指挥。",
						Set.of("city-operation-monitoring", "emergency-command", "city-brain"), "610112"),
				entry("bj-ops", "宝鸡市智慧城市驾驶舱", "建设城市大脑驾驶舱，展示城市运行体征指标，支撑领导决策。",
						Set.of("city-brain", "data-cockpit"), "610300"),
				entry("xa-si", "西安市社会保险经办系统", "办理社会保险登记、缴费核定和待遇发放，支撑养老、失业、工伤保险业务经办。",
						Set.of("social-insurance"), "610100"),
				entry("wy-grid", "未央区网格化管理系统", "划分基层网格，网格员采集上报事件，实现社会治理事件闭环处置。",
						Set.of("grid-management"), "610112"),
				entry("sn-id", "陕西省统一身份认证平台", "提供全省统一的实名注册、身份核验和单点登录服务。", Set.of("unified-identity"), "610000"),
				entry("bj-id", "宝鸡市政务服务统一登录系统", "为宝鸡市各部门政务服务系统提供用户注册、实名认证和单点登录。",
						Set.of("unified-identity"), "610300"),
				entry("xa-video", "西安市视频会议系统", "支撑市级部门召开视频会议和远程会商。", Set.of("video-conference"), "610100")));
	}

	@AfterEach
	void close() {
		this.index.close();
	}

	private static Entry entry(String id, String name, String summary, Set<String> capabilities, String division) {
		return new Entry(id, name, List.of(), summary, capabilities, division, false);
	}

	private List<Match> similar(String name, String summary, Set<String> capabilities, String division) {
		return this.index.similar(new Draft(name, summary, capabilities, division, null), 5, 0.3);
	}

	@Test
	void aDistrictCityBrainFindsItsDistrictsAndItsCitysOperationCentresFirst() {
		List<Match> matches = similar("未央区城市大脑", "建设区级城市运行监测和指挥调度平台，汇聚视频和物联感知数据。",
				Set.of("city-brain", "city-operation-monitoring"), "610112");
		assertThat(matches.subList(0, 2)).extracting(m -> m.entry().id()).containsExactlyInAnyOrder("wy-ops", "xa-ops");
		Match district = matches.stream().filter(m -> m.entry().id().equals("wy-ops")).findFirst().orElseThrow();
		assertThat(district.relation()).isEqualTo(Relation.SAME_DIVISION);
		assertThat(district.sharedCapabilities()).containsExactly("city-brain", "city-operation-monitoring");
		assertThat(district.matchingWords()).contains("城市运行", "视频");
		assertThat(district.score()).isBetween(0.5, 1.0);
		Match city = matches.stream().filter(m -> m.entry().id().equals("xa-ops")).findFirst().orElseThrow();
		assertThat(city.relation()).isEqualTo(Relation.PARENT);
		// Baoji's cockpit does the same kind of thing in another city: further down, lower score
		assertThat(matches).extracting(m -> m.entry().id()).contains("bj-ops");
		assertThat(matches.stream().filter(m -> m.entry().id().equals("bj-ops")).findFirst().orElseThrow().score())
			.isLessThan(city.score());
	}

	@Test
	void unrelatedSystemsSharingOnlyGenericWordsStayOut() {
		List<Match> matches = similar("未央区城市大脑", "建设区级城市运行监测和指挥调度平台。", Set.of("city-brain"), "610112");
		assertThat(matches).extracting(m -> m.entry().id()).doesNotContain("xa-si", "xa-video");
	}

	@Test
	void videoConferencingIsNotVideoSurveillance() {
		List<Match> matches = similar("西安市视频监控汇聚平台", "汇聚全市公共安全视频监控资源，统一联网共享。", Set.of("video-aggregation"),
				"610100");
		assertThat(matches).extracting(m -> m.entry().id()).doesNotContain("xa-video");
	}

	@Test
	void aSecondLoginSystemAnywhereInTheProvinceDuplicatesTheProvincialOne() {
		List<Match> matches = similar("咸阳市统一用户认证中心", "为市级政务服务系统提供实名认证和单点登录。", Set.of("unified-identity"),
				"610400");
		assertThat(matches).extracting(m -> m.entry().id()).startsWith("bj-id").contains("sn-id");
		assertThat(matches.getFirst().score()).isGreaterThanOrEqualTo(0.5);
	}

	@Test
	void englishDraftsMeetChineseRecordsThroughConceptsAndCapabilities() {
		List<Match> matches = similar("Weiyang Urban Operation Command Centre",
				"Urban operation monitoring, video surveillance and emergency command for the district.",
				Set.of("city-operation-monitoring", "emergency-command"), "610112");
		assertThat(matches.subList(0, 2)).extracting(m -> m.entry().id()).contains("wy-ops");
		assertThat(matches.stream().filter(m -> m.entry().id().equals("wy-ops")).findFirst().orElseThrow().matchingWords())
			.contains("运行", "指挥");
	}

	@Test
	void theIndexFollowsChangesAndExclusions() {
		Draft draft = new Draft("未央区城市大脑", "城市运行监测", Set.of("city-brain"), "610112", "wy-ops");
		assertThat(this.index.similar(draft, 5, 0.3)).extracting(m -> m.entry().id()).doesNotContain("wy-ops");
		this.index.remove("xa-ops");
		assertThat(this.index.similar(draft, 5, 0.3)).extracting(m -> m.entry().id()).doesNotContain("xa-ops");
		this.index.put(entry("xa-ops", "西安市城市运行管理服务平台", "城市运行监测", Set.of("city-brain"), "610100"));
		assertThat(this.index.similar(draft, 5, 0.3)).extracting(m -> m.entry().id()).contains("xa-ops");
		assertThat(this.index.size()).isEqualTo(8);
	}

	@Test
	void hierarchyRelationsFollowGbT2260() {
		assertThat(SimilarityIndex.relation("610112", "610112")).isEqualTo(Relation.SAME_DIVISION);
		assertThat(SimilarityIndex.relation("610112", "610100")).isEqualTo(Relation.PARENT);
		assertThat(SimilarityIndex.relation("610100", "610112")).isEqualTo(Relation.CHILD);
		assertThat(SimilarityIndex.relation("610112", "610000")).isEqualTo(Relation.ANCESTOR);
		assertThat(SimilarityIndex.relation("610000", "610112")).isEqualTo(Relation.DESCENDANT);
		assertThat(SimilarityIndex.relation("610112", "610113")).isEqualTo(Relation.SIBLING);
		assertThat(SimilarityIndex.relation("610100", "610300")).isEqualTo(Relation.SIBLING_CITY);
		assertThat(SimilarityIndex.relation("610112", "610302")).isEqualTo(Relation.SAME_PROVINCE);
		assertThat(SimilarityIndex.relation("610112", "110101")).isEqualTo(Relation.OTHER);
	}

	@Test
	void clustersGroupDuplicatesWithinTheScopeOnly() {
		List<SimilarityIndex.Cluster> all = this.index.clusters("61", 0.5);
		assertThat(all).anySatisfy(c -> assertThat(c.members()).extracting(Entry::id).contains("xa-ops", "wy-ops"));
		assertThat(all).allSatisfy(c -> assertThat(c.members()).extracting(Entry::id).doesNotContain("xa-si"));
		List<SimilarityIndex.Cluster> baoji = this.index.clusters("6103", 0.5);
		assertThat(baoji).allSatisfy(c -> assertThat(c.members()).allMatch(e -> e.divisionCode().startsWith("6103")));
	}

	@Test
	void textTermsJoinLeftoverCharactersAndDropGenericWords() {
		TextTerms terms = new TextTerms();
		assertThat(terms.terms("雁塔区城市大脑建设项目")).contains("城市", "城市运行").doesNotContain("建设", "项目", "雁", "塔");
		assertThat(terms.terms("Leadership dashboard platform")).contains("驾驶舱").doesNotContain("platform");
	}
}
