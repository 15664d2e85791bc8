package io.levity.compute.serving;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.Keccak;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The receipt journal keeps every acknowledged receipt across restarts and drops a torn tail. */
class ReceiptJournalTest {
  @TempDir Path dir;

  static ServingReceipt receipt(long nonce) {
    Address user = ServingFixture.ALICE.address();
    Bytes32 req = Keccak.hash(Bytes32.fromBigInteger(BigInteger.valueOf(nonce)).toArray());
    return new ServingReceipt(
        new ServingRequestTerms(
            ServingFixture.PROVIDER.address(), user, req, BigInteger.TEN, nonce, 1_800_000_000L),
        Bytes.wrap(new byte[65]),
        new ServingResponseTerms(
            req,
            Keccak.hash(req.toArray()),
            Bytes32.ZERO,
            3,
            4,
            BigInteger.valueOf(7),
            user,
            nonce),
        Bytes.wrap(new byte[] {1, 2, 3}),
        nonce % 2 == 0);
  }

  @Test
  void receiptsSurviveARestart() throws IOException {
    Path file = dir.resolve("receipts");
    try (ReceiptJournal j = new ReceiptJournal(file)) {
      for (long n = 1; n <= 3; n++) j.append(receipt(n));
    }
    try (ReceiptJournal j = new ReceiptJournal(file)) {
      assertThat(j.droppedBytes()).isZero();
      assertThat(j.receipts()).containsExactly(receipt(1), receipt(2), receipt(3));
    }
  }

  @Test
  void requestBodiesAndAnswerTextsSurviveARestartNextToRecordsWithout() throws IOException {
    Path file = dir.resolve("receipts");
    ReceiptJournal.Bodies chat =
        new ReceiptJournal.Bodies(Bytes.wrap("{\"model\":\"m\"}".getBytes(UTF_8)), "héllo");
    ReceiptJournal.Bodies embed = new ReceiptJournal.Bodies(Bytes.wrap(new byte[] {1}), null);
    try (ReceiptJournal j = new ReceiptJournal(file)) {
      j.append(receipt(1));
      j.append(receipt(2), chat);
      j.append(receipt(3), embed);
    }
    try (ReceiptJournal j = new ReceiptJournal(file)) {
      assertThat(j.receipts()).containsExactly(receipt(1), receipt(2), receipt(3));
      assertThat(j.bodies(receipt(1))).isEmpty();
      assertThat(j.bodies(receipt(2))).contains(chat);
      assertThat(j.bodies(receipt(3))).contains(embed);
    }
  }

  @Test
  void aTornLastRecordIsDroppedAndTheEarlierOnesSurvive() throws IOException {
    Path file = dir.resolve("receipts");
    long twoRecords;
    try (ReceiptJournal j = new ReceiptJournal(file)) {
      j.append(receipt(1));
      j.append(receipt(2));
      twoRecords = Files.size(file);
      j.append(receipt(3));
    }
    long full = Files.size(file);
    // A crash mid-append: any prefix of the third record is left on disk.
    for (long cut : new long[] {twoRecords + 1, twoRecords + 8, full - 1}) {
      Path copy = dir.resolve("torn-" + cut);
      Files.copy(file, copy);
      try (RandomAccessFile raf = new RandomAccessFile(copy.toFile(), "rw")) {
        raf.setLength(cut);
      }
      try (ReceiptJournal j = new ReceiptJournal(copy)) {
        assertThat(j.droppedBytes()).isEqualTo(cut - twoRecords);
        assertThat(j.receipts()).containsExactly(receipt(1), receipt(2));
        j.append(receipt(5));
      }
      assertThat(Files.size(copy)).isEqualTo(full);
      try (ReceiptJournal j = new ReceiptJournal(copy)) {
        assertThat(j.receipts()).containsExactly(receipt(1), receipt(2), receipt(5));
      }
    }
  }

  @Test
  void damageBeforeTheLastRecordIsRefusedNotDropped() throws IOException {
    Path file = dir.resolve("receipts");
    try (ReceiptJournal j = new ReceiptJournal(file)) {
      j.append(receipt(1));
      j.append(receipt(2));
    }
    byte[] b = Files.readAllBytes(file);
    b[12] ^= 1; // inside the first record's payload
    Files.write(file, b);
    assertThatThrownBy(() -> new ReceiptJournal(file))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("damaged");
  }
}
