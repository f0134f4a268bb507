package org.unigov.exchange.internal;

import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.unigov.audit.AuditJournal;
import org.unigov.audit.AuditRecord;
import org.unigov.catalog.Catalog;
import org.unigov.catalog.CatalogEntry;
import org.unigov.catalog.DataGrade;
import org.unigov.catalog.EntryContent;
import org.unigov.catalog.EntryId;
import org.unigov.catalog.OpenAttribute;
import org.unigov.catalog.Secrecy;
import org.unigov.exchange.DataService;
import org.unigov.exchange.DataServices;
import org.unigov.exchange.DataServicesChanged;
import org.unigov.shared.Actor;
import org.unigov.shared.problem.UnigovException;

/**
 * Open data through the exchange (C5): the provider opens a data service as the open API of its
 * entry, so that anyone may call it at {@code /open/v1/{resource}/{path}} on the exchange listener
 * without a credential, under the platform's anonymous grant: every data item of the entry, for the
 * purpose {@value #PURPOSE}, GET operations only, a rate limit per client address. Only an entry
 * that is published, open without conditions, general data, not secret and without personal
 * information may be opened; the gateway serves it only while that stays true (a revision that
 * closes the entry closes its API at once). Turning it on or off is the provider's decision,
 * checked and audited (docs/decisions.md 28).
 */
@Service
public class OpenDataServices {

	/** The purpose of every open-data call, as the access log records it. */
	public static final String PURPOSE = "公开数据";

	/** The client id of anonymous calls in the access log (followed by a keyed hash of the address). */
	public static final String ANONYMOUS = "anonymous";

	private final DataServices services;

	private final Catalog catalog;

	private final Services rows;

	private final AuditJournal journal;

	private final ApplicationEventPublisher events;

	OpenDataServices(DataServices services, Catalog catalog, Services rows, AuditJournal journal,
			ApplicationEventPublisher events) {
		this.services = services;
		this.catalog = catalog;
		this.rows = rows;
		this.journal = journal;
		this.events = events;
	}

	/** Why an entry's data may not be served to anyone, or null when it may (C5). */
	public static @Nullable Reason notOpenable(@Nullable CatalogEntry entry) {
		if (entry == null || !entry.isPublished()) {
			return Reason.NOT_PUBLISHED;
		}
		EntryContent c = entry.content();
		if (c.openAttribute() != OpenAttribute.OPEN) {
			return c.openAttribute() == OpenAttribute.CONDITIONAL ? Reason.CONDITIONAL : Reason.NOT_OPEN;
		}
		if (c.personalInfo()) {
			return Reason.PERSONAL_INFORMATION;
		}
		if (c.grade() != DataGrade.GENERAL || c.secrecy() != Secrecy.NONE) {
			return Reason.NOT_GENERAL;
		}
		return null;
	}

	/** Why a data service cannot be (or is no longer) served as an open API; the page shows it by its code. */
	public enum Reason {

		NOT_PUBLISHED("not-published", "The entry is not published."),
		NOT_OPEN("not-open", "The entry is not open (C5)."),
		CONDITIONAL("conditional", "The entry is open on conditions: the public applies through the open-data portal, not anonymously (C5)."),
		PERSONAL_INFORMATION("personal-information", "The entry includes personal information, which is never opened (C5)."),
		NOT_GENERAL("not-general", "Only general, non-secret data is opened without conditions (C5).");

		private final String code;

		private final String detail;

		Reason(String code, String detail) {
			this.code = code;
			this.detail = detail;
		}

		public String code() {
			return this.code;
		}

		public String detail() {
			return this.detail;
		}
	}

	/** Why the service's open API is not served now, or null when it may be (its entry as it is now). */
	@Transactional(readOnly = true)
	public @Nullable Reason notOpenable(DataService service) {
		return notOpenable(this.catalog.get(new EntryId(service.entryId())).orElse(null));
	}

	/**
	 * Opens (or closes) a data service as its entry's open API. Only the provider agency's staff or a
	 * platform admin; opening is refused (422 {@code exchange_open_api_not_allowed}) unless the
	 * entry may be opened; audited; reaches the gateway after commit.
	 */
	@Transactional
	public DataService setOpenApi(Actor actor, UUID id, boolean open, long expectedVersion) {
		DataService current = this.services.visible(actor, id);
		if (!DataServices.canManage(actor, current.providerAgencyId())) {
			throw new UnigovException(ExchangeError.NOT_YOUR_SERVICE, "Only the provider agency opens its data services.");
		}
		if (open) {
			Reason reason = notOpenable(current);
			if (reason != null) {
				throw new UnigovException(ExchangeError.OPEN_API_NOT_ALLOWED,
						"Data service " + current.name() + " cannot be opened to the public: " + reason.detail());
			}
		}
		DataService changed = this.rows.setOpenApi(id, open, expectedVersion)
			.orElseThrow(() -> ServiceRegistration.stale(id));
		this.journal.append(actor, AuditRecord.of(open ? "exchange.service.open-api-on" : "exchange.service.open-api-off",
				"data-service", id, current.providerDivision(), Map.of("resource", current.entryCode())));
		this.events.publishEvent(new DataServicesChanged(id, current.entryCode()));
		return changed;
	}
}
