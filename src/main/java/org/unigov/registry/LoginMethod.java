package org.unigov.registry;

import org.unigov.shared.Coded;

/** How people sign in to a system (登录方式). */
public enum LoginMethod implements Coded {

	UNIFIED_IDENTITY("unified-identity", "统一身份认证", "Unified identity"),
	OWN_ACCOUNTS("own-accounts", "自有账号", "Own accounts"), NONE("none", "无需登录", "No sign-in");

	private final Label label;

	LoginMethod(String code, String labelZh, String labelEn) {
		this.label = new Label(code, labelZh, labelEn);
	}

	@Override
	public Label label() {
		return this.label;
	}
}
