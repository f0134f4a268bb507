package org.unigov.registry.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.unigov.audit.AuditJournal;
import org.unigov.audit.AuditRecord;
import org.unigov.organization.Agency;
import org.unigov.registry.DuplicateFinder;
import org.unigov.registry.RegisteredSystem;
import org.unigov.registry.SystemRegistry;
import org.unigov.registry.SystemsChanged;
import org.unigov.shared.Actor;
import org.unigov.shared.problem.CommonError;
import org.unigov.shared.problem.UnigovException;

/**
 * Changing a registered system: only the owning agency's admins and staff, or a platform admin;
 * only a platform admin changes whether it is a shared platform. Audited with the changed fields
 * and announced with {@link SystemsChanged}.
 */
@Service
@Transactional
public class SystemEditing {

	private final SystemRegistry registry;

	private final Systems systems;

	private final SystemRules rules;

	private final DuplicateGuard duplicates;

	private final AuditJournal journal;

	private final ApplicationEventPublisher events;

	SystemEditing(SystemRegistry registry, Systems systems, SystemRules rules, ObjectProvider<DuplicateFinder> finder,
			AuditJournal journal, ApplicationEventPublisher events) {
		this.registry = registry;
		this.systems = systems;
		this.rules = rules;
		this.duplicates = new DuplicateGuard(finder);
		this.journal = journal;
		this.events = events;
	}

	public RegisteredSystem update(Actor actor, UUID id, SystemDraft draft, long version) {
		return update(actor, id, draft, version, false);
	}

	/**
	 * Changes a system. When the edit changes what the duplicate finder compares (name, summary,
	 * capabilities, agency), the duplicate check runs as for a new registration.
	 */
	public RegisteredSystem update(Actor actor, UUID id, SystemDraft draft, long version, boolean confirmDuplicates) {
		RegisteredSystem before = this.registry.visible(actor, id);
		if (!SystemRegistry.canWrite(actor, before.agencyId())) {
			throw new UnigovException(RegistryError.SYSTEM_OUT_OF_SCOPE,
					"Only the owning agency's admins and staff, or a platform admin, may edit this system.");
		}
		Agency agency = this.rules.requireWritable(actor, draft);
		if (draft.sharedPlatform() != before.sharedPlatform()) {
			SystemRules.requireSharedPlatformRight(actor);
		}
		this.rules.requireValid(draft);
		this.rules.requireFreeName(agency, draft.name(), id);
		SystemDraft old = SystemDraft.of(before);
		Map<String, Object> duplicateCheck = DuplicateGuard.changesWhatIsCompared(old, draft)
				? this.duplicates.check(actor, draft, agency.divisionCode(), id, confirmDuplicates) : null;
		RegisteredSystem after = write(id, draft, agency, version);
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("changes", SystemAuditDetails.changes(old, draft));
		if (duplicateCheck != null) {
			details.put("duplicateCheck", duplicateCheck);
		}
		this.journal.append(actor, AuditRecord.of("system.updated", "system", id, agency.divisionCode(), details));
		this.events.publishEvent(new SystemsChanged(Set.of(id)));
		return SystemAgencies.with(after, agency);
	}

	private RegisteredSystem write(UUID id, SystemDraft draft, Agency agency, long version) {
		try {
			return this.systems.update(id, draft, agency, version)
				.orElseThrow(() -> new UnigovException(CommonError.STALE_VERSION,
						"System " + id + " was changed by someone else; reload it and try again."));
		}
		catch (DuplicateKeyException ex) {
			throw SystemRules.exists(draft.name());
		}
	}
}
