package org.unigov.catalog;

import org.unigov.shared.Coded;

/** Resource format (信息资源格式, C6). */
public enum DataFormat implements Coded {

	DATABASE("database", "数据库", "Database"),
	SPREADSHEET("spreadsheet", "电子表格", "Spreadsheet"),
	FILE("file", "电子文件", "Electronic file"),
	IMAGE("image", "图形图像", "Image, vector or raster"),
	STREAMING("streaming", "流媒体", "Streaming media"),
	SELF_DESCRIBING("self-describing", "自描述格式", "Self-describing");

	private final Label label;

	DataFormat(String code, String zh, String en) {
		this.label = new Label(code, zh, en);
	}

	@Override
	public Label label() {
		return this.label;
	}
}
