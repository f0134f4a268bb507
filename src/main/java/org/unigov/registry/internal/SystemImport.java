package org.unigov.registry.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Semaphore;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.unigov.organization.Agency;
import org.unigov.registry.internal.ImportFiles.Parsed;
import org.unigov.shared.Actor;
import org.unigov.shared.Role;
import org.unigov.shared.problem.CommonError;
import org.unigov.shared.problem.FieldProblem;
import org.unigov.shared.problem.UnigovException;

/**
 * Bulk import of system inventories from the XLSX or CSV template (Chinese or English headers).
 * A dry run checks every row and imports nothing; a real run imports every row or, if any row has
 * a problem, none. No row is ever dropped silently: each problem names its row (as the
 * spreadsheet numbers it, header = 1), its column and what is wrong.
 */
@Service
public class SystemImport {

	/** Most rows one file may hold. */
	public static final int MAX_ROWS = 50_000;

	/** Most problems listed in one report; the count is always complete. */
	static final int MAX_LISTED_PROBLEMS = 1_000;

	private final ImportRows rows;

	private final SystemRules rules;

	private final SystemRegistration registration;

	private final Systems systems;

	private final TransactionTemplate transactions;

	SystemImport(ImportRows rows, SystemRules rules, SystemRegistration registration, Systems systems,
			TransactionTemplate transactions) {
		this.rows = rows;
		this.rules = rules;
		this.registration = registration;
		this.systems = systems;
		this.transactions = transactions;
	}

	/**
	 * One problem of one row. Row 1 is the header row. {@code message} is English for API
	 * clients; pages show the bundle's text for {@code code}, with {@code value} (the cell as
	 * written, or the earlier row of a repeated one) where it helps.
	 */
	public record RowProblem(int row, String column, String code, String message, String value) {

		public RowProblem(int row, String column, String code, String message) {
			this(row, column, code, message, "");
		}
	}

	/**
	 * What an import found and did.
	 *
	 * @param problemCount every problem found; {@code problems} lists the first 1,000
	 */
	public record ImportReport(String fileName, boolean dryRun, int rows, int validRows, int blankRows, int imported,
			int problemCount, List<RowProblem> problems, long tookMillis) {

		public boolean accepted() {
			return this.problemCount == 0;
		}
	}

	/** Told how far an import has got, for progress bars. */
	public interface Progress {

		Progress NONE = (phase, done, total) -> {
		};

		void update(String phase, int done, int total);

	}


	/**
	 * Checks a file and, unless {@code dryRun}, imports it. A real run with problems throws
	 * {@code import_rejected} carrying the report; nothing is written.
	 */
	public ImportReport run(Actor actor, String fileName, byte[] content, boolean dryRun, Progress progress) {
		if (!actor.hasAny(Role.PLATFORM_ADMIN, Role.AGENCY_ADMIN, Role.AGENCY_STAFF)) {
			throw new UnigovException(CommonError.FORBIDDEN,
					"Only agency admins and staff (for their agency) and platform admins import systems.");
		}
		if (!RUNNING.tryAcquire()) {
			throw new UnigovException(CommonError.TOO_MANY_REQUESTS,
					"Two imports are running already; try again in a minute.");
		}
		try {
			return runExclusive(actor, fileName, content, dryRun, progress);
		}
		finally {
			RUNNING.release();
		}
	}

	/** At most two imports run at once on an instance: each holds a file and its rows in memory. */
	private static final Semaphore RUNNING = new Semaphore(2);

