package org.unigov.sharing;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.unigov.calendar.WorkingCalendar;
import org.unigov.shared.Actor;
import org.unigov.sharing.internal.ProviderReply;
import org.unigov.sharing.internal.RequestFiling;
import org.unigov.sharing.internal.Requests;

/**
 * The sharing desk, as other modules see it: requests through the published catalog (S1), decided
 * by the rule the entry carries rather than by who asks. Unconditional entries are granted at once
 * and not-shared ones refused at once, citing the entry's basis (S2, S3); conditional ones go to the
 * provider with a clock of 10 working days. Filing, the provider's reply and the clocks are
 * use cases of their own in {@code internal}; this facade reads requests and files and approves
 * them for other modules.
 */
@Service
@Transactional
public class SharingDesk {

	private final Requests requests;

	private final RequestFiling filing;

	private final ProviderReply replies;

	private final WorkingCalendar calendar;

	SharingDesk(Requests requests, RequestFiling filing, ProviderReply replies, WorkingCalendar calendar) {
		this.requests = requests;
		this.filing = filing;
		this.replies = replies;
		this.calendar = calendar;
	}

	/** What a list of requests is narrowed to. */
	public record RequestFilter(@Nullable String role, @Nullable RequestStatus status, @Nullable UUID agencyId,
			boolean overdue, boolean escalated, @Nullable UUID entryId) {
	}

	/** The requests with these ids, in no particular order; unknown ids are left out. */
	@Transactional(readOnly = true)
	public List<SharingRequest> get(Collection<RequestId> ids) {
		return this.requests.get(ids.stream().map(RequestId::value).toList());
	}

	/**
	 * Requests the actor may see. {@code role} narrows to those the actor's agency made
	 * ({@code made}) or received ({@code received}); {@code overdue} to replies or deliveries past
	 * their deadline; {@code escalated} to those handed to the coordinator.
	 */
	@Transactional(readOnly = true)
	public Page<SharingRequest> find(Actor actor, RequestFilter filter, Pageable pageable) {
		return this.requests.find(actor, filter, this.calendar.today(), pageable);
	}

	/** Files a request; the entry's sharing type decides it at once or sends it to the provider. */
	public SharingRequest file(Actor actor, RequestInput input) {
		return this.filing.file(actor, input);
	}

	/** The provider approves: the grant takes effect and the delivery clock starts (S5). */
	public SharingRequest approve(Actor actor, RequestId id, @Nullable Integer rateLimitPerMinute, long version) {
		return this.replies.approve(actor, id.value(), rateLimitPerMinute, version);
	}
}
