package io.levity.cli.bench.tps;

import static org.assertj.core.api.Assertions.assertThat;

import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** eth_sendRawTransaction requests and their per-transaction answers, single and batched. */
class RawTxRequestsTest {
  private static final String H1 = "0x" + "11".repeat(32);
  private static final String H3 = "0x" + "33".repeat(32);

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static List<SubmitVerdict> verdicts(List<SenderLane.Answer> answers) {
    return answers.stream()
        .map(a -> a.error() == null ? null : SubmitVerdict.of(a.error()))
        .toList();
  }

  @Test
  void oneTransactionIsASingleCallSeveralABatch() {
    String single =
        new String(RawTxRequests.body(List.of(Bytes.fromHex("0x02f8")), 7), StandardCharsets.UTF_8);
    assertThat(single)
        .isEqualTo(
            "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"eth_sendRawTransaction\",\"params\":[\"0x02f8\"]}");
    String batch =
        new String(
            RawTxRequests.body(List.of(Bytes.fromHex("0x01"), Bytes.fromHex("0x02")), 7),
            StandardCharsets.UTF_8);
    assertThat(batch).startsWith("[{").endsWith("}]").contains("\"id\":7,").contains("\"id\":8,");
  }

  @Test
  void eachBatchEntryGetsItsOwnAnswerWhateverTheOrderOfTheReply() {
    String reply =
        "[{\"jsonrpc\":\"2.0\",\"id\":12,\"result\":\""
            + H3
            + "\"},"
            + "{\"jsonrpc\":\"2.0\",\"id\":10,\"result\":\""
            + H1
            + "\"},"
            + "{\"jsonrpc\":\"2.0\",\"id\":11,\"error\":{\"code\":-32000,"
            + "\"message\":\"too many transactions from this sender: 256 waiting\"}}]";
    List<SenderLane.Answer> a = RawTxRequests.answers(200, utf8(reply), 10, 3);
    assertThat(a.get(0).hash()).isEqualTo(Bytes32.fromHex32(H1));
    assertThat(a.get(2).hash()).isEqualTo(Bytes32.fromHex32(H3));
    assertThat(verdicts(a)).containsExactly(null, SubmitVerdict.RETRY, null);
  }

  @Test
  void aMissingEntryIsResentAndABadResultIsNotAnAcknowledgement() {
    String reply =
        "[{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":\"0x1234\"},"
            + "{\"jsonrpc\":\"2.0\",\"id\":3,\"error\":{\"code\":-32000,\"message\":\"already known\"}}]";
    List<SenderLane.Answer> a = RawTxRequests.answers(200, utf8(reply), 1, 3);
    assertThat(a.get(0).error()).isNotNull(); // answered, but no hash: counted as refused
    assertThat(verdicts(a))
        .containsExactly(SubmitVerdict.REJECTED, SubmitVerdict.RETRY, SubmitVerdict.ALREADY_KNOWN);
  }

  @Test
  void anAnswerForTheWholeRequestGoesToEveryTransaction() {
    String limit =
        "{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32005,\"message\":\"batch of 2000 exceeds 1000\"}}";
    assertThat(verdicts(RawTxRequests.answers(200, utf8(limit), 1, 2)))
        .containsExactly(SubmitVerdict.RETRY, SubmitVerdict.RETRY);
    assertThat(verdicts(RawTxRequests.answers(503, new byte[0], 1, 2)))
        .containsExactly(SubmitVerdict.RETRY, SubmitVerdict.RETRY);
    assertThat(verdicts(RawTxRequests.answers(400, utf8("bad request"), 1, 1)))
        .containsExactly(SubmitVerdict.REJECTED);
    String refused =
        "{\"jsonrpc\":\"2.0\",\"id\":5,\"error\":{\"code\":-32000,\"message\":\"nonce too low\"}}";
    assertThat(verdicts(RawTxRequests.answers(200, utf8(refused), 5, 1)))
        .containsExactly(SubmitVerdict.NONCE_TOO_LOW);
    String single = "{\"jsonrpc\":\"2.0\",\"id\":5,\"result\":\"" + H1 + "\"}";
    assertThat(RawTxRequests.answers(200, utf8(single), 5, 1).get(0).hash())
        .isEqualTo(Bytes32.fromHex32(H1));
  }
}
