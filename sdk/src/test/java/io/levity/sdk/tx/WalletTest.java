package io.levity.sdk.tx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.Keccak;
import io.levity.core.crypto.Secp256k1;
import io.levity.core.num.UInt256;
import io.levity.core.tx.DynamicFeeTransaction;
import io.levity.core.tx.LegacyTransaction;
import io.levity.core.tx.Transaction;
import io.levity.core.tx.TransactionDecoder;
import io.levity.sdk.rpc.BlockTag;
import io.levity.sdk.rpc.EthRpc;
import io.levity.sdk.rpc.FakeNode;
import io.levity.sdk.rpc.RpcErrorException;
import io.levity.sdk.rpc.RpcTransportException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * Building and signing through core's decoder, fees and gas from the node, and what a send does
 * with its nonce for each answer.
 */
class WalletTest {
  private static final Secp256k1.KeyPair KEY =
      Secp256k1.KeyPair.fromPrivate(Keccak.hash("wallet test".getBytes(StandardCharsets.UTF_8)));
  private static final Address TO = Address.fromHex("0x70997970c51812dc3a010c7d01b50e0d17dc79c8");

  private final FakeNode node = new FakeNode();
  private final List<Transaction> received = new ArrayList<>();

  /** Refusals the node gives to the next sends, in order (null: accept). */
  private final List<RuntimeException> refusals = new ArrayList<>();

  private long pending = 7;

  /** What the node's pending count shows once it has refused a send, if set. */
  private long pendingAfterRefusal = -1;

  WalletTest() {
    node.answer("eth_chainId", "0x539")
        .answer("eth_maxPriorityFeePerGas", "0x3b9aca00")
        .answer("eth_gasPrice", "0x77359400")
        .answer("eth_estimateGas", "0xc350")
        .answer(
            "eth_getBlockByNumber",
            FakeNode.json(
                "{\"number\":\"0x1\",\"hash\":\"0x"
                    + "11".repeat(32)
                    + "\",\"parentHash\":\"0x"
                    + "22".repeat(32)
                    + "\",\"timestamp\":\"0x1\",\"gasLimit\":\"0x1\",\"gasUsed\":\"0x0\","
                    + "\"baseFeePerGas\":\"0x2540be400\",\"transactions\":[]}"))
        .on("eth_getTransactionCount", p -> "0x" + Long.toHexString(pending))
        .on(
            "eth_sendRawTransaction",
            p -> {
              if (!refusals.isEmpty()) {
                RuntimeException r = refusals.remove(0);
                if (pendingAfterRefusal >= 0) pending = pendingAfterRefusal;
                if (r != null) throw r;
              }
              Transaction tx = TransactionDecoder.decode(Bytes.fromHex(p.get(0).asText()));
              received.add(tx);
              return tx.hash().toHex();
            });
  }

  private Wallet wallet() {
    return new Wallet(new EthRpc(node), KEY);
  }

  @Test
  void eip1559DefaultsComeFromTheNodeAndSurviveTheDecoder() {
    SignedTx tx = wallet().send(TxRequest.call(TO, Bytes.fromHex("0xa9059cbb")));
    Transaction decoded = TransactionDecoder.decode(tx.raw());
    assertThat(decoded).isEqualTo(tx.transaction());
    assertThat(decoded.hash()).isEqualTo(tx.hash());
    assertThat(decoded.recoverSender()).contains(KEY.address());
    DynamicFeeTransaction d = (DynamicFeeTransaction) decoded;
    assertThat(d.chainId()).hasValue(1337);
    assertThat(d.nonce()).isEqualTo(7);
    assertThat(d.gasLimit()).isEqualTo(62_500); // 50000 estimated + 25%
    assertThat(d.maxPriorityFeePerGas()).isEqualTo(UInt256.valueOf(1_000_000_000L));
    assertThat(d.maxFeePerGas()).isEqualTo(UInt256.valueOf(21_000_000_000L)); // 2 * 10 gwei + tip
    assertThat(received).containsExactly(decoded);
  }

  @Test
  void legacyTransactionsCarryEip155() {
    SignedTx tx = wallet().send(TxRequest.transfer(TO, UInt256.ONE).withGasLimit(21_000).legacy());
    LegacyTransaction l = (LegacyTransaction) TransactionDecoder.decode(tx.raw());
    assertThat(l.chainId()).isEqualTo(OptionalLong.of(1337));
    assertThat(l.v().longValue()).isBetween(1337L * 2 + 35, 1337L * 2 + 36);
    assertThat(l.gasPrice()).isEqualTo(UInt256.valueOf(2_000_000_000L));
    assertThat(l.recoverSender()).contains(KEY.address());
    assertThat(node.count("eth_estimateGas")).isZero();
  }

