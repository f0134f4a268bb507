package org.unigov.catalog.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code unigov.open.*}: how the open-data portal and its DCAT-AP export describe the catalogue
 * (set in application.yaml), and the largest file a provider uploads for download.
 */
@ConfigurationProperties("unigov.open")
public record OpenDataProperties(String titleZh, String titleEn, String descriptionZh, String descriptionEn,
		String publisherZh, String publisherEn, String licence, @DefaultValue("20MB") DataSize maxFileSize) {
}
