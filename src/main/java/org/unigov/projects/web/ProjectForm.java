package org.unigov.projects.web;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.unigov.projects.internal.Project;
import org.unigov.projects.internal.ProjectInput;
import org.unigov.shared.Amounts;
import org.unigov.shared.problem.FieldProblem;
import org.unigov.shared.web.FormValues;

/**
 * The proposal form as people fill it in: amounts in yuan, the resources to publish one per line,
 * rows for the resources to obtain, the budget lines and the targets (blank rows are ignored). {@link #input} turns it into a
 * {@link ProjectInput}; what cannot even be read (an amount that is not one) is reported as a
 * field problem, the rest is checked by the service.
 */
public class ProjectForm {

	static final int BUDGET_ROWS = 5;

	static final int TARGET_ROWS = 3;

	static final int OBTAIN_ROWS = 3;

	private String name = "";

	private String summary = "";

	private String type = "new-system";

	private String path = "standard";

	private String planReference = "";

	private String urgencyReason = "";

	private String targetSystemId = "";

	private List<String> capabilities = new ArrayList<>();

	private boolean publicFacing;

	private String signIn = "unified-identity";

	private String identityExemption = "";

	private String overlapJustification = "";

	private List<String> reuseSystemIds = new ArrayList<>();

	/** One resource per line: "name | description". */
	private String publishes = "";

	/** One row a catalog resource to obtain: its code, its items (comma-separated), the purpose. */
	private List<String> obtainCode = blank(OBTAIN_ROWS);

	private List<String> obtainItems = blank(OBTAIN_ROWS);

	private List<String> obtainPurpose = blank(OBTAIN_ROWS);

	/** Comma- or line-separated. */
	private String collects = "";

	private List<String> budgetKind = blank(BUDGET_ROWS);

	private List<String> budgetYear = blank(BUDGET_ROWS);

	private List<String> budgetSource = blank(BUDGET_ROWS);

	private List<String> budgetYuan = blank(BUDGET_ROWS);

	private List<String> budgetNote = blank(BUDGET_ROWS);

	private List<String> targetIndicator = blank(TARGET_ROWS);

	private List<String> targetName = blank(TARGET_ROWS);

	private List<String> targetUnit = blank(TARGET_ROWS);

	private List<String> targetBaseline = blank(TARGET_ROWS);

	private List<String> targetValue = blank(TARGET_ROWS);

	private List<String> targetDue = blank(TARGET_ROWS);

	private static List<String> blank(int n) {
		return new ArrayList<>(Collections.nCopies(n, ""));
	}

	/** The form of a saved proposal, for revising it. */
	static ProjectForm of(Project p) {
		ProjectForm f = new ProjectForm();
		f.name = p.name();
		f.summary = p.summary();
		f.type = p.type().code();
		f.path = p.path().code();
		f.planReference = p.planReference() == null ? "" : p.planReference();
		f.urgencyReason = p.urgencyReason() == null ? "" : p.urgencyReason();
		f.targetSystemId = p.targetSystemId() == null ? "" : p.targetSystemId().toString();
		f.capabilities = new ArrayList<>(p.capabilities());
		f.publicFacing = p.publicFacing();
		f.signIn = p.signIn().code();
		f.identityExemption = p.identityExemption() == null ? "" : p.identityExemption();
		f.overlapJustification = p.overlapJustification() == null ? "" : p.overlapJustification();
		f.reuseSystemIds = new ArrayList<>(p.reuseSystemIds().stream().map(UUID::toString).toList());
		f.publishes = String.join("\n", p.publishes().stream()
			.map(x -> x.description().isEmpty() ? x.name() : x.name() + " | " + x.description())
			.toList());
		f.fillObtains(p.obtains());
		f.collects = String.join(", ", p.collects());
		// every saved line and target gets a row (and one blank row more), so saving keeps them all
		f.fillBudget(p.budgetLines());
		f.fillTargets(p.targets());
		return f;
	}

