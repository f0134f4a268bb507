package org.unigov.shared;

/**
 * Who may call an endpoint, as {@code @PreAuthorize} expressions, written once. The service behind
 * an endpoint still checks the actor's scope (division, agency); these only keep out roles that
 * never have business there.
 */
public final class Access {

	/** The platform's administrators. */
	public static final String PLATFORM_ADMIN = "hasRole('PLATFORM_ADMIN')";

	/** Any government staff: administrators, coordinators, auditors, agency admins and staff. */
	public static final String ANY_STAFF = "hasAnyRole('PLATFORM_ADMIN','COORDINATOR','AUDITOR','AGENCY_ADMIN','AGENCY_STAFF')";

	/** Those who do an agency's work: its admins and staff, and platform administrators. */
	public static final String AGENCY_WORKERS = "hasAnyRole('PLATFORM_ADMIN','AGENCY_ADMIN','AGENCY_STAFF')";

	/** An agency's administrators, and platform administrators. */
	public static final String AGENCY_ADMINS = "hasAnyRole('PLATFORM_ADMIN','AGENCY_ADMIN')";

	/** Coordinators (统筹部门), and platform administrators. */
	public static final String COORDINATORS = "hasAnyRole('PLATFORM_ADMIN','COORDINATOR')";

	/** Those who oversee a division: coordinators, auditors, platform administrators. */
	public static final String OVERSEERS = "hasAnyRole('PLATFORM_ADMIN','COORDINATOR','AUDITOR')";

	private Access() {
	}
}
