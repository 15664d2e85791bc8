package io.levity.compute.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.levity.compute.serving.ServingReceipt;
import io.levity.compute.serving.ServingRequestTerms;
import io.levity.compute.serving.ServingResponseTerms;
import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.Keccak;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The user's receipt store keeps every field through a reopen, drops a torn last line (a crash
 * mid-append) and refuses a damaged line that more records follow.
 */
class UserReceiptStoreTest {
  static final Address USER = Address.fromHex("0x" + "11".repeat(20));
  static final Address PROVIDER = Address.fromHex("0x" + "22".repeat(20));
  @TempDir Path dir;

  static StoredReceipt receipt(long nonce, Optional<ReceiptCheck> failed) {
    byte[] body = ("{\"model\":\"m\",\"n\":" + nonce + "}").getBytes(StandardCharsets.UTF_8);
    byte[] answer = ("answer " + nonce).getBytes(StandardCharsets.UTF_8);
    Bytes32 rq = Keccak.hash(body);
    ServingRequestTerms q =
        new ServingRequestTerms(
            PROVIDER, USER, rq, BigInteger.valueOf(1000), nonce, 1_800_000_000L);
    ServingResponseTerms s =
        new ServingResponseTerms(
            rq,
            Keccak.hash(answer),
            Bytes32.ZERO,
            3,
            4,
            BigInteger.valueOf(nonce * 7),
            USER,
            nonce);
    Bytes sig = Bytes.wrap(new byte[65]);
    return new StoredReceipt(
        new ServingReceipt(q, sig, s, sig, true),
        "http://127.0.0.1:1/v1",
        "/chat/completions",
        "m",
        nonce % 2 == 0,
        Bytes.wrap(body),
        Bytes.wrap(answer),
        failed,
        1234L + nonce);
  }

  @Test
  void everyFieldSurvivesAReopenAndFindAnswersByProviderAndNonce() throws IOException {
    try (UserReceiptStore s = UserReceiptStore.open(dir, USER)) {
      s.append(receipt(1, Optional.empty()));
      s.append(receipt(2, Optional.of(ReceiptCheck.SIGNATURE)));
    }
    try (UserReceiptStore s = UserReceiptStore.open(dir, USER)) {
      assertThat(s.all())
          .containsExactly(
              receipt(1, Optional.empty()), receipt(2, Optional.of(ReceiptCheck.SIGNATURE)));
      assertThat(s.find(PROVIDER, 2)).contains(receipt(2, Optional.of(ReceiptCheck.SIGNATURE)));
      assertThat(s.find(USER, 2)).isEmpty();
      assertThat(s.highestNonce(PROVIDER)).isEqualTo(2);
      assertThat(s.all()).allMatch(StoredReceipt::hashesMatch);
      assertThat(UserReceiptStore.read(s.file())).isEqualTo(s.all());
    }
  }

  @Test
  void aTornLastLineIsDroppedAndAppendingGoesOn() throws IOException {
    Path file;
    try (UserReceiptStore s = UserReceiptStore.open(dir, USER)) {
      s.append(receipt(1, Optional.empty()));
      file = s.file();
    }
    Files.write(
        file,
        "0badc0de {\"provider\":".getBytes(StandardCharsets.UTF_8),
        StandardOpenOption.APPEND);
    assertThat(UserReceiptStore.read(file)).hasSize(1);
    try (UserReceiptStore s = UserReceiptStore.open(dir, USER)) {
      assertThat(s.all()).hasSize(1);
      s.append(receipt(2, Optional.empty()));
    }
    assertThat(UserReceiptStore.read(file))
        .extracting(StoredReceipt::nonce)
        .containsExactly(1L, 2L);
  }

  @Test
  void aDamagedLineWithMoreAfterItIsRefused() throws IOException {
    Path file;
    try (UserReceiptStore s = UserReceiptStore.open(dir, USER)) {
      s.append(receipt(1, Optional.empty()));
      s.append(receipt(2, Optional.empty()));
      file = s.file();
    }
    byte[] all = Files.readAllBytes(file);
    all[20] ^= 1; // inside the first record's JSON: its CRC no longer matches
    Files.write(file, all);
    assertThatThrownBy(() -> UserReceiptStore.open(dir, USER))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("damaged");
  }
}
