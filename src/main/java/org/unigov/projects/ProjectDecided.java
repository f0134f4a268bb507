package org.unigov.projects;

import java.util.UUID;

/**
 * A review ended for the proposing agency: {@code result} is approved, stage-approved (on to the
 * next stage), returned or rejected.
 */
public record ProjectDecided(UUID projectId, String code, String name, UUID agencyId, String result) {
}
