package org.unigov;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.springframework.context.event.EventListener;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * A module's root package is its API: it holds only what other modules use, the events it
 * publishes and the typed ids others refer to. Everything else lives in a subpackage
 * ({@code internal}, {@code web}…), which Spring Modulith keeps private to the module.
 */
class ModuleApiTests {

	private static final JavaClasses CLASSES = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("org.unigov");

	/**
	 * Modules the rule does not apply to: {@code shared} is the shared kernel (every type in it is
	 * there for the others), {@code web} is the application's shell (home page, layout, error pages),
	 * which by design no module depends on.
	 */
	private static final Set<String> NOT_MODULES = Set.of("shared", "web");

	@Test
	void rootPackagesHoldOnlyWhatOtherModulesUse() {
		Set<String> events = listenedEvents();
		List<String> unused = new ArrayList<>();
		for (JavaClass type : CLASSES) {
			String module = module(type);
			if (module == null || !type.getPackageName().equals("org.unigov." + module) || !type.isTopLevelClass()
					|| type.getSimpleName().equals("package-info") || NOT_MODULES.contains(module)) {
				continue;
			}
			boolean event = events.contains(type.getName());
			boolean id = type.isRecord() && type.getSimpleName().endsWith("Id");
			if (!event && !id && !usedOutside(type, module)) {
				unused.add(type.getName());
			}
		}
		assertThat(unused).as("root-package types no other module uses (move them to internal)").isEmpty();
	}

	/** The rule must be able to fail: an internal helper of the audit module is not used elsewhere. */
	@Test
	void theRuleSeesAModuleOnlyType() {
		JavaClass hashing = CLASSES.get("org.unigov.audit.internal.AuditHashing");
		assertThat(usedOutside(hashing, "audit")).isFalse();
		assertThat(usedOutside(CLASSES.get("org.unigov.audit.AuditJournal"), "audit")).isTrue();
	}

	private static boolean usedOutside(JavaClass type, String module) {
		return Stream.concat(Stream.of(type), nested(type).stream())
			.flatMap(t -> t.getDirectDependenciesToSelf().stream())
			.anyMatch(d -> !module.equals(module(d.getOriginClass())));
	}

	private static List<JavaClass> nested(JavaClass type) {
		return CLASSES.stream().filter(c -> c.getName().startsWith(type.getName() + "$")).toList();
	}

	/** Every type some listener method takes: the events of the platform. */
	private static Set<String> listenedEvents() {
		Set<String> events = new TreeSet<>();
		for (JavaClass type : CLASSES) {
			for (JavaMethod method : type.getMethods()) {
				if (method.isAnnotatedWith(EventListener.class) || method.isAnnotatedWith(TransactionalEventListener.class)
						|| method.isAnnotatedWith(ApplicationModuleListener.class)) {
					method.getRawParameterTypes().forEach(p -> events.add(p.getName()));
				}
			}
		}
		return events;
	}

	/** The module a class belongs to, or null for the application's own root package. */
	static String module(JavaClass type) {
		String name = type.getPackageName();
		if (!name.startsWith("org.unigov.")) {
			return name.equals("org.unigov") ? "" : "-";
		}
		String rest = name.substring("org.unigov.".length());
		int dot = rest.indexOf('.');
		return dot < 0 ? rest : rest.substring(0, dot);
	}

}
