package org.unigov;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaConstructor;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.springframework.context.ApplicationEventPublisher;
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
		Set<String> events = new TreeSet<>(listenedEvents());
		events.addAll(publishedEvents());
		Set<JavaClass> roots = new LinkedHashSet<>();
		Set<JavaClass> api = new LinkedHashSet<>();
		for (JavaClass type : CLASSES) {
			String module = module(type);
			if (module == null || !type.getPackageName().equals("org.unigov." + module) || !type.isTopLevelClass()
					|| type.getSimpleName().equals("package-info") || NOT_MODULES.contains(module)) {
				continue;
			}
			roots.add(type);
			boolean event = events.contains(type.getName());
			boolean id = type.isRecord() && type.getSimpleName().endsWith("Id");
			if (event || id || usedOutside(type, module)) {
				api.add(type);
			}
		}
		Set<JavaClass> withApi = withSignatures(api, roots);
		List<String> unused = roots.stream().filter(type -> !withApi.contains(type)).map(JavaClass::getName).sorted().toList();
		assertThat(unused).as("root-package types no other module uses (move them to internal)").isEmpty();
	}

	/**
	 * The API grows by what its public signatures name: a status enum returned by a facade's record,
	 * or a condition type taken by a method other modules call, is part of the API even when no other
	 * module names it in its own code.
	 */
	private static Set<JavaClass> withSignatures(Set<JavaClass> api, Set<JavaClass> roots) {
		Set<JavaClass> result = new LinkedHashSet<>(api);
		ArrayDeque<JavaClass> queue = new ArrayDeque<>(api);
		while (!queue.isEmpty()) {
			JavaClass type = queue.pop();
			for (JavaClass owner : Stream.concat(Stream.of(type), nested(type).stream()).toList()) {
				for (JavaType named : signatureTypes(owner)) {
					for (JavaClass raw : named.getAllInvolvedRawTypes()) {
						JavaClass top = raw.isTopLevelClass() ? raw : topLevel(raw);
						if (roots.contains(top) && result.add(top)) {
							queue.add(top);
						}
					}
				}
			}
		}
		return result;
	}

	private static List<JavaType> signatureTypes(JavaClass owner) {
		List<JavaType> types = new ArrayList<>();
		for (JavaMethod method : owner.getMethods()) {
			if (method.getModifiers().contains(JavaModifier.PUBLIC)) {
				types.add(method.getReturnType());
				types.addAll(method.getParameterTypes());
			}
		}
		for (JavaConstructor constructor : owner.getConstructors()) {
			if (constructor.getModifiers().contains(JavaModifier.PUBLIC)) {
				types.addAll(constructor.getParameterTypes());
			}
		}
		for (JavaField field : owner.getFields()) {
			if (field.getModifiers().contains(JavaModifier.PUBLIC)) {
				types.add(field.getType());
			}
		}
		return types;
	}

	private static JavaClass topLevel(JavaClass type) {
		JavaClass current = type;
		while (current.getEnclosingClass().isPresent()) {
			current = current.getEnclosingClass().get();
		}
		return current;
	}

	/**
	 * Every platform record constructed in a method that publishes an application event, directly or
	 * through a small forwarder of the module's own (such as the catalog's {@code EntryChanges.publish}):
	 * the events the platform announces, whether or not anybody listens yet.
	 */
	private static Set<String> publishedEvents() {
		Set<String> forwarders = new TreeSet<>();
		for (JavaClass type : CLASSES) {
			for (JavaCodeUnit unit : type.getCodeUnits()) {
				if (callsPublishEvent(unit)) {
					forwarders.add(unit.getFullName());
				}
			}
		}
		Set<String> events = new TreeSet<>();
		for (JavaClass type : CLASSES) {
			for (JavaCodeUnit unit : type.getCodeUnits()) {
				boolean publishes = unit.getMethodCallsFromSelf()
					.stream()
					.anyMatch(call -> forwarders.contains(call.getTarget().getFullName()) || callsPublishEvent(unit));
				if (publishes) {
					unit.getConstructorCallsFromSelf()
						.stream()
						.map(call -> call.getTargetOwner())
						.filter(owner -> owner.isRecord() && owner.getPackageName().startsWith("org.unigov."))
						.forEach(owner -> events.add(owner.getName()));
				}
			}
		}
		return events;
	}

	private static boolean callsPublishEvent(JavaCodeUnit unit) {
		return unit.getMethodCallsFromSelf()
			.stream()
			.anyMatch(call -> call.getName().equals("publishEvent")
					&& call.getTargetOwner().isAssignableTo(ApplicationEventPublisher.class));
	}

	/** The rule must be able to fail: an internal helper of the audit module is not used elsewhere. */
	@Test
	void theRuleSeesAModuleOnlyType() {
		JavaClass hashing = CLASSES.get("org.unigov.audit.internal.AuditHashing");
		assertThat(usedOutside(hashing, "audit")).isFalse();
		assertThat(usedOutside(CLASSES.get("org.unigov.audit.AuditJournal"), "audit")).isTrue();
		assertThat(publishedEvents()).contains("org.unigov.catalog.EntryPublished", "org.unigov.sharing.GrantIssued")
			.doesNotContain("org.unigov.catalog.CatalogEntry", "java.util.LinkedHashMap");
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
