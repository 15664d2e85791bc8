package io.levity.core.tx;

import static org.assertj.core.api.Assertions.assertThat;

import io.levity.core.bytes.Address;
import io.levity.core.crypto.Keccak;
import io.levity.core.crypto.Secp256k1.KeyPair;
import io.levity.core.num.UInt256;
import org.junit.jupiter.api.Test;

/**
 * What a transaction keeps: its bytes, hash and sender, never shared mutably, never in equality.
 */
class TransactionMemoTest {
  private static final TransactionSigner SIGNER =
      new TransactionSigner(KeyPair.fromPrivate(Keccak.hash(new byte[] {3})));
  private static final Address TO = Address.fromHex("0x" + "42".repeat(20));

  private static Transaction transfer() {
    return SIGNER.transfer(1, 0, TO, UInt256.ONE, UInt256.ONE, UInt256.valueOf(1_000_000_000L));
  }

  @Test
  void aDecodedTransactionKeepsItsBytesAndNobodyCanChangeThem() {
    byte[] raw = transfer().encode();
    Transaction tx = TransactionDecoder.decode(raw);
    assertThat(tx.hash()).isEqualTo(Keccak.hash(raw));
    raw[raw.length - 1] ^= 1; // the caller's buffer changes afterwards
    byte[] out = tx.encode();
    assertThat(out).isNotEqualTo(raw);
    out[0] ^= 1; // and so does what encode() handed out
    assertThat(tx.encode()).isEqualTo(transfer().encode());
    assertThat(tx.hash()).isEqualTo(Keccak.hash(transfer().encode()));
  }

  @Test
  void theSenderIsRecoveredOnceAndEqualityIgnoresWhatIsKept() {
    Transaction a = transfer();
    Transaction b = TransactionDecoder.decode(a.encode());
    assertThat(a.recoverSender()).contains(SIGNER.address());
    assertThat(a.recoverSender()).isSameAs(a.recoverSender());
    assertThat(b).isEqualTo(a).hasSameHashCodeAs(a);
    assertThat(a.toString()).startsWith("DynamicFeeTransaction[chainId=");
  }
}
