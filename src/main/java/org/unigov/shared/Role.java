package org.unigov.shared;

/**
 * What a person may do. Staff roles are held by accounts that belong to one agency (部门); the
 * coordinator (统筹部门 reviewer) and auditor see their agency's division and everything below it.
 */
public enum Role {

	/** Runs the platform: divisions, accounts of every level, clients, calendars. */
	PLATFORM_ADMIN,
	/** 统筹部门 reviewer: sees and governs the division subtree. */
	COORDINATOR,
	/** Manages the agency's own staff, systems and data. */
	AGENCY_ADMIN,
	/** Works for an agency: registers, requests, answers. */
	AGENCY_STAFF,
	/** 财政、审计: reads everything in the division subtree; changes nothing but its budget reviews of projects. */
	AUDITOR,
	/** A member of the public or an enterprise. */
	CITIZEN;

	/** The Spring Security authority name. */
	public String authority() {
		return "ROLE_" + name();
	}

	public boolean isStaff() {
		return this != CITIZEN;
	}
}
