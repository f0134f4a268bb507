package org.unigov.exchange.internal;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.context.properties.bind.Name;
import org.springframework.util.unit.DataSize;

/**
 * {@code unigov.exchange.*}: the gateway's listener, limits, circuit breaker, access log and
 * journal. The defaults are here and only here; application.yaml repeats them for operators,
 * docs/exchange.md describes every key.
 *
 * @param subjectKeys {@code id:base64} subject keys, newest first; empty: a key generated into the data directory
 * @param host the address the gateway listens on
 * @param port the gateway's own port ({@code /exchange/v1/...}, {@code /open/v1/...}); 0 picks a free one
 * @param threads event loops; 0 = one per core
 * @param transport {@code io_uring}, {@code epoll} or {@code nio}; {@code auto} = the first the kernel allows
 * @param maxRequestSize the largest call body forwarded
 * @param maxResponseSize the largest provider answer passed back
 * @param publicUrl where the public reaches the gateway; empty = the web host with the exchange port
 */
@ConfigurationProperties("unigov.exchange")
public record ExchangeProperties(@DefaultValue("") String subjectKeys, @DefaultValue("0.0.0.0") String host,
		@DefaultValue("8081") int port, @DefaultValue("0") int threads, @DefaultValue("auto") String transport,
		@DefaultValue("64KB") DataSize maxRequestSize, @DefaultValue("10MB") DataSize maxResponseSize,
		@DefaultValue("") String publicUrl, @DefaultValue Breaker breaker, @DefaultValue Log log,
		@DefaultValue Journal journal, @DefaultValue Open open, @DefaultValue Providers providers) {

	/**
	 * @param failures failures in a row that open a provider's circuit
	 * @param openFor how long the circuit stays open before a trial call
	 */
	public record Breaker(@DefaultValue("5") int failures, @DefaultValue("10s") Duration openFor) {
	}

	/**
	 * @param confirmWithin ({@code wait}) how long a call waits for its access-log entry to be on disk before it is refused (503)
	 * @param maxBatch entries per journal flush at most
	 * @param queue entries waiting for the journal writer at most
	 */
	public record Log(@Name("wait") @DefaultValue("5s") Duration confirmWithin, @DefaultValue("2000") int maxBatch,
			@DefaultValue("100000") int queue) {
	}

	/**
	 * @param dir where the access log's local journals are (application.yaml: under {@code unigov.data-dir})
	 * @param capacity a journal's size, fixed when it is created
	 */
	public record Journal(@DefaultValue("var/exchange-journal") Path dir, @DefaultValue("256MB") DataSize capacity) {
	}

	/** @param callsPerMinute open-data calls per client address and minute, over all open APIs */
	public record Open(@DefaultValue("60") int callsPerMinute) {
	}

	/** @param allowedNetworks CIDRs of private networks providers may be reached in (comma-separated) */
	public record Providers(@DefaultValue("") String allowedNetworks) {
	}
}
