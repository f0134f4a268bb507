package org.unigov.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.unigov.UnigovTest;

/**
 * The README's table of demo department systems names the systems the demo really binds its
 * clients to, so that a newcomer's first call is made as the system the README says.
 */
@UnigovTest
class DemoClientsDocumentationTests {

	private static final Pattern ROW = Pattern.compile("^\\| `([a-z-]+)` \\| `(demo-secret-[a-z]+)` \\| ([^|(]+?) \\(([^)]+)\\) \\|$",
			Pattern.MULTILINE);

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void theReadmesClientTableMatchesTheDemoBindings() throws Exception {
		String readme = Files.readString(Path.of("README.md"));
		Map<String, String> documented = new LinkedHashMap<>();
		Matcher row = ROW.matcher(readme);
		while (row.find()) {
			documented.put(row.group(1), row.group(3).strip());
		}
		assertThat(documented).containsOnlyKeys("xa-hrss-social-insurance", "yt-civil-assistance", "sn-samr-registration");
		documented.forEach((client, system) -> assertThat(this.jdbc.queryForObject("""
				select s.name from exc_client c join reg_system s on s.id = c.system_id where c.client_id = ?""",
				String.class, client)).as(client).isEqualTo(system));
	}
}
