package org.unigov;

import java.time.Clock;
import java.util.Arrays;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.unigov.audit.AuditVerifierCommand;

/**
 * Unigov: one Spring Boot application made of Spring Modulith modules, one top-level package each.
 * {@code java -jar unigov.jar audit-verify ...} runs the stand-alone audit chain verifier instead of
 * the platform. Each module reads its settings through one {@code @ConfigurationProperties} record
 * (found by the scan), with its defaults written there once.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class UnigovApplication {

	public static void main(String[] args) {
		if (args.length > 0 && AuditVerifierCommand.NAME.equals(args[0])) {
			System.exit(AuditVerifierCommand.run(Arrays.copyOfRange(args, 1, args.length)));
		}
		SpringApplication.run(UnigovApplication.class, args);
	}

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}
}
