package org.unigov.identity.internal;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.unigov.audit.AuditJournal;
import org.unigov.audit.AuditRecord;
import org.unigov.identity.Account;
import org.unigov.identity.Accounts;
import org.unigov.organization.Agency;
import org.unigov.organization.AgencyId;
import org.unigov.organization.OrganizationDirectory;
import org.unigov.shared.Actor;
import org.unigov.shared.Role;
import org.unigov.shared.problem.CommonError;
import org.unigov.shared.problem.UnigovException;

/**
 * Manages staff accounts. A platform admin manages anyone and grants any staff role; an agency
 * admin manages the staff of their own agency and grants only agency roles. Coordinators and
 * auditors may read the staff of their subtree. Agency staff manage no one.
 */
@Service
@Transactional
public class StaffManagement {

	/** Roles an agency admin may grant. */
	static final Set<Role> AGENCY_ROLES = EnumSet.of(Role.AGENCY_ADMIN, Role.AGENCY_STAFF);

	/** Minimum length of a password a person chooses (demo accounts are seeded, not chosen). */
	public static final int MIN_PASSWORD_LENGTH = 12;

	private final Accounts accounts;

	private final OrganizationDirectory directory;

	private final PasswordEncoder passwords;

	private final AuditJournal journal;

	StaffManagement(Accounts accounts, OrganizationDirectory directory, PasswordEncoder passwords,
			AuditJournal journal) {
		this.accounts = accounts;
		this.directory = directory;
		this.passwords = passwords;
		this.journal = journal;
	}

	public record NewStaff(String username, String displayName, UUID agencyId, Set<Role> roles, String password) {
	}

	public record StaffChange(String displayName, Set<Role> roles, boolean enabled, long version) {
	}

	/** Whether the actor may create or change staff of this agency. */
	public boolean canManage(Actor actor, Agency agency) {
		return actor.has(Role.PLATFORM_ADMIN)
				|| (actor.has(Role.AGENCY_ADMIN) && agency.id().value().equals(actor.agencyId()));
	}

	/** Whether the actor may see staff of this agency. */
	public boolean canRead(Actor actor, Agency agency) {
		return canManage(actor, agency) || (actor.hasAny(Role.COORDINATOR, Role.AUDITOR) && actor.covers(agency.divisionCode()));
	}

	@Transactional(readOnly = true)
	public Page<Account> list(Actor actor, @Nullable UUID agencyId, @Nullable String text, Pageable pageable) {
		if (agencyId != null) {
			Agency agency = this.directory.visibleAgency(actor, new AgencyId(agencyId));
			requireRead(actor, agency);
			return this.accounts.staff(null, agencyId, text, pageable);
		}
		if (actor.has(Role.PLATFORM_ADMIN)) {
			return this.accounts.staff(null, null, text, pageable);
		}
		if (actor.hasAny(Role.COORDINATOR, Role.AUDITOR)) {
			List<UUID> visible = this.directory.agencies(actor, null, null, null, Pageable.unpaged())
				.map(agency -> agency.id().value())
				.getContent();
			return this.accounts.staff(visible, null, text, pageable);
		}
		if (actor.has(Role.AGENCY_ADMIN) && actor.agencyId() != null) {
			return this.accounts.staff(null, actor.agencyId(), text, pageable);
		}
		throw new UnigovException(CommonError.FORBIDDEN, "Your role does not include managing staff.");
	}

	@Transactional(readOnly = true)
	public Account get(Actor actor, UUID id) {
		Account account = this.accounts.byId(id)
			.filter(a -> a.kind() == Account.Kind.STAFF && a.agencyId() != null)
			.orElseThrow(() -> UnigovException.notFound(IdentityError.ACCOUNT_NOT_FOUND, "Account", id));
		Agency agency = this.directory.agency(new AgencyId(account.agencyId()))
			.filter(a -> canRead(actor, a))
			.orElseThrow(() -> UnigovException.notFound(IdentityError.ACCOUNT_NOT_FOUND, "Account", id));
		return account;
	}

	public Account create(Actor actor, NewStaff staff) {
		Agency agency = this.directory.visibleAgency(actor, new AgencyId(staff.agencyId()));
		requireManage(actor, agency);
		requireGrantable(actor, staff.roles());
		requireStrong(staff.password(), staff.username());
		String username = staff.username().strip().toLowerCase(Locale.ROOT);
		UUID id = UUID.randomUUID();
		try {
			this.accounts.insert(id, username, staff.displayName(), Account.Kind.STAFF, agency.id().value(),
					staff.roles(), this.passwords.encode(staff.password()));
		}
		catch (DuplicateKeyException ex) {
			throw new UnigovException(IdentityError.USERNAME_TAKEN, "The username " + username + " is taken.");
		}
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("username", username);
		details.put("displayName", staff.displayName());
		details.put("agency", agency.creditCode());
		details.put("roles", staff.roles().stream().map(Role::name).sorted().toList());
		this.journal.append(actor, AuditRecord.of("staff.created", "account", id, agency.divisionCode(), details));
		return this.accounts.byId(id).orElseThrow();
	}

