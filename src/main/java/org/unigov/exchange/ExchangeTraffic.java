package org.unigov.exchange;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.unigov.exchange.internal.Services;
import org.unigov.exchange.internal.TrafficRows;

/**
 * A registered system's use of the exchange month by month, from the daily roll-up the access
 * log maintains: what project evaluation (P7) measures use by. The traffic pages read the same
 * roll-up through {@code internal.TrafficReport}.
 */
@Service
public class ExchangeTraffic {

	private final TrafficRows rows;

	private final Services services;

	ExchangeTraffic(TrafficRows rows, Services services) {
		this.rows = rows;
		this.services = services;
	}

	/**
	 * A registered system's use of the exchange in one month: calls its data services answered
	 * (denied calls not counted) and calls it made as a consumer.
	 */
	public record MonthUse(YearMonth month, long served, long made) {
	}

	/**
	 * Month by month from {@code from} to {@code to} (both included, months without calls as zeros):
	 * what project evaluation (P7) measures use by. Read from the daily traffic of the access log.
	 */
	@Transactional(readOnly = true)
	public List<MonthUse> monthlyUse(UUID systemId, YearMonth from, YearMonth to) {
		LocalDate first = from.atDay(1);
		LocalDate last = to.atEndOfMonth();
		Map<YearMonth, Long> served = this.rows.servedByMonth(first, last, this.services.resourceCodes(systemId));
		Map<YearMonth, Long> made = this.rows.madeByMonth(first, last, systemId);
		List<MonthUse> use = new ArrayList<>();
		for (YearMonth m = from; !m.isAfter(to); m = m.plusMonths(1)) {
			use.add(new MonthUse(m, served.getOrDefault(m, 0L), made.getOrDefault(m, 0L)));
		}
		return use;
	}
}