	private void fillObtains(List<Project.Acquisition> obtains) {
		int obtainRows = Math.max(OBTAIN_ROWS, Math.min(50, obtains.size() + 1));
		this.obtainCode = blank(obtainRows);
		this.obtainItems = blank(obtainRows);
		this.obtainPurpose = blank(obtainRows);
		for (int i = 0; i < obtains.size() && i < obtainRows; i++) {
			Project.Acquisition x = obtains.get(i);
			this.obtainCode.set(i, x.entryCode());
			this.obtainItems.set(i, String.join(", ", x.items()));
			this.obtainPurpose.set(i, x.purpose());
		}
	}

	private void fillBudget(List<Project.Line> lines) {
		int budgetRows = Math.max(BUDGET_ROWS, lines.size() + 1);
		this.budgetKind = blank(budgetRows);
		this.budgetYear = blank(budgetRows);
		this.budgetSource = blank(budgetRows);
		this.budgetYuan = blank(budgetRows);
		this.budgetNote = blank(budgetRows);
		for (int i = 0; i < lines.size(); i++) {
			Project.Line l = lines.get(i);
			this.budgetKind.set(i, l.kind().code());
			this.budgetYear.set(i, String.valueOf(l.year()));
			this.budgetSource.set(i, l.source().code());
			this.budgetYuan.set(i, new BigDecimal(l.amountFen()).movePointLeft(2).toPlainString());
			this.budgetNote.set(i, l.note());
		}
	}

	private void fillTargets(List<Project.Target> targets) {
		int targetRows = Math.max(TARGET_ROWS, Math.min(20, targets.size() + 1));
		this.targetIndicator = blank(targetRows);
		this.targetName = blank(targetRows);
		this.targetUnit = blank(targetRows);
		this.targetBaseline = blank(targetRows);
		this.targetValue = blank(targetRows);
		this.targetDue = blank(targetRows);
		for (int i = 0; i < targets.size() && i < targetRows; i++) {
			Project.Target t = targets.get(i);
			this.targetIndicator.set(i, t.indicator().code());
			this.targetName.set(i, t.name());
			this.targetUnit.set(i, t.unit());
			this.targetBaseline.set(i, t.baseline().toPlainString());
			this.targetValue.set(i, t.target().toPlainString());
			this.targetDue.set(i, t.due().toString());
		}
	}

	/** The proposal to save; unreadable amounts and numbers are added to {@code problems}. */
	ProjectInput input(List<FieldProblem> problems) {
		List<ProjectInput.Publication> publications = new ArrayList<>();
		for (String line : lines(this.publishes)) {
			String[] parts = line.split("\\|", 2);
			publications.add(new ProjectInput.Publication(parts[0].strip(), parts.length > 1 ? parts[1].strip() : ""));
		}
		List<String> collected = Arrays.stream(this.collects.split("[,，、\\n]")).map(String::strip)
			.filter(s -> !s.isEmpty()).toList();
		List<ProjectInput.BudgetLine> lines = budgetLines(problems);
		List<ProjectInput.Target> targets = targets(problems);
		List<UUID> reuse = reuse(problems);
		UUID target = targetSystem(problems);
		return new ProjectInput(this.name, this.summary, null, this.type, this.path, this.planReference,
				this.urgencyReason, target, this.capabilities, this.publicFacing, this.signIn, this.identityExemption,
				this.overlapJustification, reuse, publications, acquisitions(), collected, lines, targets);
	}

	private List<ProjectInput.Acquisition> acquisitions() {
		List<ProjectInput.Acquisition> acquisitions = new ArrayList<>();
		for (int i = 0; i < Math.min(50, this.obtainCode.size()); i++) {
			if (at(this.obtainCode, i).isBlank() && at(this.obtainItems, i).isBlank() && at(this.obtainPurpose, i).isBlank()) {
				continue;
			}
			List<String> items = Arrays.stream(at(this.obtainItems, i).split("[,，、;；\\n]")).map(String::strip)
				.filter(s -> !s.isEmpty()).toList();
			acquisitions.add(new ProjectInput.Acquisition(at(this.obtainCode, i).strip(), items, at(this.obtainPurpose, i).strip()));
		}
		return acquisitions;
	}

