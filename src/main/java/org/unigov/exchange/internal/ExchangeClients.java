package org.unigov.exchange.internal;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.unigov.audit.AuditJournal;
import org.unigov.audit.AuditRecord;
import org.unigov.exchange.ExchangeClientsChanged;
import org.unigov.registry.RegisteredSystem;
import org.unigov.registry.SystemId;
import org.unigov.registry.SystemRegistry;
import org.unigov.shared.Actor;
import org.unigov.shared.Role;
import org.unigov.shared.jdbc.Where;
import org.unigov.shared.problem.CommonError;
import org.unigov.shared.problem.FieldProblem;
import org.unigov.shared.problem.UnigovException;

/**
 * The systems that call through the exchange: an agency admin registers an OAuth2 client
 * ({@code client_credentials}, scope {@code exchange}) for one of the agency's registered
 * systems; the secret is shown once. Calls by a client that is not bound are refused.
 */
@Service
public class ExchangeClients {

	/** The client setting the identity module reads to put the agency into the client's tokens. */
	static final String AGENCY_SETTING = "unigov.agency-id";

	static final Pattern CLIENT_ID = Pattern.compile("^[a-z0-9][a-z0-9-]{2,62}[a-z0-9]$");

	static final Pattern XROAD_CLIENT = Pattern.compile("^[A-Za-z0-9._-]{1,64}(/[A-Za-z0-9._-]{1,64}){3}$");

	private static final SecureRandom RANDOM = new SecureRandom();

	private final Clients bindings;

	private final SystemRegistry registry;

	private final RegisteredClientRepository clients;

	private final PasswordEncoder passwords;

	private final AuditJournal journal;

	private final ApplicationEventPublisher events;

	ExchangeClients(Clients bindings, SystemRegistry registry, RegisteredClientRepository clients,
			PasswordEncoder passwords, AuditJournal journal, ApplicationEventPublisher events) {
		this.bindings = bindings;
		this.registry = registry;
		this.clients = clients;
		this.passwords = passwords;
		this.journal = journal;
		this.events = events;
	}

	/** A new client and its secret, which is not stored in clear and cannot be shown again. */
	public record Registered(ClientBinding binding, String clientSecret) {
	}

	@Transactional(readOnly = true)
	public Optional<ClientBinding> binding(String clientId) {
		return this.bindings.get(clientId);
	}

	/** Every binding, for the gateway's in-memory copy. */
	@Transactional(readOnly = true)
	public List<ClientBinding> all() {
		return this.bindings.all();
	}

	/** The clients of the actor's agency (every client for platform admins, the scope for coordinators). */
	@Transactional(readOnly = true)
	public List<ClientBinding> visible(Actor actor) {
		if (actor.has(Role.PLATFORM_ADMIN)) {
			return this.bindings.all();
		}
		if (actor.hasAny(Role.COORDINATOR, Role.AUDITOR) && actor.scopePrefix() != null) {
			return this.bindings.inDivisions(Where.scopePattern(actor));
		}
		if (actor.agencyId() == null) {
			return List.of();
		}
		return this.bindings.ofAgency(actor.agencyId());
	}

