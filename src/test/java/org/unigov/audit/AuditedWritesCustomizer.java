package org.unigov.audit;

import java.util.List;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Adds {@link AuditedWrites} and {@link WritingTransactions} to every Spring test context
 * (registered in META-INF/spring.factories) and, as an initializer, to an application a test
 * starts itself. They are not components: the benchmarks run the application on the test
 * classpath, and a scanned check would add a query to each of their writes.
 */
public class AuditedWritesCustomizer implements ContextCustomizerFactory, ContextCustomizer,
		ApplicationContextInitializer<ConfigurableApplicationContext> {

	@Override
	public ContextCustomizer createContextCustomizer(Class<?> testClass,
			List<ContextConfigurationAttributes> configAttributes) {
		return this;
	}

	@Override
	public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
		initialize(context);
	}

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		if (!(context instanceof GenericApplicationContext registry)) {
			throw new IllegalStateException("Cannot add the audited-writes check to a " + context.getClass().getName());
		}
		registry.registerBean(WritingTransactions.class);
		registry.registerBean(AuditedWrites.class);
	}

	// one customizer for every test class: contexts stay shared between them
	@Override
	public boolean equals(Object other) {
		return other instanceof AuditedWritesCustomizer;
	}

	@Override
	public int hashCode() {
		return AuditedWritesCustomizer.class.hashCode();
	}
}