	private List<ProjectInput.BudgetLine> budgetLines(List<FieldProblem> problems) {
		List<ProjectInput.BudgetLine> lines = new ArrayList<>();
		for (int i = 0; i < Math.min(100, this.budgetYuan.size()); i++) {
			String yuan = at(this.budgetYuan, i);
			if (yuan.isBlank() && at(this.budgetYear, i).isBlank()) {
				continue;
			}
			Amounts.Read amount = Amounts.fen("budgetLines[" + lines.size() + "].amountFen", yuan);
			if (amount.problem() != null) {
				problems.add(amount.problem());
			}
			Integer year = null;
			try {
				year = at(this.budgetYear, i).isBlank() ? null : Integer.valueOf(at(this.budgetYear, i).strip());
			}
			catch (NumberFormatException ex) {
				problems.add(new FieldProblem("budgetLines[" + lines.size() + "].year", "invalid_year",
						"'" + at(this.budgetYear, i) + "' is not a year."));
			}
			lines.add(new ProjectInput.BudgetLine(at(this.budgetKind, i), year, at(this.budgetSource, i), amount.value(),
					at(this.budgetNote, i)));
		}
		return lines;
	}

	private List<ProjectInput.Target> targets(List<FieldProblem> problems) {
		List<ProjectInput.Target> targets = new ArrayList<>();
		for (int i = 0; i < Math.min(20, this.targetName.size()); i++) {
			if (at(this.targetName, i).isBlank() && at(this.targetValue, i).isBlank()) {
				continue;
			}
			String field = "targets[" + targets.size() + "]";
			targets.add(new ProjectInput.Target(at(this.targetIndicator, i), at(this.targetName, i), at(this.targetUnit, i),
					number(field + ".baseline", at(this.targetBaseline, i), problems),
					number(field + ".target", at(this.targetValue, i), problems),
					FormValues.date(at(this.targetDue, i), field + ".due", problems)));
		}
		return targets;
	}

	private List<UUID> reuse(List<FieldProblem> problems) {
		List<UUID> reuse = new ArrayList<>();
		for (String id : this.reuseSystemIds) {
			try {
				if (!id.isBlank()) {
					reuse.add(UUID.fromString(id.strip()));
				}
			}
			catch (IllegalArgumentException ex) {
				problems.add(new FieldProblem("reuseSystemIds", "unknown_system", "'" + id + "' is not a system id."));
			}
		}
		return reuse;
	}

	private @Nullable UUID targetSystem(List<FieldProblem> problems) {
		UUID target = null;
		if (!this.targetSystemId.isBlank()) {
			try {
				target = UUID.fromString(this.targetSystemId.strip());
			}
			catch (IllegalArgumentException ex) {
				problems.add(new FieldProblem("targetSystemId", "unknown_system", "Choose a registered system."));
			}
		}
		return target;
	}

	private static @Nullable BigDecimal number(String field, String text, List<FieldProblem> problems) {
		String value = text.replace(",", "").strip();
		if (value.isEmpty()) {
			return null;
		}
		try {
			return new BigDecimal(value);
		}
		catch (NumberFormatException ex) {
			problems.add(new FieldProblem(field, "invalid_number", "'" + text + "' is not a number."));
			return null;
		}
	}

	private static List<String> lines(String text) {
		return text.lines().map(String::strip).filter(s -> !s.isEmpty()).toList();
	}

	private static String at(List<String> list, int i) {
		return i < list.size() && list.get(i) != null ? list.get(i) : "";
	}

	// ---- bean properties for the form binding ------------------------------------------------

