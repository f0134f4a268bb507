package org.unigov.exchange;

import java.net.URI;
import java.net.URISyntaxException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.unigov.exchange.internal.ProviderAddresses;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.unigov.audit.AuditJournal;
import org.unigov.audit.AuditRecord;
import org.unigov.catalog.Catalog;
import org.unigov.catalog.CatalogEntry;
import org.unigov.catalog.DataItem;
import org.unigov.catalog.EntryId;
import org.unigov.catalog.Revision;
import org.unigov.registry.RegisteredSystem;
import org.unigov.registry.SystemRegistry;
import org.unigov.shared.Actor;
import org.unigov.shared.Role;
import org.unigov.shared.ident.PlainText;
import org.unigov.shared.jdbc.Queries;
import org.unigov.shared.problem.CommonError;
import org.unigov.shared.problem.FieldProblem;
import org.unigov.shared.problem.UnigovException;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Data services: a provider agency states which endpoint of one of its registered systems serves
 * a published catalog resource, which paths it offers, which response fields carry which data
 * items, and which parameter names the data subject. One active service per resource; every
 * change is audited and reaches the gateway after commit.
 */
@Service
public class DataServices {

	public static final int DEFAULT_TIMEOUT_MS = 5000;

	public static final int DEFAULT_MAX_CONCURRENT = 32;

	static final Pattern PATH_TEMPLATE = Pattern
		.compile("^(/([A-Za-z0-9._~-]+|\\{[A-Za-z][A-Za-z0-9_]{0,30}\\}))+/?$|^/$");

	static final Pattern PARAMETER = Pattern.compile("^[A-Za-z][A-Za-z0-9_.-]{0,63}$");

	private static final Set<String> METHODS = Set.of("GET", "POST");

	private final JdbcClient jdbc;

	private final ProviderAddresses addresses;

	private final Catalog catalog;

	private final SystemRegistry registry;

	private final AuditJournal journal;

	private final ApplicationEventPublisher events;

	private final JsonMapper json;

	DataServices(JdbcClient jdbc, Catalog catalog, SystemRegistry registry, AuditJournal journal,
			ApplicationEventPublisher events, JsonMapper json, ProviderAddresses addresses) {
		this.addresses = addresses;
		this.jdbc = jdbc;
		this.catalog = catalog;
		this.registry = registry;
		this.journal = journal;
		this.events = events;
		this.json = json;
	}

	/** Whether the actor may see a service's technical details (its base URL). */
	public static boolean seesInternals(Actor actor, DataService service) {
		return actor.has(Role.PLATFORM_ADMIN)
				|| (actor.hasAny(Role.COORDINATOR, Role.AUDITOR) && actor.covers(service.providerDivision()))
				|| service.providerAgencyId().equals(actor.agencyId());
	}

	public static boolean canManage(Actor actor, UUID providerAgencyId) {
		return actor.has(Role.PLATFORM_ADMIN)
				|| (actor.hasAny(Role.AGENCY_ADMIN, Role.AGENCY_STAFF) && providerAgencyId.equals(actor.agencyId()));
	}

	private static void requireStaff(Actor actor) {
		if (!actor.hasAny(Role.PLATFORM_ADMIN, Role.COORDINATOR, Role.AUDITOR, Role.AGENCY_ADMIN, Role.AGENCY_STAFF)) {
			throw new UnigovException(CommonError.FORBIDDEN, "Data services are visible to government staff only.");
		}
	}

	@Transactional(readOnly = true)
	public Optional<DataService> get(UUID id) {
		return this.jdbc.sql("select * from exc_service where id = ?").param(id).query(this::row).optional();
	}

	@Transactional(readOnly = true)
	public DataService visible(Actor actor, UUID id) {
		requireStaff(actor);
		return get(id).orElseThrow(() -> UnigovException.notFound(ExchangeError.SERVICE_NOT_FOUND, "Data service", id));
	}

	/** The data services a registered system serves through the exchange, active or not (project acceptance, P6). */
	@Transactional(readOnly = true)
	public List<DataService> bySystem(UUID systemId) {
		return this.jdbc.sql("select * from exc_service where system_id = ? order by created_at").param(systemId).query(this::row).list();
	}

	/** Every active service, for the gateway. */
	@Transactional(readOnly = true)
	public List<DataService> active() {
		return this.jdbc.sql("select * from exc_service where status = 'active'").query(this::row).list();
	}

