package org.unigov.catalog.internal;

import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.unigov.organization.Agency;
import org.unigov.organization.AgencyId;
import org.unigov.organization.OrganizationDirectory;

/** Providing agencies by id, read once a minute at most: every entry row and facet value names its provider. */
@Component
public class Providers {

	private final OrganizationDirectory organizations;

	private final ConcurrentHashMap<UUID, Optional<Agency>> agencies = new ConcurrentHashMap<>();

	private volatile long readAt = System.currentTimeMillis();

	Providers(OrganizationDirectory organizations) {
		this.organizations = organizations;
	}

	public @Nullable Agency agency(UUID id) {
		if (System.currentTimeMillis() - this.readAt > 60_000) {
			this.agencies.clear();
			this.readAt = System.currentTimeMillis();
		}
		return this.agencies.computeIfAbsent(id, key -> this.organizations.agency(new AgencyId(key))).orElse(null);
	}

	/** The agency, read now (not from the cache), for writes that must not act on a stale one. */
	public Optional<Agency> current(UUID id) {
		return this.organizations.agency(new AgencyId(id));
	}
}
