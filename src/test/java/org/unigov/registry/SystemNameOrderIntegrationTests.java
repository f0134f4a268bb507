package org.unigov.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.Sort;
import org.unigov.UnigovTest;
import org.unigov.shared.Actor;
import org.unigov.shared.ChineseOrder;
import org.unigov.shared.Role;

/** Lists of systems sorted by name (the selects of the project, sharing and exchange forms) come in pinyin order. */
@UnigovTest
class SystemNameOrderIntegrationTests {

	static final Actor ADMIN = new Actor(null, "order-test", "Order test", Actor.Kind.SYSTEM, null, null, "610000",
			Set.of(Role.PLATFORM_ADMIN));

	@Autowired
	SystemRegistry registry;

	@Test
	@DisplayName("the pinyin order puts 安徽 before 北京 before 重庆 before 张三, unlike code points")
	void pinyinOrder() {
		List<String> names = List.of("张三", "重庆", "北京", "安徽");
		assertThat(names.stream().sorted(ChineseOrder.NAMES).toList()).containsExactly("安徽", "北京", "重庆", "张三");
		assertThat(names.stream().sorted().toList()).containsExactly("北京", "安徽", "张三", "重庆");
	}

	@Test
	@DisplayName("systems sorted by name come in pinyin order, ascending and descending")
	void systemsByName() {
		SystemRegistry.SystemFilter all = new SystemRegistry.SystemFilter(null, null, null, null, null, null, null);
		List<String> names = this.registry.findAll(ADMIN, all, Sort.by("name")).stream().map(RegisteredSystem::name).toList();
		assertThat(names).hasSizeGreaterThan(20);
		assertThat(names.stream().sorted().toList()).as("the demo systems differ in code-point and pinyin order")
			.isNotEqualTo(names.stream().sorted(ChineseOrder.NAMES).toList());
		assertThat(names).isSortedAccordingTo(ChineseOrder.NAMES);
		List<String> descending = this.registry.findAll(ADMIN, all, Sort.by(Sort.Direction.DESC, "name"))
			.stream()
			.map(RegisteredSystem::name)
			.toList();
		assertThat(descending).isSortedAccordingTo(ChineseOrder.NAMES.reversed());
	}

	@Test
	@DisplayName("the paged registry list sorted by name is in pinyin order across pages (the database's ICU collation)")
	void pagedByName() {
		SystemRegistry.SystemFilter all = new SystemRegistry.SystemFilter(null, null, null, null, null, null, null);
		List<String> names = new java.util.ArrayList<>();
		for (int page = 0; page < 3; page++) {
			this.registry.find(ADMIN, all, org.springframework.data.domain.PageRequest.of(page, 10, Sort.by("name")))
				.forEach(s -> names.add(s.name()));
		}
		assertThat(names).hasSize(30).isSortedAccordingTo(ChineseOrder.NAMES);
	}
}