	/** Services, newest first; {@code mine} keeps those of the actor's agency. */
	@Transactional(readOnly = true)
	public Page<DataService> find(Actor actor, boolean mine, @Nullable String text, Pageable pageable) {
		requireStaff(actor);
		List<Object> params = new ArrayList<>();
		StringBuilder where = new StringBuilder("where 1 = 1");
		if (mine) {
			where.append(" and provider_agency_id = ?");
			params.add(actor.agencyId() == null ? new UUID(0, 0) : actor.agencyId());
		}
		if (text != null && !text.isBlank()) {
			where.append(" and (name ilike ? or entry_code ilike ?)");
			params.add(Queries.contains(text));
			params.add(Queries.contains(text));
		}
		return Queries.page(this.jdbc, "exc_service", where.toString(), params, "status, updated_at desc, id", this::row,
				pageable);
	}

	/** A service the actor may change: its provider agency's staff, or a platform admin. */
	private DataService managed(Actor actor, UUID id) {
		DataService current = visible(actor, id);
		if (!canManage(actor, current.providerAgencyId())) {
			throw new UnigovException(ExchangeError.NOT_YOUR_SERVICE, "Only the provider agency changes its data services.");
		}
		return current;
	}

	@Transactional
	public DataService register(Actor actor, DataServiceInput input) {
		Checked checked = check(actor, input, null);
		UUID id = UUID.randomUUID();
		try {
			this.jdbc.sql("""
					insert into exc_service (id, entry_id, entry_code, system_id, provider_agency_id, provider_division,
					    name, base_url, operations, field_map, subject_param, timeout_ms, max_concurrent, status, created_by)
					values (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?, ?, 'active', ?)""")
				.params(id, checked.entry().id(), checked.entry().code(), checked.system().id(),
						checked.entry().providerAgencyId(), checked.entry().divisionCode(), checked.name(),
						checked.baseUrl(), this.json.writeValueAsString(checked.operations()),
						this.json.writeValueAsString(checked.fieldMap()), checked.subjectParam(), checked.timeoutMs(),
						checked.maxConcurrent(), actor.username())
				.update();
		}
		catch (DuplicateKeyException ex) {
			throw exists(checked.entry().code());
		}
		return recorded(actor, id, "exchange.service.registered");
	}

	@Transactional
	public DataService update(Actor actor, UUID id, DataServiceInput input, long expectedVersion) {
		DataService current = managed(actor, id);
		Checked checked = check(actor, input, current);
		int changed = this.jdbc.sql("""
				update exc_service set system_id = ?, name = ?, base_url = ?, operations = ?::jsonb, field_map = ?::jsonb,
				    subject_param = ?, timeout_ms = ?, max_concurrent = ?, version = version + 1, updated_at = now()
				where id = ? and version = ?""")
			.params(checked.system().id(), checked.name(), checked.baseUrl(),
					this.json.writeValueAsString(checked.operations()), this.json.writeValueAsString(checked.fieldMap()),
					checked.subjectParam(), checked.timeoutMs(), checked.maxConcurrent(), id, expectedVersion)
			.update();
		if (changed == 0) {
			throw stale(id);
		}
		return recorded(actor, id, "exchange.service.updated");
	}

	/** The service as written, audited with all its settings, and announced to the gateway. */
	private DataService recorded(Actor actor, UUID id, String action) {
		DataService service = get(id).orElseThrow();
		this.journal.append(actor, AuditRecord.of(action, "data-service", id, service.providerDivision(),
				details(service)));
		this.events.publishEvent(new DataServicesChanged(id, service.entryCode()));
		return service;
	}

	/** Stops (or restarts) answering calls for the resource; grants are untouched. */
	@Transactional
	public DataService setStatus(Actor actor, UUID id, ServiceStatus status, long expectedVersion) {
		DataService current = managed(actor, id);
		int changed;
		try {
			changed = this.jdbc.sql("""
					update exc_service set status = ?, version = version + 1, updated_at = now()
					where id = ? and version = ?""")
				.params(status.code(), id, expectedVersion)
				.update();
		}
		catch (DuplicateKeyException ex) {
			throw exists(current.entryCode());
		}
		if (changed == 0) {
			throw stale(id);
		}
		this.journal.append(actor, AuditRecord.of(status == ServiceStatus.ACTIVE ? "exchange.service.enabled"
				: "exchange.service.disabled", "data-service", id, current.providerDivision(),
				Map.of("resource", current.entryCode())));
		this.events.publishEvent(new DataServicesChanged(id, current.entryCode()));
		return get(id).orElseThrow();
	}

	private static UnigovException stale(UUID id) {
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
		details.put("fields", new java.util.TreeMap<>(s.fieldMap()));
		details.put("subjectParam", s.subjectParam() == null ? "" : s.subjectParam());
		details.put("timeoutMs", s.timeoutMs());
		details.put("maxConcurrent", s.maxConcurrent());
		return details;
	}

	private record Checked(CatalogEntry entry, RegisteredSystem system, String name, String baseUrl,
			List<DataService.Operation> operations, Map<String, String> fieldMap, @Nullable String subjectParam,
			int timeoutMs, int maxConcurrent) {
	}

