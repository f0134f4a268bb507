package org.unigov.shared;

/**
 * Whether modules seed their demo data on start. On by default only against the embedded
 * database ({@code unigov.demo=auto}); {@code unigov.demo=true} seeds an external database too,
 * {@code false} never seeds. Each module seeds only when its own tables are empty.
 */
public record DemoMode(boolean enabled) {
}
