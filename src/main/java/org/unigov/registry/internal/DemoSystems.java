package org.unigov.registry.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.unigov.shared.Actor;
import org.unigov.shared.DemoMode;
import org.unigov.shared.Role;

/**
 * Demo inventory: about fifty systems of the demo divisions, among them the duplicates real
 * provinces find (six city-operation platforms, several grid-management systems, own login
 * systems beside the provincial unified identity), imported on first start through the same
 * import as any agency's spreadsheet.
 */
@Component
@Order(30)
class DemoSystems implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(DemoSystems.class);

	static final String RESOURCE = "registry/demo-systems.csv";

	private static final Actor SEEDER = new Actor(null, "system", "Unigov", Actor.Kind.SYSTEM, null, null, null,
			Set.of(Role.PLATFORM_ADMIN));

	private final DemoMode demo;

	private final Systems systems;

	private final SystemImport importer;

	DemoSystems(DemoMode demo, Systems systems, SystemImport importer) {
		this.demo = demo;
		this.systems = systems;
		this.importer = importer;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (!this.demo.enabled()
				|| this.systems.any()) {
			return;
		}
		byte[] content;
		try (InputStream in = getClass().getClassLoader().getResourceAsStream(RESOURCE)) {
			if (in == null) {
				throw new IllegalStateException(RESOURCE + " is missing");
			}
			content = in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		SystemImport.ImportReport report = this.importer.run(SEEDER, "demo-systems.csv", content, false,
				SystemImport.Progress.NONE);
		log.info("Seeded demo registry: {} systems", report.imported());
	}
}
