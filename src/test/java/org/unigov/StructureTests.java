package org.unigov;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Houses one can live in (issue 17), read from the sources: no class over 500 lines, no method
 * over 60, and no module whose SQL names another module's tables (ModularityTests sees Java
 * dependencies only, not the tables a string of SQL reads).
 */
class StructureTests {

	static final Path MAIN = Path.of("src/main/java/org/unigov");

	static final Path MIGRATIONS = Path.of("src/main/resources/db/migration");

	static final int MAX_CLASS_LINES = 500;

	static final int MAX_METHOD_LINES = 60;

	@Test
	void noClassOverFiveHundredLines() {
		List<String> over = new ArrayList<>();
		for (Path file : javaFiles()) {
			int lines = read(file).split("\n", -1).length - 1;
			if (lines > MAX_CLASS_LINES) {
				over.add(MAIN.relativize(file) + " has " + lines + " lines");
			}
		}
		assertThat(over).as("classes over %d lines", MAX_CLASS_LINES).isEmpty();
	}

	@Test
	void noMethodOverSixtyLines() {
		List<String> over = new ArrayList<>();
		for (Path file : javaFiles()) {
			for (MethodLength m : SourceMethods.lengths(read(file))) {
				if (m.lines() > MAX_METHOD_LINES) {
					over.add(MAIN.relativize(file) + ":" + m.line() + " " + m.name() + " has " + m.lines() + " lines");
				}
			}
		}
		assertThat(over).as("methods over %d lines", MAX_METHOD_LINES).isEmpty();
	}

	/** The measure itself must see a long method, or the rule above could never fail. */
	@Test
	void theMethodMeasureSeesLongMethods() {
		String body = "\t\tcall();\n".repeat(70);
		String source = "class A {\n\n\tvoid shortOne() {\n\t\tcall();\n\t}\n\n\tpublic List<String> longOne(int a,\n\t\t\tint b) {\n"
				+ body + "\t\tString s = \"}\";\n\t}\n}\n";
		assertThat(SourceMethods.lengths(source)).extracting(MethodLength::name, MethodLength::lines)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("shortOne", 3),
					org.assertj.core.groups.Tuple.tuple("longOne", 74));
	}

	@Test
	void noModuleNamesAnotherModulesTables() {
		Map<String, String> owner = tableOwners();
		assertThat(owner).containsEntry("cat_entry", "catalog").containsEntry("reg_system", "registry");
		Pattern word = Pattern.compile("\\b[a-z][a-z0-9]*_[a-z0-9_]+\\b");
		List<String> crossings = new ArrayList<>();
		for (Path file : javaFiles()) {
			String module = moduleOf(file);
			for (String literal : SourceMethods.stringLiterals(read(file))) {
				Matcher m = word.matcher(literal.toLowerCase(Locale.ROOT));
				while (m.find()) {
					String table = owner.get(m.group());
					if (table != null && !table.equals(module)) {
						crossings.add(MAIN.relativize(file) + " (" + module + ") names " + m.group() + " of " + table);
					}
				}
			}
		}
		assertThat(crossings).as("SQL naming another module's table").isEmpty();
	}

	/** Each table and the module whose migrations create it. */
	static Map<String, String> tableOwners() {
		Pattern create = Pattern.compile("create table (?:if not exists )?([a-z0-9_]+)", Pattern.CASE_INSENSITIVE);
		Map<String, String> owners = new TreeMap<>();
		try (Stream<Path> modules = Files.list(MIGRATIONS)) {
			for (Path dir : modules.filter(Files::isDirectory).toList()) {
				try (Stream<Path> files = Files.list(dir)) {
					for (Path sql : files.toList()) {
						Matcher m = create.matcher(read(sql));
						while (m.find()) {
							owners.put(m.group(1).toLowerCase(Locale.ROOT), dir.getFileName().toString());
						}
					}
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return owners;
	}

	static String moduleOf(Path file) {
		Path relative = MAIN.relativize(file);
		return relative.getNameCount() > 1 ? relative.getName(0).toString() : "";
	}

	static List<Path> javaFiles() {
		try (Stream<Path> files = Files.walk(MAIN)) {
			return files.filter(p -> p.toString().endsWith(".java")).sorted().toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static String read(Path file) {
		try {
			return Files.readString(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	record MethodLength(String name, int line, int lines) {
	}

}
