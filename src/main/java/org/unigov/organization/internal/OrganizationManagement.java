package org.unigov.organization.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.unigov.audit.AuditJournal;
import org.unigov.audit.AuditRecord;
import org.unigov.organization.Agency;
import org.unigov.organization.AgencyId;
import org.unigov.organization.Division;
import org.unigov.organization.OrganizationDirectory;
import org.unigov.shared.Actor;
import org.unigov.shared.Role;
import org.unigov.shared.ident.CreditCode;
import org.unigov.shared.ident.DivisionCodes;
import org.unigov.shared.problem.CommonError;
import org.unigov.shared.problem.UnigovException;

/**
 * Changes divisions and agencies. Divisions are the platform admin's; agencies may be managed by
 * the platform admin anywhere and by a coordinator within their subtree. Every change is audited
 * in its own transaction and guarded by the record's version.
 */
@Service
@Transactional
public class OrganizationManagement {

	private final JdbcClient jdbc;

	private final OrganizationDirectory directory;

	private final AuditJournal journal;

	OrganizationManagement(JdbcClient jdbc, OrganizationDirectory directory, AuditJournal journal) {
		this.jdbc = jdbc;
		this.directory = directory;
		this.journal = journal;
	}

	public record NewDivision(String code, String nameZh, String nameEn, String parentCode) {
	}

	public record NewAgency(String creditCode, String nameZh, String nameEn, String divisionCode) {
	}

	public record AgencyChange(String nameZh, String nameEn, boolean active, long version) {
	}

	public Division createDivision(Actor actor, NewDivision division) {
		requirePlatformAdmin(actor);
		if (!DivisionCodes.isWellFormed(division.code())) {
			throw new UnigovException(OrganizationError.DIVISION_HIERARCHY_INVALID,
					"A division code has six digits (GB/T 2260).");
		}
		if (this.directory.division(division.code()).isPresent()) {
			throw new UnigovException(OrganizationError.DIVISION_EXISTS,
					"Division " + division.code() + " already exists.");
		}
		int level = DivisionCodes.level(division.code());
		String parent = blankToNull(division.parentCode());
		if (level == 1 ? parent != null : parent == null) {
			throw new UnigovException(OrganizationError.DIVISION_HIERARCHY_INVALID, level == 1
					? "A province (code ending 0000) has no parent."
					: "A city or county needs its parent division.");
		}
		if (parent != null) {
			Division parentDivision = this.directory.requireDivision(parent);
			if (parentDivision.level() != level - 1 && !(level == 3 && parentDivision.level() == 1)
					|| !division.code().startsWith(Actor.significantPrefix(parent))) {
				throw new UnigovException(OrganizationError.DIVISION_HIERARCHY_INVALID, "Division " + division.code()
						+ " cannot sit under " + parent + ": its code must extend the parent's (GB/T 2260).");
			}
		}
		this.jdbc.sql("insert into org_division (code, name_zh, name_en, parent_code, level) values (?, ?, ?, ?, ?)")
			.params(division.code(), division.nameZh(), division.nameEn(), parent, level)
			.update();
		this.journal.append(actor, AuditRecord.of("division.created", "division", division.code(), division.code(),
				Map.of("nameZh", division.nameZh(), "nameEn", division.nameEn(), "parent", parent == null ? "" : parent)));
		return this.directory.requireDivision(division.code());
	}

	public Division renameDivision(Actor actor, String code, String nameZh, String nameEn, long version) {
		requirePlatformAdmin(actor);
		Division before = this.directory.requireDivision(code);
		int updated = this.jdbc
			.sql("update org_division set name_zh = ?, name_en = ?, version = version + 1, updated_at = now() "
					+ "where code = ? and version = ?")
			.params(nameZh, nameEn, code, version)
			.update();
		if (updated == 0) {
			throw stale("division", code);
		}
		this.journal.append(actor, AuditRecord.of("division.renamed", "division", code, code,
				Map.of("from", Map.of("nameZh", before.nameZh(), "nameEn", before.nameEn()), "to",
						Map.of("nameZh", nameZh, "nameEn", nameEn))));
		return this.directory.requireDivision(code);
	}

