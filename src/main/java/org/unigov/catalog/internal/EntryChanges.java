package org.unigov.catalog.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.unigov.audit.AuditJournal;
import org.unigov.audit.AuditRecord;
import org.unigov.catalog.CatalogChanged;
import org.unigov.catalog.CatalogEntry;
import org.unigov.catalog.EntryContent;
import org.unigov.shared.Actor;
import org.unigov.shared.problem.CommonError;
import org.unigov.shared.problem.UnigovException;

/** What every change of an entry shares: the optimistic lock, the audit entry and the announcement. */
@Component
public class EntryChanges {

	private final Entries entries;

	private final AuditJournal journal;

	private final ApplicationEventPublisher events;

	EntryChanges(Entries entries, AuditJournal journal, ApplicationEventPublisher events) {
		this.entries = entries;
		this.journal = journal;
		this.events = events;
	}

	/** Locks the entry's row and refuses the change if the entry changed since the actor read it. */
	public void lockVersion(CatalogEntry entry, long expectedVersion) {
		long version = this.entries.lockVersion(entry.id());
		if (version != expectedVersion || entry.version() != expectedVersion) {
			throw new UnigovException(CommonError.STALE_VERSION, "Entry " + entry.code()
					+ " changed since you read it (version " + version + ", you had " + expectedVersion + "); reload it.");
		}
	}

	/** Audits the change (in the journal's own chain) and announces it with {@link CatalogChanged}. */
	public void record(Actor actor, String action, CatalogEntry entry, Map<String, ?> details) {
		this.journal.append(actor, AuditRecord.of(action, "catalog-entry", entry.id(), entry.divisionCode(), details));
		this.events.publishEvent(new CatalogChanged(Set.of(entry.id())));
	}

	public void publish(Object event) {
		this.events.publishEvent(event);
	}

	public static Map<String, Object> summary(String code, int revision, EntryContent content) {
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("code", code);
		details.put("revision", revision);
		details.put("name", content.name());
		details.put("sharingType", content.sharingType().code());
		details.put("openAttribute", content.openAttribute().code());
		details.put("items", content.itemNames());
		return details;
	}

	/** Which fields differ between two contents, by name, for the audit entry. */
	public static List<String> changes(@Nullable EntryContent before, EntryContent after) {
		if (before == null) {
			return List.of();
		}
		List<String> changed = new ArrayList<>();
		for (var component : EntryContent.class.getRecordComponents()) {
			try {
				if (!Objects.equals(component.getAccessor().invoke(before), component.getAccessor().invoke(after))) {
					changed.add(component.getName());
				}
			}
			catch (ReflectiveOperationException ex) {
				throw new IllegalStateException(ex);
			}
		}
		return changed;
	}
}
