/**
 * The exchange gateway: where a sharing grant meets the data (S6, S10). Providers register data
 * services (an endpoint of one of their registered systems serving a catalog resource); consumer
 * systems call {@code /exchange/v1/{resourceCode}/{path}} with a {@code client_credentials} token
 * and an {@code X-Purpose}; the gateway checks the grant, limits the rate, forwards the call,
 * passes back only the granted data items and writes every call, allowed or denied, to a
 * hash-chained access log before it answers. docs/exchange.md describes the design.
 */
@NullMarked
@ApplicationModule(displayName = "Exchange gateway",
		allowedDependencies = { "shared", "audit", "organization", "registry", "catalog", "sharing" })
package org.unigov.exchange;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
