package org.unigov.exchange.gateway;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.stereotype.Component;

/**
 * Prometheus metrics of the exchange ({@code /actuator/prometheus}):
 * {@code unigov_exchange_calls_total{resource,consumer,outcome}},
 * {@code unigov_exchange_latency_seconds{resource,consumer}} (count, sum, max) and
 * {@code unigov_exchange_unauthenticated_total}. Meters are looked up once per combination and
 * kept, so a call costs two map lookups.
 */
@Component
class ExchangeMetrics {

	private final MeterRegistry registry;

	private final Map<String, Counter> calls = new ConcurrentHashMap<>();

	private final Map<String, Timer> latencies = new ConcurrentHashMap<>();

	private final Counter unauthenticated;

	ExchangeMetrics(MeterRegistry registry) {
		this.registry = registry;
		this.unauthenticated = Counter.builder("unigov.exchange.unauthenticated")
			.description("Calls to the exchange without a valid token (not in the access log)")
			.register(registry);
	}

	void unauthenticated() {
		this.unauthenticated.increment();
	}

	void record(String resource, String consumer, String outcome, long nanos) {
		String key = resource + '\u0000' + consumer + '\u0000' + outcome;
		Counter counter = this.calls.get(key);
		if (counter == null) {
			counter = this.calls.computeIfAbsent(key, k -> Counter.builder("unigov.exchange.calls")
				.description("Calls through the exchange by resource, consumer client and outcome")
				.tag("resource", resource)
				.tag("consumer", consumer)
				.tag("outcome", outcome)
				.register(this.registry));
		}
		counter.increment();
		String timerKey = resource + '\u0000' + consumer;
		Timer timer = this.latencies.get(timerKey);
		if (timer == null) {
			timer = this.latencies.computeIfAbsent(timerKey, k -> Timer.builder("unigov.exchange.latency")
				.description("Time the exchange took to answer, by resource and consumer client")
				.tag("resource", resource)
				.tag("consumer", consumer)
				.register(this.registry));
		}
		timer.record(nanos, TimeUnit.NANOSECONDS);
	}
}
