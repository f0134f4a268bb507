package org.unigov.shared;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The platform-wide settings under {@code unigov.*} that several modules read (docs/operations.md).
 *
 * @param dataDir where the instance keeps its files: the embedded database, the exchange's journals
 *     and generated keys, logs ({@code UNIGOV_DATA_DIR})
 * @param trustedProxies reverse proxies whose {@code X-Forwarded-*} headers count, as CIDRs separated
 *     by commas; blank = none ({@code UNIGOV_TRUSTED_PROXIES})
 * @param demo {@code auto} seeds the demo into an empty embedded database; {@code true} or
 *     {@code false} say so for any database ({@code UNIGOV_DEMO})
 */
@ConfigurationProperties("unigov")
public record PlatformSettings(@DefaultValue("var") Path dataDir, @DefaultValue("") String trustedProxies,
		@DefaultValue("auto") String demo) {
}
