package org.unigov.catalog.internal;

import java.io.IOException;
import java.io.InputStream;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.unigov.catalog.internal.Distribution;

/** The rows of {@code cat_distribution} and the chunks of their content. */
@Repository
public class DistributionStore {

	/** The size of one stored chunk: a download holds at most this much of a file in memory. */
	public static final int CHUNK = 1024 * 1024;

	private final JdbcClient jdbc;

	DistributionStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public Optional<Distribution> get(UUID id) {
		return this.jdbc.sql("select * from cat_distribution where id = ?").param(id).query(DistributionStore::row).optional();
	}

	public List<Distribution> ofEntry(UUID entryId) {
		return this.jdbc.sql("select * from cat_distribution where entry_id = ? order by created_at, id")
			.param(entryId)
			.query(DistributionStore::row)
			.list();
	}

	public List<Distribution> ofEntries(Collection<UUID> entryIds) {
		if (entryIds.isEmpty()) {
			return List.of();
		}
		return this.jdbc.sql("select * from cat_distribution where entry_id = any(?) order by created_at, id")
			.param(entryIds.toArray(UUID[]::new))
			.query(DistributionStore::row)
			.list();
	}

	public void insert(Distribution d) {
		this.jdbc.sql("""
				insert into cat_distribution (id, entry_id, title, file_name, media_type, byte_size, sha256,
				    created_at, created_by, updated_at, updated_by)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(d.id(), d.entryId(), d.title(), d.fileName(), d.mediaType(), d.byteSize(), d.sha256(),
					OffsetDateTime.ofInstant(d.createdAt(), ZoneOffset.UTC), d.createdBy(),
					OffsetDateTime.ofInstant(d.updatedAt(), ZoneOffset.UTC), d.updatedBy())
			.update();
	}

	/** Replaces the description and content of a distribution if it is still at {@code version}. */
	public boolean replace(Distribution d, long version) {
		return this.jdbc.sql("""
				update cat_distribution set title = ?, file_name = ?, media_type = ?, byte_size = ?, sha256 = ?,
				    updated_at = ?, updated_by = ?, version = version + 1
				where id = ? and version = ?""")
			.params(d.title(), d.fileName(), d.mediaType(), d.byteSize(), d.sha256(),
					OffsetDateTime.ofInstant(d.updatedAt(), ZoneOffset.UTC), d.updatedBy(), d.id(), version)
			.update() == 1;
	}

	/** Records the size and checksum of freshly stored content, without counting it as a change. */
	public void measured(UUID id, long size, String sha256) {
		this.jdbc.sql("update cat_distribution set byte_size = ?, sha256 = ? where id = ?").params(size, sha256, id).update();
	}

	public boolean delete(UUID id, long version) {
		return this.jdbc.sql("delete from cat_distribution where id = ? and version = ?").params(id, version).update() == 1;
	}

	public void deleteChunks(UUID id) {
		this.jdbc.sql("delete from cat_distribution_chunk where distribution_id = ?").param(id).update();
	}

	public void chunk(UUID id, int seq, byte[] bytes) {
		this.jdbc.sql("insert into cat_distribution_chunk (distribution_id, seq, bytes) values (?, ?, ?)")
			.params(id, seq, bytes)
			.update();
	}

	public byte @Nullable [] readChunk(UUID id, int seq) {
		return this.jdbc.sql("select bytes from cat_distribution_chunk where distribution_id = ? and seq = ?")
			.params(id, seq)
			.query((rs, n) -> rs.getBytes(1))
			.optional()
			.orElse(null);
	}

	/** The content as a stream that reads one chunk at a time, each in its own short query. */
	public InputStream content(UUID id) {
		return new ChunkStream(id);
	}

	/** Reads the chunks of one file in order, one short query per chunk. */
	private final class ChunkStream extends InputStream {

		private final UUID id;

		ChunkStream(UUID id) {
			this.id = id;
		}

		private byte @Nullable [] current;

		private int position;

		private int seq;

		private boolean done;

		private boolean fill() {
			while (!this.done && (this.current == null || this.position >= this.current.length)) {
				this.current = readChunk(this.id, this.seq++);
				this.position = 0;
				if (this.current == null) {
					this.done = true;
				}
			}
			return !this.done;
		}

		@Override
		public int read() throws IOException {
			return fill() ? this.current[this.position++] & 0xff : -1;
		}

		@Override
		public int read(byte[] b, int off, int len) throws IOException {
			if (len == 0) {
				return 0;
			}
			if (!fill()) {
				return -1;
			}
			int n = Math.min(len, this.current.length - this.position);
			System.arraycopy(this.current, this.position, b, off, n);
			this.position += n;
			return n;
		}

		@Override
		public long skip(long n) throws IOException {
			long skipped = 0;
			// whole chunks are skipped without reading them: all but the last hold exactly CHUNK bytes
			while (n - skipped >= CHUNK && !this.done && (this.current == null || this.position >= this.current.length)) {
				this.seq++;
				skipped += CHUNK;
			}
			while (n - skipped > 0 && fill()) {
				int left = this.current.length - this.position;
				if (n - skipped >= left) {
					skipped += left;
					this.position = this.current.length;
				}
				else {
					this.position += (int) (n - skipped);
					skipped = n;
				}
			}
			return skipped;
		}
	}

	private static Distribution row(ResultSet rs, int n) throws SQLException {
		return new Distribution(rs.getObject("id", UUID.class), rs.getObject("entry_id", UUID.class),
				rs.getString("title"), rs.getString("file_name"), rs.getString("media_type"), rs.getLong("byte_size"),
				rs.getString("sha256"), instant(rs, "created_at"), rs.getString("created_by"), instant(rs, "updated_at"),
				rs.getString("updated_by"), rs.getLong("version"));
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		return rs.getObject(column, OffsetDateTime.class).toInstant();
	}
}
