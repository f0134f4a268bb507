package org.unigov.exchange.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.unigov.catalog.Catalog;
import org.unigov.catalog.CatalogEntry;
import org.unigov.catalog.DataItem;
import org.unigov.catalog.EntryId;
import org.unigov.catalog.Revision;
import org.unigov.exchange.DataService;
import org.unigov.exchange.DataServices;
import org.unigov.registry.RegisteredSystem;
import org.unigov.registry.SystemId;
import org.unigov.registry.SystemRegistry;
import org.unigov.shared.Actor;
import org.unigov.shared.ident.PlainText;
import org.unigov.shared.problem.FieldProblem;
import org.unigov.shared.problem.UnigovException;

/**
 * Checks a data service as given: its resource, system, base URL, operations, field map, subject
 * parameter and limits. Every problem is collected and reported at once (one 422).
 */
@Component
public class ServiceCheck {

	static final Pattern PATH_TEMPLATE = Pattern
		.compile("^(/([A-Za-z0-9._~-]+|\\{[A-Za-z][A-Za-z0-9_]{0,30}\\}))+/?$|^/$");

	static final Pattern PARAMETER = Pattern.compile("^[A-Za-z][A-Za-z0-9_.-]{0,63}$");

	private static final Set<String> METHODS = Set.of("GET", "POST");

	private final Catalog catalog;

	private final SystemRegistry registry;

	private final ProviderAddresses addresses;

	ServiceCheck(Catalog catalog, SystemRegistry registry, ProviderAddresses addresses) {
		this.catalog = catalog;
		this.registry = registry;
		this.addresses = addresses;
	}

	/** A service as checked: what is written. */
	public record Checked(CatalogEntry entry, RegisteredSystem system, String name, String baseUrl,
			List<DataService.Operation> operations, Map<String, String> fieldMap, @Nullable String subjectParam,
			int timeoutMs, int maxConcurrent) {
	}

	/** Checks {@code input} for a new service ({@code current} null) or a change of {@code current}. */
	public Checked check(Actor actor, DataServiceInput input, @Nullable DataService current) {
		List<FieldProblem> problems = new ArrayList<>();
		CatalogEntry entry = entry(actor, input, current, problems);
		Set<String> items = entry == null ? Set.of() : publishedItems(actor, entry);
		RegisteredSystem system = system(input, entry, problems);
		String name = input.name() == null ? "" : input.name().strip();
		if (name.isEmpty() || name.length() > 200 || !PlainText.Validator.isPlain(name, false)) {
			problems.add(new FieldProblem("name", "invalid", "Give the service a name of 1 to 200 plain characters."));
		}
		String baseUrl = baseUrl(input, problems);
		List<DataService.Operation> operations = operations(input, problems);
		Map<String, String> fieldMap = fieldMap(input, entry, items, problems);
		String subjectParam = input.subjectParam() == null || input.subjectParam().isBlank() ? null
				: input.subjectParam().strip();
		if (subjectParam != null && !PARAMETER.matcher(subjectParam).matches()) {
			problems.add(new FieldProblem("subjectParam", "invalid_parameter",
					"The subject parameter is a query parameter name of letters, digits, '_', '.' or '-'."));
		}
		int timeout = input.timeoutMs() == null ? DataServices.DEFAULT_TIMEOUT_MS : input.timeoutMs();
		if (timeout < 100 || timeout > 60000) {
			problems.add(new FieldProblem("timeoutMs", "out_of_range", "The timeout is between 100 and 60,000 ms."));
		}
		int concurrent = input.maxConcurrent() == null ? DataServices.DEFAULT_MAX_CONCURRENT : input.maxConcurrent();
		if (concurrent < 1 || concurrent > 1000) {
			problems.add(new FieldProblem("maxConcurrent", "out_of_range",
					"Calls in flight to one provider are between 1 and 1,000."));
		}
		if (!problems.isEmpty()) {
			throw invalid(problems);
		}
		return new Checked(entry, system, name, baseUrl, operations, fieldMap, subjectParam, timeout, concurrent);
	}