	private Checked check(Actor actor, DataServiceInput input, @Nullable DataService current) {
		List<FieldProblem> problems = new ArrayList<>();
		CatalogEntry entry = null;
		UUID entryId = current != null ? current.entryId() : input.entryId();
		if (current != null && input.entryId() != null && !input.entryId().equals(current.entryId())) {
			problems.add(new FieldProblem("entryId", "resource_fixed",
					"A data service keeps its resource; disable it and register a new one for another resource."));
		}
		if (entryId == null) {
			problems.add(new FieldProblem("entryId", "required", "Name the catalog resource the service serves."));
		}
		else {
			entry = this.catalog.get(new EntryId(entryId)).orElse(null);
			if (entry == null || !entry.isPublished()) {
				problems.add(new FieldProblem("entryId", "not_published",
						"The resource must be a published catalog entry."));
				entry = null;
			}
			else if (!canManage(actor, entry.providerAgencyId())) {
				throw new UnigovException(ExchangeError.NOT_YOUR_SERVICE,
						"Only the agency that provides " + entry.code() + " registers its data service.");
			}
		}
		Set<String> items = entry == null ? Set.of() : publishedItems(actor, entry);
		RegisteredSystem system = null;
		if (input.systemId() == null) {
			problems.add(new FieldProblem("systemId", "required", "Name the registered system that serves the data."));
		}
		else {
			system = this.registry.get(input.systemId()).orElse(null);
			if (system == null || (entry != null && !system.agencyId().equals(entry.providerAgencyId()))) {
				problems.add(new FieldProblem("systemId", "not_providers_system",
						"The system must be registered to the agency that provides the resource."));
			}
		}
		String name = input.name() == null ? "" : input.name().strip();
		if (name.isEmpty() || name.length() > 200 || !PlainText.Validator.isPlain(name, false)) {
			problems.add(new FieldProblem("name", "invalid", "Give the service a name of 1 to 200 plain characters."));
		}
		String baseUrl = input.baseUrl() == null ? "" : input.baseUrl().strip();
		String urlProblem = baseUrlProblem(baseUrl, this.addresses);
		if (urlProblem != null) {
			problems.add(new FieldProblem("baseUrl", "invalid_url", urlProblem));
		}
		else if (baseUrl.endsWith("/")) {
			baseUrl = baseUrl.substring(0, baseUrl.length() - 1);
		}
		List<DataService.Operation> operations = new ArrayList<>();
		List<DataService.Operation> given = input.operations() == null ? List.of() : input.operations();
		if (given.isEmpty() || given.size() > 50) {
			problems.add(new FieldProblem("operations", "required", "Offer between 1 and 50 operations."));
		}
		for (int i = 0; i < given.size(); i++) {
			DataService.Operation op = given.get(i);
			String method = op == null || op.method() == null ? "" : op.method().strip().toUpperCase(Locale.ROOT);
			String path = op == null || op.path() == null ? "" : op.path().strip();
			if (!METHODS.contains(method)) {
				problems.add(new FieldProblem("operations[" + i + "].method", "invalid_method",
						"An operation's method is GET or POST."));
			}
			if (!PATH_TEMPLATE.matcher(path).matches() || path.contains("/../") || path.contains("/./")
					|| path.endsWith("/..") || path.endsWith("/.")) {
				problems.add(new FieldProblem("operations[" + i + "].path", "invalid_path",
						"An operation's path is like /persons or /persons/{id}: segments of letters, digits, '.', '_', '~', '-' or one {parameter}."));
			}
			operations.add(new DataService.Operation(method, path));
		}
		Map<String, String> fieldMap = new java.util.TreeMap<>();
		Map<String, String> givenMap = input.fieldMap() == null ? Map.of() : input.fieldMap();
		if (givenMap.isEmpty() || givenMap.size() > 500) {
			problems.add(new FieldProblem("fieldMap", "required",
					"Map between 1 and 500 response fields to the resource's data items."));
		}
		CatalogEntry resource = entry;
		givenMap.forEach((path, item) -> {
			if (path == null || FieldPaths.parse(path).isEmpty()) {
				problems.add(new FieldProblem("fieldMap", "invalid_field_path", "'" + path
						+ "' is not a field path (name, address.city, members[].id)."));
				return;
			}
			String itemName = item == null ? "" : item.strip();
			if (resource != null && !items.contains(itemName)) {
				problems.add(new FieldProblem("fieldMap", "unknown_item",
						"Field '" + path + "' maps to '" + itemName + "', which is not a data item of " + resource.code() + "."));
				return;
			}
			fieldMap.put(path.strip(), itemName);
		});
		// a path that contains another would pass the whole of the outer field for the outer's item
		List<String> paths = new ArrayList<>(fieldMap.keySet());
		for (String outer : paths) {
			for (String inner : paths) {
				if (!outer.equals(inner) && (inner.startsWith(outer + ".") || inner.startsWith(outer + "[]"))) {
					problems.add(new FieldProblem("fieldMap", "overlapping_field_paths", "'" + outer + "' contains '"
							+ inner + "': map the fields inside it one by one, or only the whole field."));
				}
			}
		}
		String subjectParam = input.subjectParam() == null || input.subjectParam().isBlank() ? null
				: input.subjectParam().strip();
		if (subjectParam != null && !PARAMETER.matcher(subjectParam).matches()) {
			problems.add(new FieldProblem("subjectParam", "invalid_parameter",
					"The subject parameter is a query parameter name of letters, digits, '_', '.' or '-'."));
		}
		int timeout = input.timeoutMs() == null ? DEFAULT_TIMEOUT_MS : input.timeoutMs();
		if (timeout < 100 || timeout > 60000) {
			problems.add(new FieldProblem("timeoutMs", "out_of_range", "The timeout is between 100 and 60,000 ms."));
		}
		int concurrent = input.maxConcurrent() == null ? DEFAULT_MAX_CONCURRENT : input.maxConcurrent();
		if (concurrent < 1 || concurrent > 1000) {
			problems.add(new FieldProblem("maxConcurrent", "out_of_range",
					"Calls in flight to one provider are between 1 and 1,000."));
		}
		if (!problems.isEmpty()) {
			throw invalid(problems);
		}
		return new Checked(entry, system, name, baseUrl, operations, fieldMap, subjectParam, timeout, concurrent);
	}

