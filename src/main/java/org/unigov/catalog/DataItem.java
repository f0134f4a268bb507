package org.unigov.catalog;

import org.jspecify.annotations.Nullable;

/**
 * One data item (信息项) of an entry.
 *
 * @param name the item's name, unique within the entry
 * @param elementCode the standard data element it means, where one exists
 * @param example an example value, checked against the element
 * @param origin collected by the department, or obtained through sharing (C8)
 * @param sourceEntryCode for a shared item, the catalog entry it comes from
 */
public record DataItem(String name, @Nullable String nameEn, ItemType type, @Nullable String elementCode,
		@Nullable String description, @Nullable String example, ItemOrigin origin, @Nullable String sourceEntryCode) {
}