	public Account update(Actor actor, UUID id, StaffChange change) {
		Account before = get(actor, id);
		Agency agency = this.directory.agency(new AgencyId(before.agencyId())).orElseThrow();
		requireManage(actor, agency);
		requireGrantable(actor, change.roles());
		requireWithinAgencyRoles(actor, before);
		if (!this.accounts.update(id, change.displayName(), change.roles(), change.enabled(), change.version())) {
			throw new UnigovException(IdentityError.STALE_VERSION,
					"The account was changed by someone else since you read it: reload and try again.");
		}
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("from", Map.of("displayName", before.displayName(), "enabled", before.enabled(), "roles",
				before.roles().stream().map(Role::name).sorted().toList()));
		details.put("to", Map.of("displayName", change.displayName(), "enabled", change.enabled(), "roles",
				change.roles().stream().map(Role::name).sorted().toList()));
		this.journal.append(actor, AuditRecord.of("staff.updated", "account", id, agency.divisionCode(), details));
		return this.accounts.byId(id).orElseThrow();
	}

	public void resetPassword(Actor actor, UUID id, String newPassword) {
		Account account = get(actor, id);
		Agency agency = this.directory.agency(new AgencyId(account.agencyId())).orElseThrow();
		requireManage(actor, agency);
		requireWithinAgencyRoles(actor, account);
		requireStrong(newPassword, account.username());
		this.accounts.setPassword(id, this.passwords.encode(newPassword));
		this.journal.append(actor,
				AuditRecord.of("staff.password-reset", "account", id, agency.divisionCode(), Map.of()));
	}

	public void unlock(Actor actor, UUID id) {
		Account account = get(actor, id);
		Agency agency = this.directory.agency(new AgencyId(account.agencyId())).orElseThrow();
		requireManage(actor, agency);
		requireWithinAgencyRoles(actor, account);
		this.accounts.unlock(id);
		this.journal.append(actor, AuditRecord.of("staff.unlocked", "account", id, agency.divisionCode(), Map.of()));
	}

	/** A signed-in person changes their own password. */
	public void changeOwnPassword(Actor actor, String current, String replacement) {
		if (actor.accountId() == null) {
			throw new UnigovException(CommonError.FORBIDDEN, "Only people have passwords.");
		}
		Account account = this.accounts.byId(actor.accountId())
			.orElseThrow(() -> UnigovException.notFound(IdentityError.ACCOUNT_NOT_FOUND, "Account", actor.accountId()));
		if (!this.passwords.matches(current, this.accounts.passwordHashOf(account.username()))) {
			throw new UnigovException(IdentityError.WRONG_PASSWORD, "The current password is not right.");
		}
		requireStrong(replacement, account.username());
		this.accounts.setPassword(account.id(), this.passwords.encode(replacement));
		this.journal.append(actor, AuditRecord.of("account.password-changed", "account", account.id(), null, Map.of()));
	}

	private void requireManage(Actor actor, Agency agency) {
		if (!canManage(actor, agency)) {
			throw new UnigovException(IdentityError.STAFF_OUT_OF_SCOPE,
					"Only a platform admin or an admin of this agency manages its staff.");
		}
	}

	/**
	 * An agency admin manages only accounts that hold agency roles: never a coordinator, auditor or
	 * platform admin who happens to work in the same agency (else resetting their password would
	 * hand over their rights).
	 */
	private static void requireWithinAgencyRoles(Actor actor, Account account) {
		if (!actor.has(Role.PLATFORM_ADMIN) && !AGENCY_ROLES.containsAll(account.roles())) {
			throw new UnigovException(IdentityError.ROLE_NOT_GRANTABLE,
					"This account holds roles only a platform admin may manage.");
		}
	}

	private void requireRead(Actor actor, Agency agency) {
		if (!canRead(actor, agency)) {
			throw new UnigovException(IdentityError.STAFF_OUT_OF_SCOPE, "You may not see the staff of this agency.");
		}
	}

	private static void requireGrantable(Actor actor, Set<Role> roles) {
		if (roles.isEmpty() || roles.contains(Role.CITIZEN)) {
			throw new UnigovException(IdentityError.ROLE_NOT_GRANTABLE,
					"A staff account needs at least one staff role.");
		}
		if (!actor.has(Role.PLATFORM_ADMIN) && !AGENCY_ROLES.containsAll(roles)) {
			throw new UnigovException(IdentityError.ROLE_NOT_GRANTABLE,
					"An agency admin grants only AGENCY_ADMIN and AGENCY_STAFF.");
		}
	}

	static void requireStrong(String password, String username) {
		if (password.length() < MIN_PASSWORD_LENGTH || password.toLowerCase(Locale.ROOT).contains(username.toLowerCase(Locale.ROOT))
				|| password.chars().distinct().count() < 5) {
			throw new UnigovException(IdentityError.WEAK_PASSWORD, "A password needs at least " + MIN_PASSWORD_LENGTH
					+ " characters, five of them different, and must not contain the username.");
		}
	}
}
