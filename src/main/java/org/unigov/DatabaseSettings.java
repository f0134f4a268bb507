package org.unigov;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code unigov.db.*}: the external PostgreSQL, or the embedded one when no URL is set
 * (docs/operations.md).
 *
 * @param url {@code jdbc:postgresql://host:5432/unigov}; blank = embedded PostgreSQL
 * @param user the external database's user
 * @param password the external database's password
 * @param embedded the embedded database's settings
 */
@ConfigurationProperties("unigov.db")
record DatabaseSettings(@DefaultValue("") String url, @DefaultValue("") String user,
		@DefaultValue("") String password, @DefaultValue Embedded embedded) {

	/**
	 * @param port a fixed port for the embedded server (0 = a free one), e.g. to reach it with psql
	 * @param clean wipe the embedded database (and the exchange's journals that belong to it) at start
	 */
	record Embedded(@DefaultValue("0") int port, @DefaultValue("false") boolean clean) {
	}
}
