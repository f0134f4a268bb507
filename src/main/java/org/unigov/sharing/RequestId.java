package org.unigov.sharing;

import java.util.UUID;

/** The id of a sharing request. */
public record RequestId(UUID value) {

	public static RequestId of(SharingRequest request) {
		return new RequestId(request.id());
	}
}