	public Agency createAgency(Actor actor, NewAgency agency) {
		Division division = this.directory.requireDivision(agency.divisionCode());
		requireAgencyManager(actor, division.code());
		if (!CreditCode.isValid(agency.creditCode())) {
			throw new UnigovException(CommonError.VALIDATION_FAILED,
					"The unified social credit code has a wrong check character (GB 32100).");
		}
		if (this.directory.agencyByCreditCode(agency.creditCode()).isPresent()) {
			throw new UnigovException(OrganizationError.AGENCY_EXISTS,
					"An agency with credit code " + agency.creditCode() + " already exists.");
		}
		UUID id = UUID.randomUUID();
		int inserted = this.jdbc.sql("""
				insert into org_agency (id, credit_code, name_zh, name_en, division_code)
				values (?, ?, ?, ?, ?) on conflict do nothing""")
			.params(id, agency.creditCode(), agency.nameZh(), agency.nameEn(), division.code())
			.update();
		if (inserted == 0) {
			throw new UnigovException(OrganizationError.AGENCY_EXISTS,
					"An agency named " + agency.nameZh() + " already exists in " + division.code() + ".");
		}
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("creditCode", agency.creditCode());
		details.put("nameZh", agency.nameZh());
		details.put("nameEn", agency.nameEn());
		details.put("division", division.code());
		this.journal.append(actor, AuditRecord.of("agency.created", "agency", id, division.code(), details));
		return this.directory.agency(new AgencyId(id)).orElseThrow();
	}

	public Agency updateAgency(Actor actor, AgencyId id, AgencyChange change) {
		Agency before = this.directory.visibleAgency(actor, id);
		requireAgencyManager(actor, before.divisionCode());
		int updated;
		try {
			updated = this.jdbc.sql("""
					update org_agency set name_zh = ?, name_en = ?, active = ?, version = version + 1, updated_at = now()
					where id = ? and version = ?""")
				.params(change.nameZh(), change.nameEn(), change.active(), id.value(), change.version())
				.update();
		}
		catch (DuplicateKeyException ex) {
			throw new UnigovException(OrganizationError.AGENCY_EXISTS,
					"An agency named " + change.nameZh() + " already exists in " + before.divisionCode() + ".");
		}
		if (updated == 0) {
			throw stale("agency", id.toString());
		}
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("from", Map.of("nameZh", before.nameZh(), "nameEn", before.nameEn(), "active", before.active()));
		details.put("to", Map.of("nameZh", change.nameZh(), "nameEn", change.nameEn(), "active", change.active()));
		this.journal.append(actor, AuditRecord.of("agency.updated", "agency", id, before.divisionCode(), details));
		return this.directory.agency(id).orElseThrow();
	}

	/** Whether the actor may create or change agencies in a division. */
	public static boolean canManageAgencies(Actor actor, String divisionCode) {
		return actor.has(Role.PLATFORM_ADMIN) || (actor.has(Role.COORDINATOR) && actor.covers(divisionCode));
	}

	private static void requireAgencyManager(Actor actor, String divisionCode) {
		if (!canManageAgencies(actor, divisionCode)) {
			throw new UnigovException(OrganizationError.AGENCY_OUT_OF_SCOPE,
					"Only a platform admin, or a coordinator of " + divisionCode + " or above, manages its agencies.");
		}
	}

	private static void requirePlatformAdmin(Actor actor) {
		if (!actor.has(Role.PLATFORM_ADMIN)) {
			throw new UnigovException(CommonError.FORBIDDEN, "Only a platform admin manages divisions.");
		}
	}

	private static UnigovException stale(String what, String id) {
		return new UnigovException(OrganizationError.STALE_VERSION,
				"The " + what + " " + id + " was changed by someone else since you read it: reload and try again.");
	}

	private static String blankToNull(String value) {
		return value == null || value.isBlank() ? null : value.strip();
	}
}
