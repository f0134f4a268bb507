package org.unigov.sharing.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.unigov.audit.AuditJournal;
import org.unigov.audit.AuditRecord;
import org.unigov.calendar.Deadline;
import org.unigov.calendar.WorkingCalendar;
import org.unigov.catalog.Catalog;
import org.unigov.catalog.CatalogEntry;
import org.unigov.catalog.CatalogError;
import org.unigov.catalog.EntryId;
import org.unigov.catalog.EntryStatus;
import org.unigov.catalog.OpenAttribute;
import org.unigov.shared.Actor;
import org.unigov.shared.Role;
import org.unigov.shared.ident.CreditCode;
import org.unigov.shared.ident.PlainText;
import org.unigov.shared.problem.CommonError;
import org.unigov.shared.problem.FieldProblem;
import org.unigov.shared.problem.UnigovException;
import org.unigov.sharing.internal.OpenApplicationStore;

/**
 * Applications for conditionally open public data (有条件开放, C5): a signed-in citizen applies,
 * for themselves or for an organization, stating purpose, data items and period of use; the
 * providing department replies within the 10 working days of a conditional sharing request (S2),
 * approving with how and on what terms the data is provided or refusing with reasons (S3); an
 * overdue reply is handed to the coordinator of the provider's level, as for staff requests. Each
 * step is audited ({@code sharing-open-application}).
 */
@Service
@Transactional
public class OpenApplications {

	private final OpenApplicationStore store;

	private final Catalog catalog;

	private final WorkingCalendar calendar;

	private final AuditJournal journal;

	private final Clock clock;

	OpenApplications(OpenApplicationStore store, Catalog catalog, WorkingCalendar calendar, AuditJournal journal,
			Clock clock) {
		this.clock = clock;
		this.store = store;
		this.catalog = catalog;
		this.calendar = calendar;
		this.journal = journal;
	}

	/** A page of applications with the total. */
	public record Page(List<OpenApplication> items, long total, int page, int size) {

		public int pages() {
			return (int) Math.max(1, (this.total + this.size - 1) / this.size);
		}
	}

	public static boolean isApplicant(Actor actor) {
		return actor.kind() == Actor.Kind.CITIZEN && actor.has(Role.CITIZEN) && actor.accountId() != null;
	}

	/** The conditionally open entry an application is for, or 404. */
	@Transactional(readOnly = true)
	public CatalogEntry applicable(UUID entryId) {
		return this.catalog.get(new EntryId(entryId))
			.filter(e -> e.status() == EntryStatus.PUBLISHED && e.content().openAttribute() == OpenAttribute.CONDITIONAL)
			.orElseThrow(() -> UnigovException.notFound(CatalogError.ENTRY_NOT_FOUND, "Conditionally open dataset", entryId));
	}

	/** Files an application; citizens' accounts only. Every problem is listed in one answer. */
	public OpenApplication apply(Actor actor, OpenApplicationInput input) {
		if (!isApplicant(actor)) {
			throw new UnigovException(SharingError.NOT_YOUR_REQUEST,
					"Open data is applied for with a citizen or enterprise account; departments file sharing requests.");
		}
		if (input.entryId() == null) {
			throw UnigovException.invalid(SharingError.INVALID_REQUEST, "Choose the dataset to apply for.",
					List.of(new FieldProblem("entryId", "missing", "Choose the dataset to apply for.")));
		}
		CatalogEntry entry = applicable(input.entryId());
		List<FieldProblem> problems = new ArrayList<>();
		Applicant applicant = applicant(actor, input, problems);
		String contact = strip(input.contact());
		String purpose = strip(input.purpose());
		problems.addAll(statementProblems(contact, purpose));
		List<String> items = input.items() == null ? List.of()
				: input.items().stream().filter(i -> i != null && !i.isBlank()).map(String::strip).distinct().toList();
		problems.addAll(itemProblems(items, entry));
		problems.addAll(periodProblems(input.periodFrom(), input.periodTo()));
		if (!problems.isEmpty()) {
			throw UnigovException.invalid(SharingError.INVALID_REQUEST, "The application lacks or misstates "
					+ problems.size() + " thing(s); all are listed: " + UnigovException.messages(problems), problems);
		}
		return file(actor, entry, applicant, new Terms(contact, purpose, items, Objects.requireNonNull(input.periodFrom()),
				Objects.requireNonNull(input.periodTo())));
	}

	/** Who applies: the person signed in, or an organization named with its credit code. */
	private record Applicant(String kind, String name, @Nullable String organizationCode) {
	}

	/** What the application states. */
	private record Terms(String contact, String purpose, List<String> items, LocalDate periodFrom, LocalDate periodTo) {
	}