	/** The published entry the service serves (fixed once registered); only its provider registers it. */
	private @Nullable CatalogEntry entry(Actor actor, DataServiceInput input, @Nullable DataService current,
			List<FieldProblem> problems) {
		UUID entryId = current != null ? current.entryId() : input.entryId();
		if (current != null && input.entryId() != null && !input.entryId().equals(current.entryId())) {
			problems.add(new FieldProblem("entryId", "resource_fixed",
					"A data service keeps its resource; disable it and register a new one for another resource."));
		}
		if (entryId == null) {
			problems.add(new FieldProblem("entryId", "required", "Name the catalog resource the service serves."));
			return null;
		}
		CatalogEntry entry = this.catalog.get(new EntryId(entryId)).orElse(null);
		if (entry == null || !entry.isPublished()) {
			problems.add(new FieldProblem("entryId", "not_published", "The resource must be a published catalog entry."));
			return null;
		}
		if (!DataServices.canManage(actor, entry.providerAgencyId())) {
			throw new UnigovException(ExchangeError.NOT_YOUR_SERVICE,
					"Only the agency that provides " + entry.code() + " registers its data service.");
		}
		return entry;
	}

	private @Nullable RegisteredSystem system(DataServiceInput input, @Nullable CatalogEntry entry,
			List<FieldProblem> problems) {
		if (input.systemId() == null) {
			problems.add(new FieldProblem("systemId", "required", "Name the registered system that serves the data."));
			return null;
		}
		RegisteredSystem system = this.registry.get(new SystemId(input.systemId())).orElse(null);
		if (system == null || (entry != null && !system.agencyId().equals(entry.providerAgencyId()))) {
			problems.add(new FieldProblem("systemId", "not_providers_system",
					"The system must be registered to the agency that provides the resource."));
		}
		return system;
	}

	private String baseUrl(DataServiceInput input, List<FieldProblem> problems) {
		String baseUrl = input.baseUrl() == null ? "" : input.baseUrl().strip();
		String urlProblem = baseUrlProblem(baseUrl, this.addresses);
		if (urlProblem != null) {
			problems.add(new FieldProblem("baseUrl", "invalid_url", urlProblem));
		}
		else if (baseUrl.endsWith("/")) {
			baseUrl = baseUrl.substring(0, baseUrl.length() - 1);
		}
		return baseUrl;
	}

	private static List<DataService.Operation> operations(DataServiceInput input, List<FieldProblem> problems) {
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
		return operations;
	}

	private static Map<String, String> fieldMap(DataServiceInput input, @Nullable CatalogEntry resource,
			Set<String> items, List<FieldProblem> problems) {
		Map<String, String> fieldMap = new TreeMap<>();
		Map<String, String> givenMap = input.fieldMap() == null ? Map.of() : input.fieldMap();
		if (givenMap.isEmpty() || givenMap.size() > 500) {
			problems.add(new FieldProblem("fieldMap", "required",
					"Map between 1 and 500 response fields to the resource's data items."));
		}
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
		overlaps(fieldMap, problems);
		return fieldMap;
	}

	/** A path that contains another would pass the whole of the outer field for the outer's item. */
	private static void overlaps(Map<String, String> fieldMap, List<FieldProblem> problems) {
		List<String> paths = new ArrayList<>(fieldMap.keySet());
		for (String outer : paths) {
			for (String inner : paths) {
				if (!outer.equals(inner) && (inner.startsWith(outer + ".") || inner.startsWith(outer + "[]"))) {
					problems.add(new FieldProblem("fieldMap", "overlapping_field_paths", "'" + outer + "' contains '"
							+ inner + "': map the fields inside it one by one, or only the whole field."));
				}
			}
		}
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
}
