package org.unigov.catalog.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.unigov.web.BrowserTest;

/**
 * Catalog search pages in real Chromium: the facets show every dimension with names in the page's
 * language and a count, and ticking one narrows the results to that count. axe-core finds no
 * serious or critical violation on any page visited.
 */
class CatalogBrowserTests extends BrowserTest {

	private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-");

	private static final Pattern LATIN = Pattern.compile("[A-Za-z]");

	/** Division and classification codes are digits: a name shown instead never has three in a row. */
	private static final Pattern CODE = Pattern.compile("\\d{3,}");

	private static final Pattern HAN = Pattern.compile("\\p{IsHan}");

	private List<String> legends() {
		return this.browser.findElements(By.cssSelector("aside.facets fieldset legend"))
			.stream()
			.map(WebElement::getText)
			.toList();
	}

	private List<String> valueNames() {
		return this.browser.findElements(By.cssSelector("aside.facets label.facet .facet-name"))
			.stream()
			.map(WebElement::getText)
			.toList();
	}

	private String resultCount() {
		return this.browser.findElement(By.id("result-count")).getText();
	}

	/** Ticks the first value of a dimension, applies, and checks the results are that value's count. */
	private void filterByFirstValueOf(String dimension) {
		WebElement first = this.browser.findElement(By.cssSelector("input[type=checkbox][name=" + dimension + "]"));
		String value = first.getAttribute("value");
		String count = first.findElement(By.xpath("..")).findElement(By.cssSelector(".count")).getText();
		first.click();
		this.browser.findElement(By.cssSelector("aside.facets button[type=submit]")).click();
		new org.openqa.selenium.support.ui.WebDriverWait(this.browser, java.time.Duration.ofSeconds(10))
			.until(d -> d.getCurrentUrl().contains(dimension + "="));
		assertThat(resultCount()).contains(count);
		assertThat(this.browser
			.findElement(By.cssSelector("input[type=checkbox][name=" + dimension + "][value='" + value + "']"))
			.isSelected()).as("the ticked value stays ticked").isTrue();
	}

	@Nested
	class OpenPortal {

		@Test
		@DisplayName("The public sees the five public facets in Chinese with counts, and a facet filters")
		void facetsRenderInChineseAndFilter() {
			CatalogBrowserTests.this.browser.get(url("/open"));
			assertThat(legends()).containsExactly("开放属性", "提供部门", "资源分类", "资源格式", "更新周期");
			List<String> names = valueNames();
			assertThat(names).isNotEmpty().allSatisfy(name -> {
				assertThat(name).isNotBlank();
				assertThat(UUID.matcher(name).find()).as("a UUID in " + name).isFalse();
				assertThat(LATIN.matcher(name).find()).as("Latin letters in " + name).isFalse();
				assertThat(CODE.matcher(name).find()).as("a code in " + name).isFalse();
			});
			assertThat(CatalogBrowserTests.this.browser.findElements(By.cssSelector("aside.facets label.facet .count")))
				.allSatisfy(count -> assertThat(count.getText()).matches("\\d+"));
			axeClean("the open-data portal with facets");
			filterByFirstValueOf("agency");
			axeClean("the open-data portal filtered by agency");
		}

		@Test
		@DisplayName("English pages name facet values in English")
		void facetsRenderInEnglish() {
			CatalogBrowserTests.this.browser.get(url("/open?lang=en"));
			assertThat(legends()).contains("Open attribute", "Provider");
			assertThat(valueNames()).isNotEmpty().allSatisfy(name -> {
				assertThat(UUID.matcher(name).find()).as("a UUID in " + name).isFalse();
				assertThat(HAN.matcher(name).find()).as("Chinese in " + name).isFalse();
			});
			axeClean("the English open-data portal");
		}
	}

	@Nested
	class StaffSearch {

		@Test
		@DisplayName("Staff see all eight facets in Chinese with counts, and a facet filters")
		void facetsRenderAndFilter() {
			signIn("sn-coord");
			CatalogBrowserTests.this.browser.get(url("/catalog"));
			assertThat(legends()).containsExactly("共享类型", "开放属性", "提供部门", "行政区划", "资源分类", "资源格式", "更新周期",
					"数据分级");
			assertThat(valueNames()).isNotEmpty().allSatisfy(name -> {
				assertThat(UUID.matcher(name).find()).as("a UUID in " + name).isFalse();
				assertThat(LATIN.matcher(name).find()).as("Latin letters in " + name).isFalse();
				assertThat(CODE.matcher(name).find()).as("a code in " + name).isFalse();
			});
			axeClean("the catalog search with facets");
			filterByFirstValueOf("sharingType");
			axeClean("the catalog search filtered by sharing type");
		}
	}

	@Nested
	class SynonymPage {

		@Test
		@DisplayName("The platform admin opens the synonym list from the catalog's menu")
		void adminOpensTheSynonymList() {
			signIn("admin");
			CatalogBrowserTests.this.browser.get(url("/catalog"));
			CatalogBrowserTests.this.browser.findElement(By.linkText("检索同义词")).click();
			assertHeading("检索同义词表");
			assertThat(CatalogBrowserTests.this.browser.findElement(By.id("synonyms-text")).getDomProperty("value"))
				.contains("社保, 社会保险");
			axeClean("the synonym list");
		}
	}
}
