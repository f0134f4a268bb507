package org.unigov.sharing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.unigov.SignIn;
import org.unigov.UnigovTest;

/** Every catalog, sharing and calendar page renders for the people who use it, in both languages. */
@UnigovTest
class SharingPagesIntegrationTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	String page(MockHttpSession session, String path) throws Exception {
		return mvc.perform(get(path).session(session)).andExpect(status().isOk()).andReturn().getResponse()
			.getContentAsString();
	}

	String id(String sql) {
		return jdbc.sql(sql).query(String.class).list().getFirst();
	}

	@Test
	void catalogPagesRender() throws Exception {
		MockHttpSession staff = SignIn.as(mvc, "xa-hrss-staff");
		String entry = id("select id::text from cat_entry where name = '全省户籍人口基础信息'");
		assertThat(page(staff, "/catalog")).contains("共享类型").contains("result-count");
		assertThat(page(staff, "/catalog?q=全省户籍人口")).contains("全省户籍人口基础信息");
		assertThat(page(staff, "/catalog?q=全省户籍人口&sharingType=conditional")).contains("全省户籍人口基础信息");
		assertThat(page(staff, "/catalog/entries/" + entry)).contains("申请共享").contains("公民身份号码");
		assertThat(page(staff, "/catalog/work")).contains("本部门目录");
		assertThat(page(staff, "/catalog/entries/new")).contains("编制目录").contains("items[0].name");
		assertThat(page(staff, "/catalog/elements")).contains("GB 11643-1999").doesNotContain("新增数据元");
		assertThat(page(SignIn.as(mvc, "admin"), "/catalog/elements")).contains("新增数据元").contains("指定数源部门");
		assertThat(page(staff, "/sharing/fragments/entries/" + entry + "/checks")).contains("申请数据核查");
		MockHttpSession provider = SignIn.as(mvc, "sn-psb-staff");
		assertThat(page(provider, "/catalog/entries/" + entry + "/edit")).contains("全省户籍人口基础信息");
		MockHttpSession coordinator = SignIn.as(mvc, "sn-coord");
		assertThat(page(coordinator, "/catalog/work?queue=review")).contains("待审核目录");
		assertThat(page(coordinator, "/catalog/entries/" + entry + "?lang=en")).contains("Require an update");
	}

	@Test
	void sharingPagesRender() throws Exception {
		MockHttpSession staff = SignIn.as(mvc, "xa-hrss-staff");
		String entry = id("select id::text from cat_entry where name = '全省户籍人口基础信息'");
		assertThat(page(staff, "/sharing")).contains("GX");
		assertThat(page(staff, "/sharing/requests/new?entryId=" + entry)).contains("法律依据");
		String request = id("select id::text from shr_request where filed_by = 'demo-xa-hrss' order by filed_at limit 1");
		assertThat(page(staff, "/sharing/requests/" + request)).contains("变更记录");
		assertThat(page(staff, "/sharing/grants")).contains("共享授权");
		String grant = id("select id::text from shr_grant limit 1");
		assertThat(page(SignIn.as(mvc, "admin"), "/sharing/grants/" + grant)).contains("有效期");
		MockHttpSession coordinator = SignIn.as(mvc, "sn-coord");
		assertThat(page(coordinator, "/sharing/oversight")).contains("逾期").contains("各部门共享统计");
		assertThat(page(coordinator, "/sharing/oversight?lang=en")).contains("Sharing by agency");
		assertThat(page(staff, "/calendar?year=2026")).contains("春节");
		assertThat(page(staff, "/calendar?year=2026&start=2026-02-14&workingDays=10")).contains("2026-03-06");
		mvc.perform(get("/sharing/oversight").session(staff)).andExpect(status().isForbidden());
	}

	@Test
	void aRefusalWithoutReasonsIsShownOnThePage() throws Exception {
		MockHttpSession provider = SignIn.as(mvc, "sn-psb-staff");
		String request = id("select id::text from shr_request where status = 'submitted' and provider_division = '610000' order by filed_at desc limit 1");
		long version = jdbc.sql("select version from shr_request where id = ?::uuid").param(request).query(Long.class).single();
		mvc.perform(post("/sharing/requests/" + request + "/refuse").session(provider).with(csrf())
			.param("version", String.valueOf(version)).param("category", "other").param("reasons", ""))
			.andExpect(status().is3xxRedirection());
		assertThat(page(provider, "/sharing/requests/" + request)).contains("不予共享必须说明理由");
	}

	@Test
	void theEntryFormCompilesAnEntryWithEveryField() throws Exception {
		MockHttpSession staff = SignIn.as(mvc, "sn-psb-staff");
		String name = "表单编制的目录" + System.nanoTime() % 100000;
		mvc.perform(post("/catalog/entries").session(staff).with(csrf())
			.param("name", name).param("classification", "101").param("summary", "通过页面表单编制的测试目录。")
			.param("format", "database").param("updateFrequency", "daily").param("sharingType", "conditional")
			.param("sharingMethods", "api").param("openAttribute", "not-open").param("grade", "important")
			.param("secrecy", "none").param("relatedCodes", "101/00001").param("coverageFrom", "2020-01-01")
			.param("coverageTo", "2026-12-31").param("items[0].name", "公民身份号码").param("items[0].type", "string")
			.param("items[0].elementCode", "citizen-id").param("items[0].origin", "collected")
			.param("items[0].description", "18位身份号码").param("conditions[0].kind", "purpose")
			.param("conditions[0].text", "仅用于资格认证").param("conditions[0].basis", "《社会保险法》第七十四条"))
			.andExpect(status().is3xxRedirection());
		String content = jdbc.sql("select r.content::text from cat_entry e join cat_revision r on r.entry_id = e.id where e.name = ?")
			.param(name).query(String.class).single();
		assertThat(content).contains("101/00001").contains("2020-01-01").contains("18位身份号码");
		// a form the API would refuse is refused on the page too, with the field named
		String page = mvc.perform(post("/catalog/entries").session(staff).with(csrf())
			.param("name", "名".repeat(51)).param("classification", "101").param("summary", "摘要")
			.param("sharingType", "unconditional").param("openAttribute", "not-open").param("items[0].name", "姓名"))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(page).contains("name").contains("内容不符合要求");
		assertThat(jdbc.sql("select count(*) from cat_entry where name = ?").param("名".repeat(51)).query(Long.class).single()).isZero();
	}
}
