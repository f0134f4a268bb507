package org.unigov.catalog.harvest;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One dataset as an external catalogue describes it, before it is mapped to a catalog entry:
 * every field kept as the source wrote it (dates as their text, the licence as its IRI), so that
 * what the entry has no room for is still kept with the harvest record and shown.
 *
 * @param identifier the dataset's identifier in its source (dct:identifier, data.json
 * {@code identifier}, else the dataset's IRI): re-harvests match on it
 * @param language the language the title and description are in, where the source says so
 * @param licence the licence IRI or text the source states; never a default
 * @param temporal the temporal coverage as {@code start/end} (ISO 8601, either end may be empty)
 */
public record HarvestedDataset(String identifier, @Nullable String title, @Nullable String description,
		@Nullable String language, List<String> keywords, @Nullable String publisher, @Nullable String licence,
		@Nullable String issued, @Nullable String modified, @Nullable String landingPage, @Nullable String contactName,
		@Nullable String contactEmail, @Nullable String frequency, @Nullable String temporal,
		List<Distribution> distributions) {

	public HarvestedDataset {
		keywords = List.copyOf(keywords);
		distributions = List.copyOf(distributions);
	}

	/** One distribution: where to get the data and in what format. */
	public record Distribution(@Nullable String title, @Nullable String accessUrl, @Nullable String downloadUrl,
			@Nullable String format, @Nullable String mediaType) {

		/** The URL a reader follows: the download URL if there is one, else the access URL. */
		public @Nullable String url() {
			return this.downloadUrl != null ? this.downloadUrl : this.accessUrl;
		}
	}
}
