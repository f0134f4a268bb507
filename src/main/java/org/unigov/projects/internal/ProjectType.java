package org.unigov.projects.internal;

import org.unigov.shared.Coded;

/** What a project builds: a new system, an upgrade of a registered one, or its operation and maintenance. */
public enum ProjectType implements Coded {

	NEW_SYSTEM("new-system", "新建系统", "New system"), UPGRADE("upgrade", "升级改造", "Upgrade of a registered system"),
	OM("om", "运行维护", "Operation and maintenance");

	private final Label label;

	ProjectType(String code, String labelZh, String labelEn) {
		this.label = new Label(code, labelZh, labelEn);
	}

	@Override
	public Label label() {
		return this.label;
	}
}
