package org.unigov.catalog.internal;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** Registers the catalog's settings. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ CatalogProperties.class, OpenDataProperties.class })
class CatalogConfiguration {
}
