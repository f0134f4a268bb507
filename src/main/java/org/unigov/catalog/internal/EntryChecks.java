package org.unigov.catalog.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.unigov.catalog.ConditionKind;
import org.unigov.catalog.DataFormat;
import org.unigov.catalog.DataGrade;
import org.unigov.catalog.DataItem;
import org.unigov.catalog.EntryContent;
import org.unigov.catalog.ItemOrigin;
import org.unigov.catalog.ItemType;
import org.unigov.catalog.LegalBasis;
import org.unigov.catalog.OpenAttribute;
import org.unigov.catalog.Secrecy;
import org.unigov.catalog.SharingMethod;
import org.unigov.catalog.SharingType;
import org.unigov.catalog.UpdateFrequency;
import org.unigov.catalog.UseCondition;
import org.unigov.registry.RegisteredSystem;
import org.unigov.registry.SystemId;
import org.unigov.registry.SystemRegistry;
import org.unigov.shared.Coded;
import org.unigov.shared.problem.FieldProblem;

/**
 * Turns what a department stated into an entry's content, checking the catalog rules: the fields
 * of C6, exactly one sharing type with its conditions or its reason and basis (C3), no conditions
 * of the department's own (C4), an open attribute that fits the data (C5), items that match the
 * standard data elements they claim, and where shared items come from (C8). Secret data (C1) is
 * refused before anything else by {@link EntryValidation}.
 */
@Component
public class EntryChecks {

	/**
	 * Wording that marks a condition as an obstacle of the department's own rather than a condition
	 * of use (C4): fees, paper or in-person steps, a leader's signature, case-by-case negotiation.
	 * The coordinator still reads every condition when reviewing; this catches the common ones.
	 */
	static final List<String> OBSTACLES = List.of("收费", "付费", "费用", "纸质", "线下", "当面", "领导签字", "领导审批", "签批",
			"一事一议", "另行协商", "个别协商", "盖章", "公函", "fee", "paper", "in person", "offline", "case by case",
			"case-by-case", "negotiat", "official letter", "stamp", "signature");

	private final JdbcClient jdbc;

	private final DataElements elements;

	private final SystemRegistry registry;

	private final Clock clock;

	EntryChecks(JdbcClient jdbc, DataElements elements, SystemRegistry registry, Clock clock) {
		this.clock = clock;
		this.jdbc = jdbc;
		this.elements = elements;
		this.registry = registry;
	}

	/** The content, or the problems that keep the input from being one. */
	public record Result(@Nullable EntryContent content, List<FieldProblem> problems, List<FieldProblem> warnings) {
	}

	public Result check(EntryInput in, UUID providerAgencyId, @Nullable String ownCode, boolean forSubmission,
			@Nullable EntryContent published) {
		List<FieldProblem> problems = new ArrayList<>();
		List<FieldProblem> warnings = new ArrayList<>();
		if (!classificationExists(in.classification())) {
			problems.add(new FieldProblem("classification", "unknown_classification",
					"There is no classification " + in.classification() + " (C6)."));
		}
		DataFormat format = parse(DataFormat.class, in.format(), "format", problems);
		UpdateFrequency frequency = parse(UpdateFrequency.class, in.updateFrequency(), "updateFrequency", problems);
		SharingType sharingType = parse(SharingType.class, in.sharingType(), "sharingType", problems);
		OpenAttribute open = parse(OpenAttribute.class, in.openAttribute(), "openAttribute", problems);
		DataGrade grade = parse(DataGrade.class, in.grade(), "grade", problems);
		Secrecy secrecy = parse(Secrecy.class, in.secrecy(), "secrecy", problems);
		List<DataItem> items = items(in.items(), problems);
		List<SharingMethod> methods = methods(in, problems);
		List<UseCondition> conditions = conditions(in.conditions() == null ? List.of() : in.conditions(), problems);
		checkSharing(in, sharingType, methods, conditions, problems, warnings);
		checkOpening(in, sharingType, open, grade, problems);
		checkFormalities(in, forSubmission, problems);
		List<String> related = in.relatedCodes() == null ? List.of() : in.relatedCodes();
		checkReferences(in, related, ownCode, providerAgencyId, problems);
		if (published != null && sharingType != null && restricts(published, sharingType) && blank(in.changeReason())) {
			problems.add(new FieldProblem("changeReason", "restriction_reason_required",
					"This revision restricts sharing further than the published entry: say why, with its basis (C4)."));
		}
		if (!problems.isEmpty() || format == null || frequency == null || sharingType == null || open == null
				|| grade == null || secrecy == null) {
			return new Result(null, problems, warnings);
		}
		List<String> keywords = in.keywords() == null ? List.of()
				: in.keywords().stream().map(String::strip).distinct().toList();
		EntryContent content = new EntryContent(in.name().strip(), trim(in.nameEn()), in.classification(),
				in.summary().strip(), trim(in.summaryEn()), items, format, frequency, sharingType,
				sharingType == SharingType.NOT_SHARED ? List.of() : methods, conditions,
				sharingType == SharingType.NOT_SHARED ? trim(in.notSharedReason()) : null,
				sharingType == SharingType.NOT_SHARED ? trim(in.notSharedBasis()) : null, open,
				open == OpenAttribute.CONDITIONAL ? trim(in.openConditions()) : null, grade, in.personalInfo(), secrecy,
				trim(in.assessmentApprovedBy()), in.assessmentApprovedOn(), List.copyOf(related), in.sourceSystemId(),
				keywords, trim(in.contactName()), trim(in.contactEmail()), trim(in.contactPhone()), in.coverageFrom(),
				in.coverageTo(), trim(in.changeReason()));
		return new Result(content, problems, warnings);
	}

