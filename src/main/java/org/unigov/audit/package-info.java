/**
 * The audit chain: an append-only journal of every state change on the platform. Each entry is
 * hashed (SHA-256) together with the hash of the entry before it, so editing, deleting or
 * reordering any row breaks the chain from that row on; the database refuses UPDATE, DELETE and
 * TRUNCATE on the journal. Modules append through {@link org.unigov.audit.AuditJournal} inside
 * the transaction of the change they record.
 */
@NullMarked
@ApplicationModule(displayName = "Audit", allowedDependencies = "shared")
package org.unigov.audit;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
