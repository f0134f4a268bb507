package org.unigov.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code unigov.public-url}: where users reach the platform (docs/operations.md).
 *
 * @param publicUrl e.g. {@code https://unigov.example.gov.cn}; blank = each request's Host header
 *     (the local demo only)
 */
@ConfigurationProperties("unigov")
record AddressSettings(@DefaultValue("") String publicUrl) {
}