	public String getName() { return this.name; }
	public void setName(String name) { this.name = name; }
	public String getSummary() { return this.summary; }
	public void setSummary(String summary) { this.summary = summary; }
	public String getType() { return this.type; }
	public void setType(String type) { this.type = type; }
	public String getPath() { return this.path; }
	public void setPath(String path) { this.path = path; }
	public String getPlanReference() { return this.planReference; }
	public void setPlanReference(String planReference) { this.planReference = planReference; }
	public String getUrgencyReason() { return this.urgencyReason; }
	public void setUrgencyReason(String urgencyReason) { this.urgencyReason = urgencyReason; }
	public String getTargetSystemId() { return this.targetSystemId; }
	public void setTargetSystemId(String targetSystemId) { this.targetSystemId = targetSystemId; }
	public List<String> getCapabilities() { return this.capabilities; }
	public void setCapabilities(List<String> capabilities) { this.capabilities = capabilities; }
	public boolean isPublicFacing() { return this.publicFacing; }
	public void setPublicFacing(boolean publicFacing) { this.publicFacing = publicFacing; }
	public String getSignIn() { return this.signIn; }
	public void setSignIn(String signIn) { this.signIn = signIn; }
	public String getIdentityExemption() { return this.identityExemption; }
	public void setIdentityExemption(String identityExemption) { this.identityExemption = identityExemption; }
	public String getOverlapJustification() { return this.overlapJustification; }
	public void setOverlapJustification(String overlapJustification) { this.overlapJustification = overlapJustification; }
	public List<String> getReuseSystemIds() { return this.reuseSystemIds; }
	public void setReuseSystemIds(List<String> reuseSystemIds) { this.reuseSystemIds = reuseSystemIds; }
	public String getPublishes() { return this.publishes; }
	public void setPublishes(String publishes) { this.publishes = publishes; }
	public List<String> getObtainCode() { return this.obtainCode; }
	public void setObtainCode(List<String> v) { this.obtainCode = v; }
	public List<String> getObtainItems() { return this.obtainItems; }
	public void setObtainItems(List<String> v) { this.obtainItems = v; }
	public List<String> getObtainPurpose() { return this.obtainPurpose; }
	public void setObtainPurpose(List<String> v) { this.obtainPurpose = v; }
	public String getCollects() { return this.collects; }
	public void setCollects(String collects) { this.collects = collects; }
	public List<String> getBudgetKind() { return this.budgetKind; }
	public void setBudgetKind(List<String> v) { this.budgetKind = v; }
	public List<String> getBudgetYear() { return this.budgetYear; }
	public void setBudgetYear(List<String> v) { this.budgetYear = v; }
	public List<String> getBudgetSource() { return this.budgetSource; }
	public void setBudgetSource(List<String> v) { this.budgetSource = v; }
	public List<String> getBudgetYuan() { return this.budgetYuan; }
	public void setBudgetYuan(List<String> v) { this.budgetYuan = v; }
	public List<String> getBudgetNote() { return this.budgetNote; }
	public void setBudgetNote(List<String> v) { this.budgetNote = v; }
	public List<String> getTargetIndicator() { return this.targetIndicator; }
	public void setTargetIndicator(List<String> v) { this.targetIndicator = v; }
	public List<String> getTargetName() { return this.targetName; }
	public void setTargetName(List<String> v) { this.targetName = v; }
	public List<String> getTargetUnit() { return this.targetUnit; }
	public void setTargetUnit(List<String> v) { this.targetUnit = v; }
	public List<String> getTargetBaseline() { return this.targetBaseline; }
	public void setTargetBaseline(List<String> v) { this.targetBaseline = v; }
	public List<String> getTargetValue() { return this.targetValue; }
	public void setTargetValue(List<String> v) { this.targetValue = v; }
	public List<String> getTargetDue() { return this.targetDue; }
	public void setTargetDue(List<String> v) { this.targetDue = v; }
}