	private static Applicant applicant(Actor actor, OpenApplicationInput input, List<FieldProblem> problems) {
		String kind = input.applicantKind() == null ? "" : input.applicantKind().strip();
		if (kind.equals("person")) {
			return new Applicant(kind, actor.displayName(), null);
		}
		if (!kind.equals("organization")) {
			problems.add(new FieldProblem("applicantKind", "missing", "Say whether you apply for yourself or an organization."));
			return new Applicant(kind, actor.displayName(), null);
		}
		String orgName = strip(input.organizationName());
		if (orgName.isEmpty()) {
			problems.add(new FieldProblem("organizationName", "missing", "State the organization's name."));
		}
		else if (orgName.length() > 100 || !PlainText.Validator.isPlain(orgName, false)) {
			problems.add(new FieldProblem("organizationName", "too_long", "The organization's name is at most 100 characters."));
		}
		String orgCode = strip(input.organizationCode()).toUpperCase(Locale.ROOT);
		if (!CreditCode.isValid(orgCode)) {
			problems.add(new FieldProblem("organizationCode", "invalid_credit_code",
					"Give the organization's 18-character unified social credit code (GB 32100)."));
		}
		return new Applicant(kind, orgName, orgCode);
	}

	private static List<FieldProblem> statementProblems(String contact, String purpose) {
		List<FieldProblem> problems = new ArrayList<>();
		if (contact.isEmpty()) {
			problems.add(new FieldProblem("contact", "missing", "Give a telephone number or e-mail address for the reply."));
		}
		else if (contact.length() > 100 || !PlainText.Validator.isPlain(contact, false)) {
			problems.add(new FieldProblem("contact", "too_long", "The contact is at most 100 characters."));
		}
		if (purpose.length() < 10) {
			problems.add(new FieldProblem("purpose", "purpose_too_short",
					"Describe the purpose of use in at least 10 characters."));
		}
		else if (purpose.length() > 1000 || !PlainText.Validator.isPlain(purpose, true)) {
			problems.add(new FieldProblem("purpose", "too_long", "The purpose is at most 1,000 characters."));
		}
		return problems;
	}

	private static List<FieldProblem> itemProblems(List<String> items, CatalogEntry entry) {
		List<FieldProblem> problems = new ArrayList<>();
		if (items.isEmpty()) {
			problems.add(new FieldProblem("items", "missing", "Choose the data items you need."));
		}
		List<String> offered = entry.content().itemNames();
		for (int i = 0; i < items.size(); i++) {
			if (!offered.contains(items.get(i))) {
				problems.add(new FieldProblem("items[" + i + "]", "unknown_item",
						"Dataset " + entry.code() + " has no item " + items.get(i) + "."));
			}
		}
		return problems;
	}

	private List<FieldProblem> periodProblems(@Nullable LocalDate from, @Nullable LocalDate to) {
		if (from == null || to == null) {
			return List.of(new FieldProblem("periodTo", "missing", "State the period of use: from and to."));
		}
		if (to.isBefore(from)) {
			return List.of(new FieldProblem("periodTo", "period_reversed", "The period of use ends before it starts."));
		}
		if (to.isBefore(this.calendar.today())) {
			return List.of(new FieldProblem("periodTo", "period_past", "The period of use is over already."));
		}
		if (to.isAfter(from.plusYears(RequestRules.MAX_PERIOD_YEARS))) {
			return List.of(new FieldProblem("periodTo", "period_too_long",
					"A period of use is at most " + RequestRules.MAX_PERIOD_YEARS + " years."));
		}
		return List.of();
	}

	/** Stores the application with its reply clock (S2) and audits it. */
	private OpenApplication file(Actor actor, CatalogEntry entry, Applicant applicant, Terms terms) {
		LocalDate today = this.calendar.today();
		UUID id = UUID.randomUUID();
		Deadline due = this.calendar.addWorkingDays(today, RequestRules.REPLY_DAYS);
		OpenApplication application = new OpenApplication(id, this.store.nextNumber(today.getYear()), entry.id(),
				entry.code(), entry.content().name(), entry.providerAgencyId(), entry.divisionCode(),
				Objects.requireNonNull(actor.accountId()), actor.username(), applicant.kind(), applicant.name(),
				applicant.organizationCode(), terms.contact(), terms.purpose(), terms.items(), terms.periodFrom(),
				terms.periodTo(), "submitted", this.clock.instant(), due.due(), due.provisional(), null, null, null, null, 0);
		OpenApplication filed = this.store.insert(application,
				entry.publishedRevision() == null ? 0 : entry.publishedRevision(), RequestRules.REPLY_DAYS);
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("number", application.number());
		details.put("entry", entry.code());
		details.put("provider", entry.providerCode());
		details.put("applicantKind", applicant.kind());
		details.put("items", terms.items());
		details.put("replyDue", due.due().toString());
		audit(actor, "open-application.filed", id, entry.divisionCode(), details);
		return filed;
	}

	/** The applicant's own applications, newest first. */
	@Transactional(readOnly = true)
	public Page mine(Actor actor, int page, int size) {
		if (!isApplicant(actor)) {
			return new Page(List.of(), 0, 0, size);
		}
		UUID account = Objects.requireNonNull(actor.accountId());
		return new Page(this.store.ofApplicant(account, size, page * size), this.store.countOfApplicant(account), page, size);
	}

