package org.unigov.exchange.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The access log's local journal: what was flushed is read back, whatever came after it is not. */
class AccessJournalTests {

	private static final long RING = 64 * 1024;

	@TempDir
	Path dir;

	private static byte[] payload(int i, int size) {
		byte[] bytes = new byte[size];
		byte[] tag = ("entry-" + i + "-").getBytes(StandardCharsets.US_ASCII);
		for (int j = 0; j < size; j++) {
			bytes[j] = tag[j % tag.length];
		}
		return bytes;
	}

	@Test
	void S10_whatWasAppendedIsReadBackAfterReopening() throws Exception {
		Path file = this.dir.resolve("journal");
		UUID instance;
		try (AccessJournal journal = AccessJournal.open(file, RING)) {
			instance = journal.instance();
			assertThat(journal.recover(0)).isEmpty();
			journal.append(List.of(payload(1, 100), payload(2, 300)));
			journal.append(List.of(payload(3, 50)));
		}
		try (AccessJournal journal = AccessJournal.open(file, RING)) {
			assertThat(journal.instance()).isEqualTo(instance);
			List<AccessJournal.Entry> entries = journal.recover(0);
			assertThat(entries).extracting(e -> e.payload().length).containsExactly(100, 300, 50);
			assertThat(entries.get(1).payload()).isEqualTo(payload(2, 300));
			assertThat(journal.end()).isEqualTo(entries.get(2).end());
			// from a shipped position on, only what follows it
			assertThat(journal.recover(entries.get(1).end())).extracting(e -> e.payload().length).containsExactly(50);
		}
	}

	@Test
	void S10_theRingWrapsAndNeverOverwritesWhatIsNotShipped() throws Exception {
		Path file = this.dir.resolve("journal");
		List<byte[]> written = new ArrayList<>();
		long shippedTo = 0;
		try (AccessJournal journal = AccessJournal.open(file, RING)) {
			journal.recover(0);
			// over two laps of the ring, shipping as it goes; records of odd sizes so they straddle the end
			for (int i = 0; i < 605; i++) {
				byte[] p = payload(i, 100 + (i * 37) % 250);
				written.add(p);
				long[] ends = journal.append(List.of(p));
				if (i % 10 == 9) {
					shippedTo = ends[0];
					journal.shipped(shippedTo);
				}
			}
			assertThat(journal.end()).isGreaterThan(2 * RING);
			// a batch larger than what is free is refused, and nothing of it is written
			long end = journal.end();
			List<byte[]> tooMuch = new ArrayList<>();
			for (int i = 0; i < 300; i++) {
				tooMuch.add(payload(1000 + i, 300));
			}
			assertThatThrownBy(() -> journal.append(tooMuch)).isInstanceOf(AccessJournal.Full.class)
				.hasMessageContaining("full");
			assertThat(journal.end()).isEqualTo(end);
		}
		try (AccessJournal journal = AccessJournal.open(file, RING)) {
			// the five records after the last shipped one, intact across the laps
			List<AccessJournal.Entry> rest = journal.recover(shippedTo);
			assertThat(rest).extracting(AccessJournal.Entry::payload).containsExactlyElementsOf(written.subList(600, 605));
		}
	}

	@Test
	void S10_aRecordHalfWrittenWhenTheProcessDiedEndsTheJournal() throws Exception {
		Path file = this.dir.resolve("journal");
		long secondAt;
		try (AccessJournal journal = AccessJournal.open(file, RING)) {
			journal.recover(0);
			long[] ends = journal.append(List.of(payload(1, 200), payload(2, 200), payload(3, 200)));
			secondAt = ends[0];
		}
		// one byte of the second record's payload changed on disk: it and all after it are not read
		try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
			channel.write(ByteBuffer.wrap(new byte[] { 'X' }),
					AccessJournal.HEADER_BYTES + secondAt + AccessJournal.RECORD_HEADER + 10);
		}
		try (AccessJournal journal = AccessJournal.open(file, RING)) {
			assertThat(journal.recover(0)).hasSize(1);
			// the next append goes where the damaged record was
			assertThat(journal.end()).isEqualTo(secondAt);
			journal.append(List.of(payload(4, 10)));
		}
		try (AccessJournal journal = AccessJournal.open(file, RING)) {
			assertThat(journal.recover(0)).extracting(e -> e.payload().length).containsExactly(200, 10);
		}
	}

	@Test
	void S10_aWrapMarkerWhoseRecordWasLostIsReadAsNothingButStillPassed() throws Exception {
		Path file = this.dir.resolve("journal");
		long markerAt;
		try (AccessJournal journal = AccessJournal.open(file, RING)) {
			journal.recover(0);
			while (RING - journal.end() % RING >= 2 * 1020) {
				journal.append(List.of(payload(0, 1000)));
			}
			int room = (int) (RING - journal.end() % RING);
			journal.append(List.of(payload(1, room - 20 - 500)));
			markerAt = journal.end();
			journal.shipped(markerAt);
			// this record does not fit before the ring's end: a wrap marker, then the record from the start
			journal.append(List.of(payload(2, 1000)));
		}
		try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
			channel.write(ByteBuffer.wrap(new byte[] { 'X' }), AccessJournal.HEADER_BYTES + AccessJournal.RECORD_HEADER + 5);
		}
		try (AccessJournal journal = AccessJournal.open(file, RING)) {
			assertThat(journal.recover(markerAt)).isEmpty();
			assertThat(journal.end()).isEqualTo(markerAt + 500);
			AccessJournal.Chunk chunk = journal.read(markerAt, journal.end(), 10);
			assertThat(chunk.entries()).isEmpty();
			assertThat(chunk.next()).as("the shipper moves past the marker").isEqualTo(journal.end());
		}
	}

	@Test
	void S10_anEntryKeepsEveryFieldThroughTheJournal() {
		AccessEntry entry = new AccessEntry(0, AccessLogHashing.normalize(Instant.parse("2026-11-27T06:30:01.123456789Z")),
				UUID.randomUUID(), "xa-hrss-social-insurance", UUID.randomUUID(), UUID.randomUUID(), null,
				UUID.randomUUID(), "101-00001", null, "社会保险待遇资格认证", "GET", "/exchange/v1/101-00001/people/{idNumber}",
				List.of("姓名", "公民身份号码"), 200, "ok", 1234, 226, "k1", new byte[] { 1, 2, 3 }, new byte[0], new byte[0]);
		AccessEntry back = AccessEntryCodec.decode(AccessEntryCodec.encode(entry));
		assertThat(back).usingRecursiveComparison().isEqualTo(entry);
		AccessEntry denied = new AccessEntry(0, entry.at(), UUID.randomUUID(), null, null, null, null, null, "101-00001",
				null, "", "GET", "/x", List.of(), 401, "unauthenticated", 5, 0, null, null, new byte[0], new byte[0]);
		assertThat(AccessEntryCodec.decode(AccessEntryCodec.encode(denied))).usingRecursiveComparison().isEqualTo(denied);
	}
}
