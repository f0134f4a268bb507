package org.unigov.catalog.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.MediaTypeFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.unit.DataSize;
import org.unigov.audit.AuditJournal;
import org.unigov.audit.AuditRecord;
import org.unigov.catalog.CatalogEntry;
import org.unigov.catalog.CatalogError;
import org.unigov.catalog.EntryStatus;
import org.unigov.catalog.OpenAttribute;
import org.unigov.catalog.internal.DistributionStore;
import org.unigov.shared.Actor;
import org.unigov.shared.problem.CommonError;
import org.unigov.shared.problem.FieldProblem;
import org.unigov.shared.problem.UnigovException;

/**
 * The files of open datasets (dcat:Distribution): the provider agency's catalog staff upload,
 * replace and delete them (audited); the public downloads those of published, unconditionally open
 * entries (C5) and nothing else. Each file is stored in PostgreSQL with its size, media type and
 * SHA-256, counted and hashed while it is read, and refused as a whole beyond
 * {@code unigov.open.max-file-size}.
 */
@Service
@Transactional
public class Distributions {

	/** The longest file name kept; longer names are refused rather than cut. */
	public static final int MAX_NAME = 200;

	private final DistributionStore store;

	private final EntryReads reads;

	private final AuditJournal journal;

	private final Clock clock;

	private final long maxSize;

	Distributions(DistributionStore store, EntryReads reads, AuditJournal journal, Clock clock,
			OpenDataProperties open) {
		this.store = store;
		this.reads = reads;
		this.journal = journal;
		this.clock = clock;
		this.maxSize = open.maxFileSize().toBytes();
	}

	/** An uploaded file as the edge received it; the content is read once. */
	public record Upload(@Nullable String title, @Nullable String fileName, @Nullable String contentType,
			InputStream content) {
	}

	public long maxSize() {
		return this.maxSize;
	}

	// ---- reading ------------------------------------------------------------------------------

	/** Whether the public may download an entry's files: published and open without conditions (C5). */
	public static boolean isDownloadable(CatalogEntry entry) {
		return entry.status() == EntryStatus.PUBLISHED && entry.content().openAttribute() == OpenAttribute.OPEN;
	}

	/** The files the public may download for an entry; empty unless the entry is downloadable. */
	@Transactional(readOnly = true)
	public List<Distribution> openFiles(CatalogEntry entry) {
		return isDownloadable(entry) ? this.store.ofEntry(entry.id()) : List.of();
	}

	/** The downloadable files of many entries at once (for the DCAT export), by entry. */
	@Transactional(readOnly = true)
	public Map<UUID, List<Distribution>> openFiles(List<CatalogEntry> entries) {
		Map<UUID, List<Distribution>> byEntry = new LinkedHashMap<>();
		List<UUID> ids = entries.stream().filter(Distributions::isDownloadable).map(CatalogEntry::id).toList();
		for (Distribution d : this.store.ofEntries(ids)) {
			byEntry.computeIfAbsent(d.entryId(), k -> new ArrayList<>()).add(d);
		}
		return byEntry;
	}

	/** A file the public may download, or nothing (404) when its entry is not published and open. */
	@Transactional(readOnly = true)
	public Optional<Distribution> openFile(UUID id) {
		return this.store.get(id)
			.filter(d -> this.reads.get(d.entryId()).filter(Distributions::isDownloadable).isPresent());
	}

	/** The files of an entry for staff who may see the entry. */
	@Transactional(readOnly = true)
	public List<Distribution> files(Actor actor, UUID entryId) {
		CatalogEntry entry = this.reads.visible(actor, entryId);
		return this.store.ofEntry(entry.id());
	}

	/** The content, read chunk by chunk as the stream is consumed. */
	public InputStream content(Distribution distribution) {
		return this.store.content(distribution.id());
	}

	// ---- changing -----------------------------------------------------------------------------

	public static boolean canManage(Actor actor, CatalogEntry entry) {
		return EntryAccess.canCompile(actor, entry.providerAgencyId());
	}

	/** Adds a file to an entry; the provider's catalog staff only. */
	public Distribution upload(Actor actor, UUID entryId, Upload upload) {
		CatalogEntry entry = managed(actor, entryId);
		Described described = describe(upload);
		UUID id = UUID.randomUUID();
		Instant now = now();
		this.store.insert(new Distribution(id, entry.id(), described.title(), described.fileName(),
				described.mediaType(), 0, "0".repeat(64), now, actor.username(), now, actor.username(), 0));
		Stored stored = store(id, upload.content());
		this.store.measured(id, stored.size(), stored.sha256());
		audit(actor, "catalog.distribution.added", entry, get(id), null);
		return get(id);
	}

	/** Replaces the content (and title, name, type) of a file; the provider's catalog staff only. */
	public Distribution replace(Actor actor, UUID id, Upload upload, long version) {
		Distribution before = this.store.get(id).orElseThrow(() -> notFound(id));
		CatalogEntry entry = managed(actor, before.entryId());
		Described described = describe(upload);
		this.store.deleteChunks(id);
		Stored stored = store(id, upload.content());
		Distribution after = new Distribution(id, entry.id(), described.title(), described.fileName(),
				described.mediaType(), stored.size(), stored.sha256(), before.createdAt(), before.createdBy(), now(),
				actor.username(), version);
		if (!this.store.replace(after, version)) {
			throw stale(before, version);
		}
		audit(actor, "catalog.distribution.replaced", entry, get(id), before);
		return get(id);
	}