	/** Registers a new client for one of the agency's systems; only its agency admin (or a platform admin) may. */
	@Transactional
	public Registered register(Actor actor, @Nullable UUID systemId, @Nullable String clientId,
			@Nullable String xroadClient) {
		RegisteredSystem system = systemId == null ? null : this.registry.get(new SystemId(systemId)).orElse(null);
		if (system == null) {
			throw ServiceCheck.invalidClient(List.of(new FieldProblem("systemId", "required",
					"Name the registered system the client calls for.")));
		}
		if (!actor.has(Role.PLATFORM_ADMIN)
				&& !(actor.has(Role.AGENCY_ADMIN) && system.agencyId().equals(actor.agencyId()))) {
			throw new UnigovException(CommonError.FORBIDDEN,
					"Only an admin of the system's agency registers clients for it.");
		}
		String id = clientId == null || clientId.isBlank() ? "sys-" + HexFormat.of().formatHex(bytes(6)) : clientId.strip();
		String xroad = xroadClient == null || xroadClient.isBlank() ? null : xroadClient.strip();
		List<FieldProblem> problems = new ArrayList<>();
		if (!CLIENT_ID.matcher(id).matches()) {
			problems.add(new FieldProblem("clientId", "invalid_client_id",
					"A client id is 4 to 64 lower-case letters, digits and '-'."));
		}
		else if (this.clients.findByClientId(id) != null) {
			problems.add(new FieldProblem("clientId", "taken", "Client id " + id + " is taken."));
		}
		if (xroad != null && !XROAD_CLIENT.matcher(xroad).matches()) {
			problems.add(new FieldProblem("xroadClient", "invalid_xroad_client",
					"An X-Road client is INSTANCE/CLASS/MEMBER/SUBSYSTEM."));
		}
		else if (xroad != null && this.bindings.xroadClientBound(xroad)) {
			problems.add(new FieldProblem("xroadClient", "taken", "X-Road client " + xroad + " is bound already."));
		}
		if (!problems.isEmpty()) {
			throw ServiceCheck.invalidClient(problems);
		}
		String secret = HexFormat.of().formatHex(bytes(24));
		this.clients.save(RegisteredClient.withId(UUID.randomUUID().toString())
			.clientId(id)
			.clientSecret(this.passwords.encode(secret))
			.clientName(system.name())
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
			.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
			.scope("exchange")
			.tokenSettings(TokenSettings.builder().accessTokenTimeToLive(Duration.ofMinutes(30)).build())
			.clientSettings(ClientSettings.builder().setting(AGENCY_SETTING, system.agencyId().toString()).build())
			.build());
		ClientBinding binding = bind(actor, id, system, xroad);
		return new Registered(binding, secret);
	}

	/** Binds an existing {@code client_credentials} client (the demo's) to a system. */
	@Transactional
	public ClientBinding bindExisting(Actor actor, String clientId, UUID systemId, @Nullable String xroadClient) {
		if (!actor.has(Role.PLATFORM_ADMIN)) {
			throw new UnigovException(CommonError.FORBIDDEN, "Only a platform admin binds an existing client.");
		}
		RegisteredClient client = this.clients.findByClientId(clientId);
		RegisteredSystem system = this.registry.get(new SystemId(systemId)).orElse(null);
		if (client == null || system == null
				|| !client.getAuthorizationGrantTypes().contains(AuthorizationGrantType.CLIENT_CREDENTIALS)) {
			throw ServiceCheck.invalidClient(List.of(new FieldProblem("clientId", "unknown_client",
					"Client " + clientId + " is not a registered client_credentials client.")));
		}
		Object agency = client.getClientSettings().getSetting(AGENCY_SETTING);
		if (agency != null && !agency.toString().equals(system.agencyId().toString())) {
			throw ServiceCheck.invalidClient(List.of(new FieldProblem("systemId", "other_agency",
					"The client belongs to another agency than the system.")));
		}
		return bind(actor, clientId, system, xroadClient);
	}

	private ClientBinding bind(Actor actor, String clientId, RegisteredSystem system, @Nullable String xroad) {
		ClientBinding binding = this.bindings.bind(clientId, system, xroad, actor.username());
		this.journal.append(actor, AuditRecord.of("exchange.client.bound", "oauth2-client", clientId,
				system.divisionCode(), Map.of("system", system.id().toString(), "systemName", system.name(),
						"xroadClient", xroad == null ? "" : xroad)));
		this.events.publishEvent(new ExchangeClientsChanged(clientId));
		return binding;
	}

	/** Unbinds a client: its calls are refused from the next one on. */
	@Transactional
	public void unbind(Actor actor, String clientId) {
		ClientBinding binding = binding(clientId)
			.orElseThrow(() -> UnigovException.notFound(ExchangeError.CLIENT_NOT_FOUND, "Client", clientId));
		if (!actor.has(Role.PLATFORM_ADMIN)
				&& !(actor.has(Role.AGENCY_ADMIN) && binding.agencyId().equals(actor.agencyId()))) {
			throw new UnigovException(CommonError.FORBIDDEN, "Only an admin of the client's agency unbinds it.");
		}
		this.bindings.delete(clientId);
		this.journal.append(actor, AuditRecord.of("exchange.client.unbound", "oauth2-client", clientId,
				binding.divisionCode(), Map.of("system", binding.systemId().toString())));
		this.events.publishEvent(new ExchangeClientsChanged(clientId));
	}

	private static byte[] bytes(int n) {
		byte[] bytes = new byte[n];
		RANDOM.nextBytes(bytes);
		return bytes;
	}
}
