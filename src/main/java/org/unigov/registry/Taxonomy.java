package org.unigov.registry;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.unigov.audit.AuditJournal;
import org.unigov.audit.AuditRecord;
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

	private final JdbcClient jdbc;

	private final AuditJournal journal;

	private final org.springframework.context.ApplicationEventPublisher events;

	/** Published when the taxonomy changed. */
	public record TaxonomyChanged(String code) {
	}

	/** The taxonomy as last read; re-read after a change commits and at least once a minute. */
	private volatile @Nullable Map<String, Capability> byCode;

	private volatile long readAt;

	Taxonomy(JdbcClient jdbc, AuditJournal journal, org.springframework.context.ApplicationEventPublisher events) {
		this.jdbc = jdbc;
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
	public java.util.Set<String> provinceWide() {
		return codes().values()
			.stream()
			.filter(Capability::provinceWide)
			.map(Capability::code)
			.collect(java.util.stream.Collectors.toUnmodifiableSet());
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
		int position = this.jdbc.sql("select coalesce(max(position), 0) + 1 from reg_capability")
			.query(Integer.class)
			.single();
		this.jdbc
			.sql("insert into reg_capability (code, name_zh, name_en, position, province_wide) values (?, ?, ?, ?, ?)")
			.params(normalized, nameZh.strip(), nameEn.strip(), position, provinceWide)
			.update();
		this.journal.append(actor, AuditRecord.of("capability.created", "capability", normalized, null,
				Map.of("nameZh", nameZh.strip(), "nameEn", nameEn.strip(), "provinceWide", provinceWide)));
		this.byCode = null;
		if (org.springframework.transaction.support.TransactionSynchronizationManager.isSynchronizationActive()) {
			org.springframework.transaction.support.TransactionSynchronizationManager
				.registerSynchronization(new org.springframework.transaction.support.TransactionSynchronization() {
					@Override
					public void afterCommit() {
						Taxonomy.this.byCode = null;
					}
				});
		}
		this.events.publishEvent(new TaxonomyChanged(normalized));
		return new Capability(normalized, nameZh.strip(), nameEn.strip(), position, false, provinceWide);
	}

	private Map<String, Capability> codes() {
		Map<String, Capability> codes = this.byCode;
		if (codes == null || System.nanoTime() - this.readAt > 60_000_000_000L) {
			Map<String, Capability> loaded = new LinkedHashMap<>();
			this.jdbc.sql("select * from reg_capability order by position, code")
				.query((rs, n) -> new Capability(rs.getString("code"), rs.getString("name_zh"), rs.getString("name_en"),
						rs.getInt("position"), rs.getBoolean("builtin"), rs.getBoolean("province_wide")))
				.list()
				.forEach(c -> loaded.put(c.code(), c));
			codes = java.util.Collections.unmodifiableMap(loaded);
			this.byCode = codes;
			this.readAt = System.nanoTime();
		}
		return codes;
	}
}
