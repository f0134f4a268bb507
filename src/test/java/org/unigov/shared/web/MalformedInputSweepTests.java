package org.unigov.shared.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.unigov.LogTail;
import org.unigov.RawHttp.Response;
import org.unigov.RawHttp;
import org.unigov.UnigovTest;
import org.unigov.shared.web.SweepProbes.Probe;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 15's acceptance sweep: every operation of {@code /v3/api-docs} gets a bounded set of
 * malformed requests ({@link SweepProbes}) over real HTTP, signed in as a platform admin. No
 * answer may be a 5xx, every 4xx must be RFC 9457 problem+json, no change may be accepted, and
 * nothing may be logged with a stack trace. Driven by the document, so a new operation is swept without any change here.
 */
@UnigovTest
class MalformedInputSweepTests {

	private static final int THREADS = 4;

	@LocalServerPort
	int port;

	@Autowired
	Environment environment;

	@Autowired
	JsonMapper json;

	@Test
	void noMalformedRequestGetsAServerErrorOrAnotherErrorFormat() throws Exception {
		RawHttp admin = new RawHttp(this.port).signIn("admin", "demo");
		List<SweepOperation> operations = SweepOperation
			.all(this.json.readTree(admin.get("/v3/api-docs", Map.of("Accept", "application/json")).text()));
		List<Probe> probes = new ArrayList<>();
		for (SweepOperation operation : operations) {
			probes.addAll(SweepProbes.of(operation, admin.csrf(), this.json));
		}
		LogTail log = LogTail.of(this.environment);
		Instant start = Instant.now();
		List<String> failures = Collections.synchronizedList(new ArrayList<>());
		Map<Integer, Integer> statuses = new java.util.concurrent.ConcurrentSkipListMap<>();
		try (ExecutorService pool = Executors.newFixedThreadPool(THREADS)) {
			List<Future<?>> sent = new ArrayList<>();
			for (Probe probe : probes) {
				sent.add(pool.submit(() -> statuses.merge(send(admin, probe, failures), 1, Integer::sum)));
			}
			for (Future<?> each : sent) {
				each.get();
			}
		}
		Duration took = Duration.between(start, Instant.now());
		System.out.printf("Malformed-input sweep: %d operations, %d requests, %d s; answers by status: %s%n",
				operations.size(), probes.size(), took.toSeconds(), statuses);
		List<String> traces = log.stackTraces();
		assertThat(operations).as("operations in /v3/api-docs").hasSizeGreaterThan(100);
		assertThat(failures).as(failures.size() + " of " + probes.size() + " malformed requests got a wrong answer:\n"
				+ String.join("\n", failures.stream().sorted().toList())).isEmpty();
		assertThat(traces).as("stack traces logged during the sweep:\n" + String.join("\n",
				traces.stream().map(t -> t.length() > 600 ? t.substring(0, 600) : t).toList())).isEmpty();
	}

	/** Sends one probe, notes what is wrong with its answer, and returns the status (0: none). */
	private static int send(RawHttp client, Probe probe, List<String> failures) {
		Response response;
		try {
			response = client.send(probe.method(), probe.target(), probe.headers(), probe.body());
		}
		catch (IOException ex) {
			failures.add(probe + " -> no answer: " + ex.getMessage());
			return 0;
		}
		int status = response.status();
		if (status >= 500) {
			failures.add(probe + " -> " + response);
		}
		else if (status >= 400 && !response.isProblem()) {
			failures.add(probe + " -> " + status + " as " + response.contentType() + ", not problem+json");
		}
		else if (status >= 300 && status < 400) {
			failures.add(probe + " -> " + status + " redirect to " + response.header("location"));
		}
		else if (status < 300 && !probe.method().equals("GET")) {
			// every change the sweep asks for is malformed or aimed at a record that does not exist
			failures.add(probe + " -> " + status + ": a malformed change was accepted");
		}
		else if (response.text().contains("\tat org.") || response.text().contains("Exception:")) {
			failures.add(probe + " -> internals in the answer: " + response);
		}
		return status;
	}
}