	private static List<SharingMethod> methods(EntryInput in, List<FieldProblem> problems) {
		List<SharingMethod> methods = new ArrayList<>();
		List<String> codes = in.sharingMethods() == null ? List.of() : in.sharingMethods();
		for (int i = 0; i < codes.size(); i++) {
			SharingMethod method = parse(SharingMethod.class, codes.get(i), "sharingMethods[" + i + "]", problems);
			if (method != null && !methods.contains(method)) {
				methods.add(method);
			}
		}
		return methods;
	}

	/** C3, C4, C6: the sharing type, its conditions or its basis, and how the data is shared. */
	private static void checkSharing(EntryInput in, @Nullable SharingType sharingType, List<SharingMethod> methods,
			List<UseCondition> conditions, List<FieldProblem> problems, List<FieldProblem> warnings) {
		if (sharingType == SharingType.CONDITIONAL && conditions.isEmpty() && problems.stream()
			.noneMatch(p -> p.field().startsWith("conditions"))) {
			problems.add(new FieldProblem("conditions", "conditions_required",
					"A conditionally shared entry states its conditions of use: scope and purpose (C3)."));
		}
		if (sharingType == SharingType.UNCONDITIONAL && !conditions.isEmpty()) {
			problems.add(new FieldProblem("conditions", "conditions_on_unconditional",
					"An unconditionally shared entry carries no conditions of use; make it conditional instead (C4)."));
		}
		if (sharingType == SharingType.NOT_SHARED) {
			checkNotSharedBasis(in, problems);
		}
		else if (methods.isEmpty()) {
			problems.add(new FieldProblem("sharingMethods", "sharing_method_required",
					"Name at least one sharing method: API, batch exchange or file download (C6)."));
		}
		else if (!methods.contains(SharingMethod.API)) {
			warnings.add(new FieldProblem("sharingMethods", "api_preferred",
					"Sharing through an API is preferred (C6); say why the data is not offered as an API."));
		}
	}

	private static void checkNotSharedBasis(EntryInput in, List<FieldProblem> problems) {
		if (blank(in.notSharedReason())) {
			problems.add(new FieldProblem("notSharedReason", "not_shared_reason_required",
					"A not-shared entry states why the data is not shared (C3)."));
		}
		if (blank(in.notSharedBasis())) {
			problems.add(new FieldProblem("notSharedBasis", "not_shared_basis_required",
					"A not-shared entry names the law, administrative regulation or State Council decision that forbids sharing (C3)."));
		}
		else if (!LegalBasis.namesLaw(in.notSharedBasis())) {
			problems.add(new FieldProblem("notSharedBasis", "basis_not_law",
					"Only a law, an administrative regulation or a State Council decision can forbid sharing (C3)."));
		}
	}

