package io.levity.execution.tx;

import static io.levity.execution.tx.Samples.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Hex;
import io.levity.core.crypto.Keccak;
import io.levity.core.num.UInt256;
import io.levity.core.tx.BlobTransaction;
import io.levity.core.tx.DynamicFeeTransaction;
import io.levity.core.tx.LegacyTransaction;
import io.levity.core.tx.Transaction;
import io.levity.core.tx.TransactionDecoder;
import io.levity.execution.fork.Fork;
import java.math.BigInteger;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class TransactionSigningTest {
  private static final TransactionValidator CANCUN =
      new TransactionValidator(Fork.CANCUN, CHAIN_ID);

  /**
   * Signs, encodes, decodes, recovers: the decoded value equals the signed one and recovers to the
   * signer.
   */
  private static Transaction roundTrip(Transaction draft) {
    Transaction signed = SIGNER.sign(draft);
    assertThat(signed.signature().isLowS()).isTrue();
    byte[] bytes = signed.encode();
    Transaction decoded = TransactionDecoder.decode(bytes);
    assertThat(decoded).isEqualTo(signed);
    assertThat(decoded.encode()).isEqualTo(bytes);
    assertThat(decoded.hash()).isEqualTo(Keccak.hash(bytes));
    assertThat(decoded.recoverSender()).contains(KEY.address());
    TransactionValidator validator =
        new TransactionValidator(Fork.CANCUN, decoded.chainId().orElse(CHAIN_ID));
    assertThat(validator.validate(decoded).sender()).isEqualTo(KEY.address());
    return decoded;
  }

  @Test
  void legacyWithoutChainId() {
    Transaction tx = roundTrip(legacy(OptionalLong.empty()));
    assertThat(((LegacyTransaction) tx).v()).isIn(BigInteger.valueOf(27), BigInteger.valueOf(28));
    assertThat(tx.chainId()).isEmpty();
    assertThat(tx.encode()[0] & 0xff).isGreaterThanOrEqualTo(0xc0);
  }

  @Test
  void legacyWithEip155ChainId() {
    Transaction tx = roundTrip(legacy(OptionalLong.of(1)));
    assertThat(((LegacyTransaction) tx).v()).isIn(BigInteger.valueOf(37), BigInteger.valueOf(38));
    assertThat(tx.chainId()).hasValue(1);
  }

  @Test
  void legacyWithLargeChainId() {
    long chain = 0x7fff_ffff_ffff_ff00L;
    Transaction tx = roundTrip(legacy(OptionalLong.of(chain)));
    assertThat(tx.chainId()).hasValue(chain);
  }

  @Test
  void accessListTransaction() {
    Transaction tx = roundTrip(accessList());
    assertThat(tx.encode()[0]).isEqualTo((byte) 1);
    assertThat(tx.accessList()).hasSize(1);
  }

  @Test
  void dynamicFeeTransaction() {
    Transaction tx = roundTrip(dynamicFee());
    assertThat(tx.encode()[0]).isEqualTo((byte) 2);
  }

  @Test
  void contractCreation() {
    Transaction tx = roundTrip(creation(Bytes.fromHex("0x6000600055"), 100_000));
    assertThat(tx.to()).isEmpty();
    assertThat(tx.isContractCreation()).isTrue();
  }

  @Test
  void blobTransaction() {
    Transaction tx = roundTrip(blob(List.of(versionedHash(1, 0xaa), versionedHash(1, 0xbb))));
    assertThat(tx.encode()[0]).isEqualTo((byte) 3);
    assertThat(((BlobTransaction) tx).blobGas()).isEqualTo(2 * 131_072);
  }

  @Test
  void transferHelperSignsADynamicFeeTransfer() {
    DynamicFeeTransaction tx = SIGNER.transfer(CHAIN_ID, 0, TO, GWEI, GWEI, GWEI.multiply(2));
    assertThat(tx.gasLimit()).isEqualTo(21_000);
    assertThat(CANCUN.validate(tx).sender()).isEqualTo(SIGNER.address());
  }

  /** The example in the EIP-155 text: signing data, signing hash, and the signed transaction. */
  @Test
  void eip155Example() {
    LegacyTransaction draft = legacy(OptionalLong.of(1));
    assertThat(Hex.encode(draft.signingPayload()))
        .isEqualTo(
            "0xec098504a817c800825208943535353535353535353535353535353535353535880de0b6b3a764000080018080");
    assertThat(draft.signingHash().toHex())
        .isEqualTo("0xdaf5a779ae972f972197303d7b574746c7ef83eadac0f2791ad23db92e4c8e53");
    LegacyTransaction signed = SIGNER.sign(draft);
    assertThat(signed.v()).isEqualTo(BigInteger.valueOf(37));
    assertThat(signed.signature().r())
        .isEqualTo(
            new BigInteger(
                "18515461264373351373200002665853028612451056578545711640558177340181847433846"));
    assertThat(signed.signature().s())
        .isEqualTo(
            new BigInteger(
                "46948507304638947509940763649030358759909902576025900602547168820602576006531"));
    assertThat(Hex.encode(signed.encode()))
        .isEqualTo(
            "0xf86c098504a817c800825208943535353535353535353535353535353535"
                + "353535880de0b6b3a76400008025a028ef61340bd939bc2195fe537567866003e1a15d3c71ff63e1590620aa636276a067cbe9d8"
                + "997f761aecb703304b3800ccf555c9f3dc64214b297fb1966a3b6d83");
    assertThat(KEY.address())
        .isEqualTo(Address.fromHex("0x9d8a62f656a8d1615c1294fd71e9cfb3e4855a4f"));
  }

  @Test
  void effectiveGasPrice() {
    DynamicFeeTransaction tx = dynamicFee(); // tip 1 gwei, cap 30 gwei
    assertThat(tx.effectiveGasPrice(GWEI.multiply(10))).isEqualTo(GWEI.multiply(11));
    assertThat(tx.effectiveGasPrice(GWEI.multiply(29).add(GWEI.divide(UInt256.valueOf(2)))))
        .isEqualTo(GWEI.multiply(30));
    assertThat(tx.effectivePriorityFee(GWEI.multiply(10))).isEqualTo(GWEI);
    assertThat(legacy(OptionalLong.empty()).effectiveGasPrice(GWEI)).isEqualTo(GWEI.multiply(20));
  }
}
