package org.unigov.organization;

import java.util.List;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.unigov.organization.internal.OrganizationManagement;
import org.unigov.shared.Actor;
import org.unigov.shared.DemoMode;
import org.unigov.shared.Role;
import org.unigov.shared.ident.CreditCode;

/**
 * Demo divisions and agencies of 陕西省 (Shaanxi), seeded on first start when demo mode is on and
 * no division exists. Credit codes are synthetic but carry valid GB 32100 check characters.
 */
@Component
@Order(10)
public class DemoOrganization implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(DemoOrganization.class);

	/** A demo agency: its key (used by other modules' demo data), division and names. */
	public record DemoAgency(String key, String division, String nameZh, String nameEn, int sequence) {

		public String creditCode() {
			return CreditCode.complete("11" + this.division + "MB" + String.format("%07d", this.sequence));
		}
	}

	static final List<Division> DIVISIONS = List.of(
			new Division("610000", "陕西省", "Shaanxi Province", null, 1, 0),
			new Division("610100", "西安市", "Xi'an", "610000", 2, 0),
			new Division("610103", "碑林区", "Beilin District", "610100", 3, 0),
			new Division("610112", "未央区", "Weiyang District", "610100", 3, 0),
			new Division("610113", "雁塔区", "Yanta District", "610100", 3, 0),
			new Division("610300", "宝鸡市", "Baoji", "610000", 2, 0),
			new Division("610302", "渭滨区", "Weibin District", "610300", 3, 0));

	public static final List<DemoAgency> AGENCIES = List.of(
			new DemoAgency("sn-data", "610000", "陕西省数据和政务服务局", "Shaanxi Data and Government Services Bureau", 1),
			new DemoAgency("sn-psb", "610000", "陕西省公安厅", "Shaanxi Public Security Department", 2),
			new DemoAgency("sn-hrss", "610000", "陕西省人力资源和社会保障厅", "Shaanxi Human Resources and Social Security Department", 3),
			new DemoAgency("sn-samr", "610000", "陕西省市场监督管理局", "Shaanxi Administration for Market Regulation", 4),
			new DemoAgency("sn-finance", "610000", "陕西省财政厅", "Shaanxi Department of Finance", 5),
			new DemoAgency("xa-data", "610100", "西安市数据局", "Xi'an Data Bureau", 11),
			new DemoAgency("xa-psb", "610100", "西安市公安局", "Xi'an Public Security Bureau", 12),
			new DemoAgency("xa-hrss", "610100", "西安市人力资源和社会保障局", "Xi'an Human Resources and Social Security Bureau", 13),
			new DemoAgency("xa-health", "610100", "西安市卫生健康委员会", "Xi'an Health Commission", 14),
			new DemoAgency("xa-audit", "610100", "西安市审计局", "Xi'an Audit Bureau", 15),
			new DemoAgency("yt-data", "610113", "雁塔区数据局", "Yanta District Data Bureau", 21),
			new DemoAgency("yt-civil", "610113", "雁塔区民政局", "Yanta District Civil Affairs Bureau", 22),
			new DemoAgency("yt-audit", "610113", "雁塔区审计局", "Yanta District Audit Bureau", 23),
			new DemoAgency("bl-data", "610103", "碑林区数据局", "Beilin District Data Bureau", 31),
			new DemoAgency("bl-samr", "610103", "碑林区市场监督管理局", "Beilin District Market Regulation Bureau", 32),
			new DemoAgency("wy-data", "610112", "未央区数据局", "Weiyang District Data Bureau", 41),
			new DemoAgency("bj-data", "610300", "宝鸡市数据局", "Baoji Data Bureau", 51),
			new DemoAgency("bj-nr", "610300", "宝鸡市自然资源和规划局", "Baoji Natural Resources and Planning Bureau", 52),
			new DemoAgency("wb-data", "610302", "渭滨区数据局", "Weibin District Data Bureau", 61));

	/** Seeding acts as the platform itself, with the platform admin's rights. */
	static final Actor SEEDER = new Actor(null, "system", "Unigov", Actor.Kind.SYSTEM, null, null, null,
			Set.of(Role.PLATFORM_ADMIN));

	private final DemoMode demo;

	private final OrganizationDirectory directory;

	private final OrganizationManagement management;

	private final TransactionTemplate transactions;

	DemoOrganization(DemoMode demo, OrganizationDirectory directory, OrganizationManagement management,
			TransactionTemplate transactions) {
		this.demo = demo;
		this.directory = directory;
		this.management = management;
		this.transactions = transactions;
	}

	public static DemoAgency agency(String key) {
		return AGENCIES.stream().filter(a -> a.key().equals(key)).findFirst().orElseThrow();
	}

	@Override
	public void run(ApplicationArguments args) {
		if (!this.demo.enabled() || !this.directory.divisions().isEmpty()) {
			return;
		}
		this.transactions.executeWithoutResult(status -> {
			for (Division d : DIVISIONS) {
				this.management.createDivision(SEEDER, new OrganizationManagement.NewDivision(d.code(), d.nameZh(),
						d.nameEn(), d.parentCode() == null ? "" : d.parentCode()));
			}
			for (DemoAgency a : AGENCIES) {
				this.management.createAgency(SEEDER,
						new OrganizationManagement.NewAgency(a.creditCode(), a.nameZh(), a.nameEn(), a.division()));
			}
		});
		log.info("Seeded demo organization: {} divisions, {} agencies", DIVISIONS.size(), AGENCIES.size());
	}
}