	private Set<String> publishedItems(Actor actor, CatalogEntry entry) {
		Integer published = entry.publishedRevision();
		if (published == null) {
			return Set.of();
		}
		Revision revision = this.catalog.revision(actor, new EntryId(entry.id()), published);
		return Set.copyOf(revision.content().items().stream().map(DataItem::name).toList());
	}

	/**
	 * Why a base URL cannot be used, or null: absolute http(s), a host, no credentials, query or
	 * fragment, and a host whose addresses the gateway may connect to now ({@link ProviderAddresses};
	 * the gateway checks the address again on every new connection).
	 */
	static @Nullable String baseUrlProblem(String url, ProviderAddresses addresses) {
		if (url.isEmpty() || url.length() > 500) {
			return "Give the provider's base URL (http or https, up to 500 characters).";
		}
		try {
			URI uri = new URI(url);
			if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())) {
				return "The base URL must be http or https.";
			}
			if (uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawQuery() != null
					|| uri.getRawFragment() != null) {
				return "The base URL names a host, and no user name, query or fragment.";
			}
			if (uri.getRawPath() != null && (uri.getRawPath().contains("..") || uri.getRawPath().contains("%"))) {
				return "The base URL's path may not contain '..' or percent-escapes.";
			}
			int port = uri.getPort() > 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
			String refusal = addresses.refusal(uri.getHost(), port);
			if (refusal != null) {
				return "The gateway may not call this address: " + refusal + ".";
			}
			return null;
		}
		catch (URISyntaxException ex) {
			return "The base URL is not a valid URL.";
		}
	}

	public static UnigovException invalid(List<FieldProblem> problems) {
		return UnigovException.invalid(ExchangeError.INVALID_SERVICE, "The data service lacks or misstates "
				+ problems.size() + " thing(s); all are listed: " + UnigovException.messages(problems), problems);
	}

	static UnigovException invalidClient(List<FieldProblem> problems) {
		return UnigovException.invalid(ExchangeError.INVALID_CLIENT, UnigovException.messages(problems), problems);
	}

	private static final TypeReference<List<DataService.Operation>> OPERATIONS = new TypeReference<>() {
	};

	private static final TypeReference<Map<String, String>> FIELD_MAP = new TypeReference<>() {
	};

	private DataService row(ResultSet rs, int n) throws SQLException {
		return new DataService(rs.getObject("id", UUID.class), rs.getObject("entry_id", UUID.class),
				rs.getString("entry_code"), rs.getObject("system_id", UUID.class),
				rs.getObject("provider_agency_id", UUID.class), rs.getString("provider_division"), rs.getString("name"),
				rs.getString("base_url"), this.json.readValue(rs.getString("operations"), OPERATIONS),
				this.json.readValue(rs.getString("field_map"), FIELD_MAP), rs.getString("subject_param"),
				rs.getInt("timeout_ms"), rs.getInt("max_concurrent"),
				rs.getString("status").equals("active") ? ServiceStatus.ACTIVE : ServiceStatus.DISABLED,
				rs.getTimestamp("created_at").toInstant(), rs.getString("created_by"),
				rs.getTimestamp("updated_at").toInstant(), rs.getLong("version"), rs.getBoolean("open_api"));
	}
}