	/** C3, C5: what may be opened to the public, and on which conditions. */
	private static void checkOpening(EntryInput in, @Nullable SharingType sharingType, @Nullable OpenAttribute open,
			@Nullable DataGrade grade, List<FieldProblem> problems) {
		if (sharingType == SharingType.NOT_SHARED && open != null && open != OpenAttribute.NOT_OPEN) {
			problems.add(new FieldProblem("openAttribute", "not_shared_opened",
					"Data that the law forbids sharing between departments cannot be opened to the public (C3, C5)."));
		}
		if (open == OpenAttribute.OPEN && (grade != DataGrade.GENERAL || in.personalInfo())) {
			problems.add(new FieldProblem("openAttribute", "open_sensitive_data",
					"Only general data without personal information can be open without conditions (C5)."));
		}
		if (open == OpenAttribute.CONDITIONAL && blank(in.openConditions())) {
			problems.add(new FieldProblem("openConditions", "open_conditions_required",
					"Data open on conditions states the conditions (C5)."));
		}
	}

	/** C2: the assessment before submitting; dates, coverage and contact details that make sense. */
	private void checkFormalities(EntryInput in, boolean forSubmission, List<FieldProblem> problems) {
		if (forSubmission && (blank(in.assessmentApprovedBy()) || in.assessmentApprovedOn() == null)) {
			problems.add(new FieldProblem("assessmentApprovedBy", "assessment_required",
					"Before submitting, the secrecy and personal-information assessment is approved by the head of the department: name them and the date (C2)."));
		}
		if (in.assessmentApprovedOn() != null
				&& in.assessmentApprovedOn().isAfter(LocalDate.now(this.clock).plusDays(1))) {
			problems.add(new FieldProblem("assessmentApprovedOn", "date_in_future",
					"The assessment cannot be approved in the future."));
		}
		if (in.coverageFrom() != null && in.coverageTo() != null && in.coverageTo().isBefore(in.coverageFrom())) {
			problems.add(new FieldProblem("coverageTo", "coverage_reversed", "The coverage ends before it starts."));
		}
		if (!blank(in.contactEmail()) && !in.contactEmail().matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
			problems.add(new FieldProblem("contactEmail", "invalid_email", "The contact e-mail address is not valid."));
		}
		if (!blank(in.contactPhone()) && ElementFormat.PHONE.problem(in.contactPhone(), null).isPresent()) {
			problems.add(new FieldProblem("contactPhone", "invalid_phone", "The contact telephone number is not valid."));
		}
	}

	/** Related entries that exist, and a source system the provider registered. */
	private void checkReferences(EntryInput in, List<String> related, @Nullable String ownCode, UUID providerAgencyId,
			List<FieldProblem> problems) {
		for (int i = 0; i < related.size(); i++) {
			if (related.get(i).equals(ownCode) || !entryExists(related.get(i))) {
				problems.add(new FieldProblem("relatedCodes[" + i + "]", "related_unknown",
						"There is no other catalog entry " + related.get(i) + "."));
			}
		}
		if (in.sourceSystemId() != null) {
			Optional<RegisteredSystem> system = this.registry.get(new SystemId(in.sourceSystemId()));
			if (system.isEmpty() || !system.get().agencyId().equals(providerAgencyId)) {
				problems.add(new FieldProblem("sourceSystemId", "source_system_unknown",
						"The source system must be one of the providing agency's registered systems."));
			}
		}
	}

	/** Whether moving to {@code type} shares less than the published revision does. */
	static boolean restricts(EntryContent published, SharingType type) {
		return type.ordinal() > published.sharingType().ordinal();
	}

