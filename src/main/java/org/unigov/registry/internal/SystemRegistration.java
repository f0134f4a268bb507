package org.unigov.registry.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
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
import org.unigov.registry.SystemsChanged;
import org.unigov.registry.internal.Systems.NewSystem;
import org.unigov.shared.Actor;

/**
 * Registering systems, one from a form or the API, or many from an import. Only agency admins and
 * staff (their own agency's systems) and platform admins register; every registration is audited
 * in its transaction and announced with {@link SystemsChanged}.
 */
@Service
@Transactional
public class SystemRegistration {

	private final Systems systems;

	private final SystemRules rules;

	private final DuplicateGuard duplicates;

	private final AuditJournal journal;

	private final ApplicationEventPublisher events;

	SystemRegistration(Systems systems, SystemRules rules, ObjectProvider<DuplicateFinder> finder, AuditJournal journal,
			ApplicationEventPublisher events) {
		this.systems = systems;
		this.rules = rules;
		this.duplicates = new DuplicateGuard(finder);
		this.journal = journal;
		this.events = events;
	}

	/** Registers a system unless it looks like a registered one (409 {@code possible_duplicate}). */
	public RegisteredSystem create(Actor actor, SystemDraft draft) {
		return create(actor, draft, false);
	}

	/**
	 * Registers a system. The duplicate check runs first: when the draft scores at least the
	 * duplicate threshold against registered systems, it answers 409 {@code possible_duplicate}
	 * with the matches unless {@code confirmDuplicates}; a confirmed save records the matches in
	 * its audit entry.
	 */
	public RegisteredSystem create(Actor actor, SystemDraft draft, boolean confirmDuplicates) {
		Agency agency = this.rules.requireWritable(actor, draft);
		if (draft.sharedPlatform()) {
			SystemRules.requireSharedPlatformRight(actor);
		}
		this.rules.requireValid(draft);
		this.rules.requireFreeName(agency, draft.name(), null);
		Map<String, Object> duplicateCheck = this.duplicates.check(actor, draft, agency.divisionCode(), null,
				confirmDuplicates);
		RegisteredSystem system;
		try {
			system = this.systems.insert(new NewSystem(UUID.randomUUID(), draft, agency));
		}
		catch (DuplicateKeyException ex) {
			throw SystemRules.exists(draft.name());
		}
		Map<String, Object> details = SystemAuditDetails.registered(draft, agency);
		if (duplicateCheck != null) {
			details.put("duplicateCheck", duplicateCheck);
		}
		this.journal.append(actor,
				AuditRecord.of("system.registered", "system", system.id(), agency.divisionCode(), details));
		this.events.publishEvent(new SystemsChanged(Set.of(system.id())));
		return SystemAgencies.with(system, agency);
	}

	/**
	 * Registers many systems at once, all or nothing: the import's real run. The drafts are
	 * validated already; permission and uniqueness are checked again here.
	 */
	public List<UUID> createAll(Actor actor, List<SystemDraft> drafts, String source) {
		List<NewSystem> inserts = new ArrayList<>(drafts.size());
		Map<UUID, Agency> agencies = new LinkedHashMap<>();
		for (SystemDraft draft : drafts) {
			Agency agency = agencies.computeIfAbsent(draft.agencyId(), id -> this.rules.requireWritable(actor, draft));
			if (draft.sharedPlatform()) {
				SystemRules.requireSharedPlatformRight(actor);
			}
			inserts.add(new NewSystem(UUID.randomUUID(), draft, agency));
		}
		try {
			this.systems.insertAll(inserts);
		}
		catch (DuplicateKeyException ex) {
			throw SystemRules.exists(inserts.size() == 1 ? inserts.getFirst().draft().name() : "(one of the imported names)");
		}
		this.journal.appendAll(actor, auditRecords(actor, inserts, agencies.values(), source));
		List<UUID> ids = inserts.stream().map(NewSystem::id).toList();
		this.events.publishEvent(new SystemsChanged(new LinkedHashSet<>(ids)));
		return ids;
	}

	private static List<AuditRecord> auditRecords(Actor actor, List<NewSystem> inserts, Collection<Agency> agencies,
			String source) {
		List<AuditRecord> records = new ArrayList<>(inserts.size() + 1);
		for (NewSystem insert : inserts) {
			Map<String, Object> details = SystemAuditDetails.registered(insert.draft(), insert.agency());
			details.put("source", source);
			records.add(AuditRecord.of("system.registered", "system", insert.id(), insert.agency().divisionCode(),
					details));
		}
		records.add(AuditRecord.of("systems.imported", "import", source, actor.divisionCode(),
				Map.of("rows", inserts.size(), "agencies", agencies.stream().map(Agency::creditCode).sorted().toList())));
		return records;
	}
}