	/** Applications received: the provider's staff see their agency's; coordinators and auditors their subtree. */
	@Transactional(readOnly = true)
	public Page received(Actor actor, int page, int size) {
		if (actor.has(Role.PLATFORM_ADMIN)) {
			return new Page(this.store.received(null, null, size, page * size), this.store.countReceived(null, null), page, size);
		}
		if (actor.hasAny(Role.COORDINATOR, Role.AUDITOR) && actor.scopePrefix() != null) {
			String prefix = actor.scopePrefix();
			return new Page(this.store.received(null, prefix, size, page * size), this.store.countReceived(null, prefix),
					page, size);
		}
		if (actor.hasAny(Role.AGENCY_ADMIN, Role.AGENCY_STAFF) && actor.agencyId() != null) {
			return new Page(this.store.received(actor.agencyId(), null, size, page * size),
					this.store.countReceived(actor.agencyId(), null), page, size);
		}
		return new Page(List.of(), 0, page, size);
	}

	public static boolean isVisible(Actor actor, OpenApplication a) {
		return actor.has(Role.PLATFORM_ADMIN)
				|| actor.hasAny(Role.COORDINATOR, Role.AUDITOR) && actor.covers(a.providerDivision())
				|| actor.hasAny(Role.AGENCY_ADMIN, Role.AGENCY_STAFF) && a.providerAgencyId().equals(actor.agencyId())
				|| a.applicantAccount().equals(actor.accountId());
	}

	public static boolean canReply(Actor actor, OpenApplication a) {
		return a.awaitingReply() && RequestRules.actsFor(actor, a.providerAgencyId());
	}

	@Transactional(readOnly = true)
	public OpenApplication visible(Actor actor, UUID id) {
		return this.store.get(id)
			.filter(a -> isVisible(actor, a))
			.orElseThrow(() -> UnigovException.notFound(SharingError.REQUEST_NOT_FOUND, "Open data application", id));
	}

	/**
	 * The provider's reply: approve with how and on what terms the data is provided, or refuse
	 * with reasons (S3); at least 10 characters either way.
	 */
	public OpenApplication reply(Actor actor, UUID id, boolean approve, @Nullable String text, long version) {
		OpenApplication a = visible(actor, id);
		if (!RequestRules.actsFor(actor, a.providerAgencyId())) {
			throw new UnigovException(SharingError.NOT_YOUR_REQUEST,
					"Only the providing agency replies to application " + a.number() + ".");
		}
		lock(a, version);
		String reply = strip(text);
		if (reply.length() < 10 || reply.length() > 2000 || !PlainText.Validator.isPlain(reply, true)) {
			throw UnigovException.invalid(SharingError.REASONS_REQUIRED, approve
					? "Tell the applicant how and on what terms the data is provided, in at least 10 characters."
					: "A refusal states its reasons (S3), in at least 10 characters.",
					List.of(new FieldProblem("reply", approve ? "approval_note_required" : "refusal_reasons_required",
							"At least 10 characters.")));
		}
		OpenApplication replied = this.store.reply(id, approve ? "approved" : "refused", actor.username(), reply);
		audit(actor, approve ? "open-application.approved" : "open-application.refused", id, a.providerDivision(),
				Map.of("number", a.number(), "entry", a.entryCode(), "reply", reply));
		return replied;
	}

	/** The applicant withdraws an application that awaits its reply. */
	public OpenApplication withdraw(Actor actor, UUID id, long version) {
		OpenApplication a = visible(actor, id);
		if (!a.applicantAccount().equals(actor.accountId())) {
			throw new UnigovException(SharingError.NOT_YOUR_REQUEST, "Only the applicant withdraws application " + a.number() + ".");
		}
		lock(a, version);
		OpenApplication withdrawn = this.store.withdraw(id);
		audit(actor, "open-application.withdrawn", id, a.providerDivision(), Map.of("number", a.number()));
		return withdrawn;
	}

	private void lock(OpenApplication a, long version) {
		long current = this.store.lock(a.id()).orElseThrow();
		if (current != version) {
			throw new UnigovException(CommonError.STALE_VERSION, "Application " + a.number()
					+ " changed since you read it (version " + current + ", you had " + version + "); reload it.");
		}
		if (!a.awaitingReply()) {
			throw new UnigovException(SharingError.WRONG_STATE, "Application " + a.number() + " is " + a.status() + ".");
		}
	}

	/** Hands every reply past its deadline to the coordinator of the provider's level, once. */
	public int escalateOverdue() {
		int escalated = 0;
		for (OpenApplication a : this.store.overdue(this.calendar.today())) {
			if (this.store.markEscalated(a.id())) {
				escalated++;
				audit(Actor.SYSTEM, "open-application.reply.overdue", a.id(), a.providerDivision(),
						Map.of("number", a.number(), "due", a.replyDue().toString(), "coordinatorDivision",
								a.providerDivision()));
			}
		}
		return escalated;
	}

	private OpenApplication get(UUID id) {
		return this.store.get(id).orElseThrow();
	}

	private void audit(Actor actor, String action, UUID id, String division, Map<String, ?> details) {
		this.journal.append(actor, AuditRecord.of(action, "sharing-open-application", id, division, details));
	}

	private static String strip(@Nullable String text) {
		return text == null ? "" : text.strip();
	}
}