	private List<DataItem> items(List<EntryInput.ItemInput> inputs, List<FieldProblem> problems) {
		List<DataItem> items = new ArrayList<>(inputs.size());
		Set<String> names = new HashSet<>();
		for (int i = 0; i < inputs.size(); i++) {
			EntryInput.ItemInput in = inputs.get(i);
			String field = "items[" + i + "]";
			if (!names.add(in.name().strip().toLowerCase(Locale.ROOT))) {
				problems.add(new FieldProblem(field + ".name", "duplicate_item", "The item " + in.name() + " is listed twice."));
			}
			ItemType type = parse(ItemType.class, in.type(), field + ".type", problems);
			ItemOrigin origin = blank(in.origin()) ? ItemOrigin.COLLECTED
					: parse(ItemOrigin.class, in.origin(), field + ".origin", problems);
			String elementCode = trim(in.elementCode());
			if (elementCode != null) {
				Optional<DataElement> element = this.elements.find(elementCode);
				if (element.isEmpty()) {
					problems.add(new FieldProblem(field + ".elementCode", "unknown_element",
							"There is no standard data element " + elementCode + "."));
				}
				else {
					if (type != null && type != element.get().itemType()) {
						problems.add(new FieldProblem(field + ".type", "element_type_mismatch",
								"The element " + elementCode + " is of type " + element.get().itemType().code()
										+ ", so the item must be too."));
					}
					if (!blank(in.example())) {
						element.get()
							.check(in.example().strip())
							.ifPresent(problem -> problems.add(new FieldProblem(field + ".example", "example_invalid",
									"The example value " + problem + " for the element " + elementCode + ".")));
					}
				}
			}
			String source = trim(in.sourceEntryCode());
			if (origin == ItemOrigin.SHARED && (source == null || !publishedEntryExists(source))) {
				problems.add(new FieldProblem(field + ".sourceEntryCode", "source_entry_required",
						"An item obtained through sharing names the published catalog entry it comes from (C8)."));
			}
			if (type != null && origin != null) {
				items.add(new DataItem(in.name().strip(), trim(in.nameEn()), type, elementCode, trim(in.description()),
						trim(in.example()), origin, origin == ItemOrigin.SHARED ? source : null));
			}
		}
		return items;
	}

	private List<UseCondition> conditions(List<EntryInput.ConditionInput> inputs, List<FieldProblem> problems) {
		List<UseCondition> conditions = new ArrayList<>();
		for (int i = 0; i < inputs.size(); i++) {
			EntryInput.ConditionInput in = inputs.get(i);
			String field = "conditions[" + i + "]";
			ConditionKind kind = parse(ConditionKind.class, in.kind(), field + ".kind", problems);
			if (blank(in.basis())) {
				problems.add(new FieldProblem(field + ".basis", "condition_without_basis",
						"Each condition of use cites the law or regulation it rests on; a department may not add conditions of its own (C4)."));
			}
			String lower = in.text().toLowerCase(Locale.ROOT);
			OBSTACLES.stream()
				.filter(lower::contains)
				.findFirst()
				.ifPresent(word -> problems.add(new FieldProblem(field + ".text", "own_condition",
						"\"" + word + "\" is an obstacle of the department's own, not a condition of use (C4).")));
			if (kind != null && !blank(in.basis())) {
				conditions.add(new UseCondition(kind, in.text().strip(), in.basis().strip()));
			}
		}
		return conditions;
	}

	private boolean classificationExists(String code) {
		return this.jdbc.sql("select count(*) from cat_classification where code = ?").param(code).query(Long.class)
			.single() > 0;
	}

	private boolean entryExists(String code) {
		return this.jdbc.sql("select count(*) from cat_entry where code = ?").param(code).query(Long.class).single() > 0;
	}

	private boolean publishedEntryExists(String code) {
		return this.jdbc.sql("select count(*) from cat_entry where code = ? and status = 'published'")
			.param(code)
			.query(Long.class)
			.single() > 0;
	}

	static <E extends Enum<E> & Coded> @Nullable E parse(Class<E> type, @Nullable String text, String field,
			List<FieldProblem> problems) {
		Optional<E> value = Coded.parse(type, text);
		if (value.isEmpty()) {
			List<String> codes = Arrays.stream(type.getEnumConstants()).map(Coded::code).toList();
			problems.add(new FieldProblem(field, "unknown_value",
					"\"" + text + "\" is not one of " + String.join(", ", codes) + "."));
			return null;
		}
		return value.get();
	}

	static boolean blank(@Nullable String text) {
		return text == null || text.isBlank();
	}

	static @Nullable String trim(@Nullable String text) {
		return text == null || text.isBlank() ? null : text.strip();
	}

	public static Map<String, String> rules() {
		return Map.ofEntries(Map.entry("conditions_required", "C3"), Map.entry("not_shared_reason_required", "C3"),
				Map.entry("not_shared_basis_required", "C3"), Map.entry("basis_not_law", "C3"),
				Map.entry("conditions_on_unconditional", "C4"), Map.entry("condition_without_basis", "C4"),
				Map.entry("own_condition", "C4"), Map.entry("restriction_reason_required", "C4"),
				Map.entry("open_sensitive_data", "C5"), Map.entry("not_shared_opened", "C5"), Map.entry("open_conditions_required", "C5"),
				Map.entry("assessment_required", "C2"), Map.entry("source_entry_required", "C8"));
	}
}
