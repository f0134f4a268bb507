package org.unigov.sharing;

import java.util.UUID;

/** The id of a grant. */
public record GrantId(UUID value) {
}
