package org.unigov.shared;

import java.time.ZoneId;

/**
 * The platform's time zone: China Standard Time (UTC+8, no daylight saving). Dates people see and
 * deadlines count in it; instants are stored in UTC. The one place it is written.
 */
public final class ChinaTime {

	/** Its IANA name, for annotations ({@code @Scheduled(zone = ChinaTime.ID)}) and SQL. */
	public static final String ID = "Asia/Shanghai";

	public static final ZoneId ZONE = ZoneId.of(ID);

	private ChinaTime() {
	}
}