  @Test
  void aRefusedNonceIsReusedAndATakenOneSkipped() {
    Wallet w = wallet();
    refusals.add(FakeNode.error("eth_sendRawTransaction", -32000, "insufficient funds"));
    assertThatThrownBy(() -> w.send(TxRequest.transfer(TO, UInt256.ONE)))
        .isInstanceOf(RpcErrorException.class);
    assertThat(w.send(TxRequest.transfer(TO, UInt256.ONE)).nonce()).isEqualTo(7);

    // another client took 8; the node's pending count shows it only after the refusal
    refusals.add(FakeNode.error("eth_sendRawTransaction", -32000, "nonce too low"));
    pendingAfterRefusal = 9;
    assertThat(w.send(TxRequest.transfer(TO, UInt256.ONE)).nonce()).isEqualTo(9);

    // no answer: the nonce stays used and the transaction in doubt; the next send re-submits it
    // first, so the node never waits behind a gap at 10
    refusals.add(new RpcTransportException("eth_sendRawTransaction", "timed out", null));
    assertThatThrownBy(() -> w.send(TxRequest.transfer(TO, UInt256.ONE)))
        .isInstanceOf(RpcTransportException.class);
    assertThat(w.inDoubt()).containsExactly(10L);
    pendingAfterRefusal = 10; // the node never got 10
    assertThat(w.send(TxRequest.transfer(TO, UInt256.ONE)).nonce()).isEqualTo(11);
    assertThat(received).extracting(Transaction::nonce).containsExactly(7L, 9L, 10L, 11L);
    assertThat(w.inDoubt()).isEmpty();
  }

  @Test
  void aLostTransactionRefusedOnResendIsReplacedAtTheSameNonceWithFreshFees() {
    Wallet w = wallet();
    refusals.add(new RpcTransportException("eth_sendRawTransaction", "connection reset", null));
    assertThatThrownBy(() -> w.send(TxRequest.transfer(TO, UInt256.ONE)))
        .isInstanceOf(RpcTransportException.class);
    // the base fee doubled meanwhile: the node refuses the old bytes, the wallet re-signs nonce 7
    node.answer(
        "eth_getBlockByNumber",
        FakeNode.json(
            "{\"number\":\"0x2\",\"hash\":\"0x"
                + "33".repeat(32)
                + "\",\"parentHash\":\"0x"
                + "11".repeat(32)
                + "\",\"timestamp\":\"0x2\",\"gasLimit\":\"0x1\",\"gasUsed\":\"0x0\","
                + "\"baseFeePerGas\":\"0x4a817c800\",\"transactions\":[]}"));
    refusals.add(FakeNode.error("eth_sendRawTransaction", -32000, "max fee per gas too low"));
    SignedTx next = w.send(TxRequest.transfer(TO, UInt256.ONE));
    assertThat(next.nonce()).isEqualTo(8);
    assertThat(received).extracting(Transaction::nonce).containsExactly(7L, 8L);
    DynamicFeeTransaction replaced = (DynamicFeeTransaction) received.get(0);
    assertThat(replaced.maxFeePerGas()).isEqualTo(UInt256.valueOf(41_000_000_000L));
  }

  @Test
  void aRevertingEstimateSendsNothing() {
    node.on(
        "eth_estimateGas",
        p -> {
          throw new RpcErrorException("eth_estimateGas", 200, 3, "execution reverted: no", null);
        });
    Wallet w = wallet();
    assertThatThrownBy(() -> w.send(TxRequest.call(TO, Bytes.EMPTY)))
        .isInstanceOfSatisfying(RpcErrorException.class, e -> assertThat(e.isRevert()).isTrue());
    assertThat(node.count("eth_sendRawTransaction")).isZero();
    assertThat(w.nonces().known(KEY.address())).isEmpty();
  }

  @Test
  void resendingAcceptsAlreadyKnownAndMined() {
    Wallet w = wallet();
    SignedTx tx = w.send(TxRequest.transfer(TO, UInt256.ONE));
    refusals.add(FakeNode.error("eth_sendRawTransaction", -32000, "already known"));
    refusals.add(FakeNode.error("eth_sendRawTransaction", -32000, "nonce too low"));
    refusals.add(FakeNode.error("eth_sendRawTransaction", -32000, "insufficient funds"));
    w.resend(tx);
    w.resend(tx);
    assertThatThrownBy(() -> w.resend(tx)).hasMessageContaining("insufficient funds");
  }

  @Test
  void explicitFieldsAreKept() {
    Fees fees = new Fees(UInt256.ONE, UInt256.valueOf(5));
    SignedTx tx =
        wallet()
            .send(
                TxRequest.deploy(Bytes.fromHex("0x6000"))
                    .withGasLimit(100_000)
                    .withFees(fees)
                    .withNonce(42)
                    .withValue(UInt256.valueOf(3)));
    Transaction t = tx.transaction();
    assertThat(t.to()).isEqualTo(Optional.empty());
    assertThat(t.nonce()).isEqualTo(42);
    assertThat(t.maxFeePerGas()).isEqualTo(UInt256.valueOf(5));
    assertThat(t.value()).isEqualTo(UInt256.valueOf(3));
    assertThat(node.calls())
        .doesNotContain("eth_getTransactionCount", "eth_estimateGas", "eth_maxPriorityFeePerGas");
    assertThat(SignedTx.sign(t, KEY)).isEqualTo(tx);
    assertThat(new EthRpc(node).getTransactionCount(KEY.address(), BlockTag.PENDING)).isEqualTo(7);
    assertThat(tx.hash()).isEqualTo(Bytes32.wrap32(Keccak.hash256(tx.raw().toArray())));
  }
}
