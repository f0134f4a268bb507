package org.unigov.registry;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.unigov.audit.AuditJournal;
import org.unigov.audit.AuditRecord;
import org.unigov.registry.internal.Capabilities;
import org.unigov.registry.internal.RegistryError;
import org.unigov.shared.Actor;
import org.unigov.shared.Role;
import org.unigov.shared.problem.CommonError;
import org.unigov.shared.problem.UnigovException;

/**
 * The function taxonomy (功能分类): about forty built-in codes for what Chinese local governments
 * build, which a platform admin may extend. Systems, drafts and imports name capabilities by code,
 * or by their Chinese or English name.
 */
@Service
public class Taxonomy {

	private final Capabilities capabilities;

	private final AuditJournal journal;

	private final ApplicationEventPublisher events;

	/** Published when the taxonomy changed. */
	public record TaxonomyChanged(String code) {
	}

	/** The taxonomy as last read; re-read after a change commits and at least once a minute. */
	private volatile @Nullable Map<String, Capability> byCode;

	private volatile long readAt;

	Taxonomy(Capabilities capabilities, AuditJournal journal, ApplicationEventPublisher events) {
		this.capabilities = capabilities;
		this.journal = journal;
		this.events = events;
	}

	/** Every capability in taxonomy order. */
	public List<Capability> capabilities() {
		return List.copyOf(codes().values());
	}

	public Optional<Capability> capability(String code) {
		return Optional.ofNullable(codes().get(code));
	}

	public boolean exists(String code) {
		return codes().containsKey(code);
	}

	/** The code a person meant by a code, a Chinese name or an English name (case ignored). */
	public Optional<String> resolve(@Nullable String text) {
		if (text == null || text.isBlank()) {
			return Optional.empty();
		}
		String wanted = text.strip();
		Map<String, Capability> codes = codes();
		if (codes.containsKey(wanted.toLowerCase(Locale.ROOT))) {
			return Optional.of(wanted.toLowerCase(Locale.ROOT));
		}
		return codes.values()
			.stream()
			.filter(c -> c.nameZh().equals(wanted) || c.nameEn().equalsIgnoreCase(wanted))
			.map(Capability::code)
			.findFirst();
	}

	/** The codes of capabilities a province builds once for everyone. */
	public Set<String> provinceWide() {
		return codes().values()
			.stream()
			.filter(Capability::provinceWide)
			.map(Capability::code)
			.collect(Collectors.toUnmodifiableSet());
	}

	/** The display name of a code in a locale, or the code itself when unknown. */
	public String name(String code, Locale locale) {
		Capability capability = codes().get(code);
		return capability == null ? code : capability.name(locale);
	}

	@Transactional
	public Capability add(Actor actor, String code, String nameZh, String nameEn, boolean provinceWide) {
		if (!actor.has(Role.PLATFORM_ADMIN)) {
			throw new UnigovException(CommonError.FORBIDDEN, "Only a platform admin may extend the taxonomy.");
		}
		String normalized = code.strip().toLowerCase(Locale.ROOT);
		if (!normalized.matches("[a-z0-9][a-z0-9-]{1,48}[a-z0-9]")) {
			throw new UnigovException(RegistryError.INVALID_SYSTEM,
					"A capability code has 3 to 50 lower-case letters, digits and hyphens.");
		}
		if (exists(normalized) || resolve(nameZh).isPresent() || resolve(nameEn).isPresent()) {
			throw new UnigovException(RegistryError.CAPABILITY_EXISTS,
					"The taxonomy already has a capability with this code or name.");
		}
		Capability added = this.capabilities.add(normalized, nameZh.strip(), nameEn.strip(), provinceWide);
		this.journal.append(actor, AuditRecord.of("capability.created", "capability", normalized, null,
				Map.of("nameZh", nameZh.strip(), "nameEn", nameEn.strip(), "provinceWide", provinceWide)));
		this.byCode = null;
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					Taxonomy.this.byCode = null;
				}
			});
		}
		this.events.publishEvent(new TaxonomyChanged(normalized));
		return added;
	}

	private Map<String, Capability> codes() {
		Map<String, Capability> codes = this.byCode;
		if (codes == null || System.nanoTime() - this.readAt > 60_000_000_000L) {
			Map<String, Capability> loaded = new LinkedHashMap<>();
			this.capabilities.all().forEach(c -> loaded.put(c.code(), c));
			codes = Collections.unmodifiableMap(loaded);
			this.byCode = codes;
			this.readAt = System.nanoTime();
		}
		return codes;
	}
}
