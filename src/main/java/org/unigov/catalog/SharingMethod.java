package org.unigov.catalog;

import org.unigov.shared.Coded;

/** How shared data reaches the consumer (共享方式, C6); an API is preferred. */
public enum SharingMethod implements Coded {

	API("api", "接口服务", "API"),
	BATCH("batch", "批量交换", "Batch exchange"),
	FILE_DOWNLOAD("file-download", "文件下载", "File download");

	private final Label label;

	SharingMethod(String code, String zh, String en) {
		this.label = new Label(code, zh, en);
	}

	@Override
	public Label label() {
		return this.label;
	}
}
