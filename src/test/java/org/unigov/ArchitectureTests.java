package org.unigov;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** House rules that code review would otherwise have to catch. */
@AnalyzeClasses(packages = "org.unigov", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

	/** Refusals are typed: modules throw UnigovException with an error code, never a raw RuntimeException. */
	@ArchTest
	static final ArchRule noRawRuntimeExceptions = noClasses().that()
		.areNotAssignableTo(RuntimeException.class)
		.should()
		.callConstructor(RuntimeException.class)
		.orShould()
		.callConstructor(RuntimeException.class, String.class)
		.orShould()
		.callConstructor(RuntimeException.class, String.class, Throwable.class);

	/** Controllers bind request records; the persistence of a module stays behind its services. */
	@ArchTest
	static final ArchRule controllersDoNotTouchJdbc = noClasses().that()
		.resideInAPackage("..web..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("org.springframework.jdbc..");

	/**
	 * Money and measures never use floating point in the domain. The one exception is similarity:
	 * the duplicate finder's scores, weights and thresholds are fractions in 0..1, and their fields
	 * say so in their names.
	 */
	@ArchTest
	static final ArchRule noFloatingPointFields = com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noFields()
		.that()
		.areDeclaredInClassesThat()
		.resideInAPackage("org.unigov..")
		.and()
		.haveNameNotMatching("(?i).*(score|weight|threshold|strongest|sum)")
		.should()
		.haveRawType(double.class)
		.orShould()
		.haveRawType(float.class);

	/** Amounts of money are whole fen in a long, whatever the module. */
	@ArchTest
	static final ArchRule moneyIsWholeFen = fields()
		.that()
		.areDeclaredInClassesThat()
		.resideInAPackage("org.unigov..")
		.and()
		.areNotStatic()
		.and()
		.haveNameMatching("(?i).*(fen|cost|amount|price|budget)")
		.should()
		.haveRawType(long.class)
		.orShould()
		.haveRawType(Long.class);
}