	private ImportReport runExclusive(Actor actor, String fileName, byte[] content, boolean dryRun,
			Progress progress) {
		long start = System.nanoTime();
		progress.update("parse", 0, 0);
		Parsed parsed = ImportFiles.parse(fileName, content);
		List<RowProblem> problems = new ArrayList<>();
		List<SystemDraft> drafts = check(actor, parsed, problems, progress);
		int valid = drafts.size();
		int imported = 0;
		if (problems.isEmpty() && !dryRun) {
			progress.update("save", 0, drafts.size());
			String source = "import:" + safeName(fileName);
			imported = this.transactions.execute(status -> this.registration.createAll(actor, drafts, source)).size();
			progress.update("save", imported, drafts.size());
		}
		problems.sort(Comparator.comparingInt(RowProblem::row));
		ImportReport report = new ImportReport(safeName(fileName), dryRun, parsed.rows().size(), valid,
				parsed.blankRows(), imported, problems.size(),
				List.copyOf(problems.subList(0, Math.min(problems.size(), MAX_LISTED_PROBLEMS))),
				(System.nanoTime() - start) / 1_000_000);
		if (!dryRun && !problems.isEmpty()) {
			throw new UnigovException(RegistryError.IMPORT_REJECTED, "Nothing was imported: " + problems.size()
					+ " problem(s) in " + parsed.rows().size() + " row(s). Fix them and import the file again.",
					Map.of("report", report));
		}
		return report;
	}

	private static String safeName(String fileName) {
		String name = fileName.replaceAll("[\\p{Cntrl}<>\"\\\\/]", "_");
		return name.length() > 120 ? name.substring(0, 120) : name;
	}

	private List<SystemDraft> check(Actor actor, Parsed parsed, List<RowProblem> problems, Progress progress) {
		List<SystemDraft> drafts = new ArrayList<>();
		Map<String, Optional<Agency>> agencies = new HashMap<>();
		Map<String, Integer> firstRow = new HashMap<>();
		Map<UUID, Set<String>> existing = new HashMap<>();
		int total = parsed.rows().size();
		for (int i = 0; i < total; i++) {
			if (i % 500 == 0) {
				progress.update("check", i, total);
			}
			int rowNumber = parsed.rowNumbers().get(i);
			Map<ImportColumn, String> row = parsed.rows().get(i);
			List<RowProblem> rowProblems = new ArrayList<>();
			SystemDraft draft = this.rows.draft(actor, row, rowNumber, rowProblems, agencies);
			if (draft != null) {
				for (FieldProblem p : this.rules.validate(draft)) {
					rowProblems.add(new RowProblem(rowNumber, column(p.field()), p.code(), p.message()));
				}
				String key = draft.agencyId() + "|" + SystemNames.key(draft.name());
				Integer first = firstRow.putIfAbsent(key, rowNumber);
				if (first != null) {
					rowProblems.add(new RowProblem(rowNumber, ImportColumn.NAME.headerZh(), "duplicate_row",
							"Row " + first + " already registers '" + draft.name().strip() + "' for this agency.",
							String.valueOf(first)));
				}
				Set<String> names = existing.computeIfAbsent(draft.agencyId(), this::existingNames);
				if (names.contains(SystemNames.key(draft.name()))) {
					rowProblems.add(new RowProblem(rowNumber, ImportColumn.NAME.headerZh(), "system_exists",
							"The agency already has a registered system named '" + draft.name().strip()
									+ "'; edit it instead.", SystemNames.clean(draft.name())));
				}
			}
			if (rowProblems.isEmpty() && draft != null) {
				drafts.add(draft);
			}
			problems.addAll(rowProblems);
		}
		progress.update("check", total, total);
		return drafts;
	}

	private Set<String> existingNames(UUID agencyId) {
		Set<String> names = new HashSet<>();
		this.systems.names(agencyId, null).forEach(n -> names.add(SystemNames.key(n)));
		return names;
	}

	private static String column(String field) {
		return switch (field) {
			case "buildCostFen" -> ImportColumn.BUILD_COST.headerZh();
			case "annualOmCostFen" -> ImportColumn.ANNUAL_OM_COST.headerZh();
			case "agencyId" -> ImportColumn.AGENCY_CODE.headerZh();
			default -> Arrays.stream(ImportColumn.values())
				.filter(c -> c.key().equals(field))
				.map(ImportColumn::headerZh)
				.findFirst()
				.orElse(field);
		};
	}

}
