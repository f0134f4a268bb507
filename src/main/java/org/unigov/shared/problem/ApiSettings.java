package org.unigov.shared.problem;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code unigov.api.*}: limits every API shares.
 *
 * @param maxBodySize the largest JSON body accepted; a larger one is refused with 413
 *     {@code payload_too_large}
 */
@ConfigurationProperties("unigov.api")
public record ApiSettings(@DefaultValue("1MB") DataSize maxBodySize) {
}