	/** Deletes a file; the provider's catalog staff only. */
	public void delete(Actor actor, UUID id, long version) {
		Distribution before = this.store.get(id).orElseThrow(() -> notFound(id));
		CatalogEntry entry = managed(actor, before.entryId());
		if (!this.store.delete(id, version)) {
			throw stale(before, version);
		}
		audit(actor, "catalog.distribution.deleted", entry, before, null);
	}

	private Distribution get(UUID id) {
		return this.store.get(id).orElseThrow(() -> notFound(id));
	}

	private CatalogEntry managed(Actor actor, UUID entryId) {
		CatalogEntry entry = this.reads.visible(actor, entryId);
		if (!canManage(actor, entry)) {
			throw new UnigovException(CatalogError.NOT_YOUR_ENTRY,
					"Only the catalog staff of the providing agency manage the files of entry " + entry.code() + ".");
		}
		if (entry.status() == EntryStatus.WITHDRAWN) {
			throw new UnigovException(CatalogError.WRONG_STATE, "Entry " + entry.code() + " is withdrawn.");
		}
		return entry;
	}

	private record Described(String title, String fileName, String mediaType) {
	}

	private Described describe(Upload upload) {
		List<FieldProblem> problems = new ArrayList<>();
		String name = upload.fileName() == null ? "" : upload.fileName().strip();
		// browsers of old sent the whole client path; only the last segment is the name
		name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
		if (name.isEmpty()) {
			problems.add(new FieldProblem("file", "missing", "Choose a file to upload."));
		}
		else if (name.length() > MAX_NAME || name.codePoints().anyMatch(Distributions::unprintable)
				|| name.equals(".") || name.equals("..")) {
			problems.add(new FieldProblem("file", "invalid_file_name",
					"The file name must be at most " + MAX_NAME + " printable characters."));
		}
		String title = upload.title() == null || upload.title().isBlank() ? name : upload.title().strip();
		if (title.length() > 100 || title.codePoints().anyMatch(Distributions::unprintable)) {
			problems.add(new FieldProblem("title", "invalid_title", "A title is at most 100 printable characters."));
		}
		if (!problems.isEmpty()) {
			throw UnigovException.invalid(CatalogError.INVALID_DISTRIBUTION,
					"The file cannot be stored: " + UnigovException.messages(problems), problems);
		}
		return new Described(title, name, mediaType(upload.contentType(), name));
	}

	/** The declared type when it is a concrete one, else the one the name's extension implies. */
	static String mediaType(@Nullable String declared, String fileName) {
		MediaType type = null;
		if (declared != null && !declared.isBlank()) {
			try {
				type = MediaType.parseMediaType(declared);
			}
			catch (InvalidMediaTypeException ex) {
				type = null;
			}
		}
		if (type == null || type.isWildcardType() || type.isWildcardSubtype()
				|| type.equals(MediaType.APPLICATION_OCTET_STREAM)) {
			type = MediaTypeFactory.getMediaType(fileName).orElse(MediaType.APPLICATION_OCTET_STREAM);
		}
		// only type/subtype (and a charset for text) are kept: parameters are the server's to say
		MediaType plain = new MediaType(type.getType(), type.getSubtype());
		return plain.toString();
	}

	private static boolean unprintable(int c) {
		return Character.isISOControl(c) || Character.getType(c) == Character.FORMAT || c == '"';
	}

	private record Stored(long size, String sha256) {
	}

	private Stored store(UUID id, InputStream in) {
		MessageDigest digest;
		try {
			digest = MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java platform has SHA-256", ex);
		}
		long size = 0;
		int seq = 0;
		try (in) {
			byte[] buffer = new byte[DistributionStore.CHUNK];
			while (true) {
				int filled = in.readNBytes(buffer, 0, buffer.length);
				if (filled == 0) {
					break;
				}
				size += filled;
				if (size > this.maxSize) {
					// the transaction rolls back: nothing of the file stays
					throw new UnigovException(CommonError.PAYLOAD_TOO_LARGE, "The file is larger than the allowed "
							+ DataSize.ofBytes(this.maxSize).toMegabytes() + " MB.", Map.of("limit", this.maxSize));
				}
				digest.update(buffer, 0, filled);
				this.store.chunk(id, seq++, Arrays.copyOf(buffer, filled));
				if (filled < buffer.length) {
					break;
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("The upload could not be read", ex);
		}
		if (size == 0) {
			throw UnigovException.invalid(CatalogError.INVALID_DISTRIBUTION, "The file is empty.",
					List.of(new FieldProblem("file", "empty_file", "The file is empty.")));
		}
		return new Stored(size, HexFormat.of().formatHex(digest.digest()));
	}

	private Instant now() {
		return this.clock.instant().truncatedTo(ChronoUnit.MICROS);
	}

	private static UnigovException notFound(UUID id) {
		return UnigovException.notFound(CatalogError.DISTRIBUTION_NOT_FOUND, "Distribution", id);
	}

	private static UnigovException stale(Distribution d, long version) {
		return new UnigovException(CommonError.STALE_VERSION, "The file " + d.fileName()
				+ " changed since you read it (version " + d.version() + ", you had " + version + "); reload it.");
	}

	private void audit(Actor actor, String action, CatalogEntry entry, Distribution d, @Nullable Distribution before) {
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("entry", entry.code());
		details.put("fileName", d.fileName());
		details.put("title", d.title());
		details.put("mediaType", d.mediaType());
		details.put("byteSize", d.byteSize());
		details.put("sha256", d.sha256());
		if (before != null) {
			details.put("previousSha256", before.sha256());
			details.put("previousFileName", before.fileName());
		}
		this.journal.append(actor, AuditRecord.of(action, "catalog-distribution", d.id(), entry.divisionCode(), details));
	}
}
