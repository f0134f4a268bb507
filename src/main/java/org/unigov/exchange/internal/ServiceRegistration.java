package org.unigov.exchange.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.unigov.audit.AuditJournal;
import org.unigov.audit.AuditRecord;
import org.unigov.exchange.DataService;
import org.unigov.exchange.DataServices;
import org.unigov.exchange.DataServicesChanged;
import org.unigov.exchange.ServiceStatus;
import org.unigov.shared.Actor;
import org.unigov.shared.problem.CommonError;
import org.unigov.shared.problem.UnigovException;

/**
 * A provider agency registers, changes and disables its data services. One active service per
 * resource; every change is audited and reaches the gateway after commit.
 */
@Service
public class ServiceRegistration {

	private final DataServices services;

	private final Services rows;

	private final ServiceCheck check;

	private final AuditJournal journal;

	private final ApplicationEventPublisher events;

	ServiceRegistration(DataServices services, Services rows, ServiceCheck check, AuditJournal journal,
			ApplicationEventPublisher events) {
		this.services = services;
		this.rows = rows;
		this.check = check;
		this.journal = journal;
		this.events = events;
	}

	@Transactional
	public DataService register(Actor actor, DataServiceInput input) {
		ServiceCheck.Checked checked = this.check.check(actor, input, null);
		DataService service;
		try {
			service = this.rows.insert(checked, actor.username());
		}
		catch (DuplicateKeyException ex) {
			throw exists(checked.entry().code());
		}
		return recorded(actor, service, "exchange.service.registered");
	}

	@Transactional
	public DataService update(Actor actor, UUID id, DataServiceInput input, long expectedVersion) {
		DataService current = managed(actor, id);
		ServiceCheck.Checked checked = this.check.check(actor, input, current);
		DataService service = this.rows.update(id, checked, expectedVersion).orElseThrow(() -> stale(id));
		return recorded(actor, service, "exchange.service.updated");
	}

	/** Stops (or restarts) answering calls for the resource; grants are untouched. */
	@Transactional
	public DataService setStatus(Actor actor, UUID id, ServiceStatus status, long expectedVersion) {
		DataService current = managed(actor, id);
		DataService service;
		try {
			service = this.rows.setStatus(id, status, expectedVersion).orElseThrow(() -> stale(id));
		}
		catch (DuplicateKeyException ex) {
			throw exists(current.entryCode());
		}
		this.journal.append(actor, AuditRecord.of(status == ServiceStatus.ACTIVE ? "exchange.service.enabled"
				: "exchange.service.disabled", "data-service", id, current.providerDivision(),
				Map.of("resource", current.entryCode())));
		this.events.publishEvent(new DataServicesChanged(id, current.entryCode()));
		return service;
	}

	/** A service the actor may change: its provider agency's staff, or a platform admin. */
	private DataService managed(Actor actor, UUID id) {
		DataService current = this.services.visible(actor, id);
		if (!DataServices.canManage(actor, current.providerAgencyId())) {
			throw new UnigovException(ExchangeError.NOT_YOUR_SERVICE, "Only the provider agency changes its data services.");
		}
		return current;
	}

	/** The service as written, audited with all its settings, and announced to the gateway. */
	private DataService recorded(Actor actor, DataService service, String action) {
		this.journal.append(actor, AuditRecord.of(action, "data-service", service.id(), service.providerDivision(),
				details(service)));
		this.events.publishEvent(new DataServicesChanged(service.id(), service.entryCode()));
		return service;
	}

	static UnigovException stale(UUID id) {
		return new UnigovException(CommonError.STALE_VERSION,
				"Data service " + id + " was changed by someone else; reload it and try again.");
	}

	private static UnigovException exists(String code) {
		return new UnigovException(ExchangeError.SERVICE_EXISTS, "Resource " + code
				+ " already has an active data service; change or disable that one.");
	}

	private static Map<String, Object> details(DataService s) {
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("resource", s.entryCode());
		details.put("name", s.name());
		details.put("baseUrl", s.baseUrl());
		details.put("operations", s.operations().stream().map(o -> o.method() + " " + o.path()).toList());
		details.put("fields", new TreeMap<>(s.fieldMap()));
		details.put("subjectParam", s.subjectParam() == null ? "" : s.subjectParam());
		details.put("timeoutMs", s.timeoutMs());
		details.put("maxConcurrent", s.maxConcurrent());
		return details;
	}
}
