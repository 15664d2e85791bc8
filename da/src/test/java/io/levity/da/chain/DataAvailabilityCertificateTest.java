package io.levity.da.chain;

import static io.levity.da.chain.DaFixture.ETHER;
import static io.levity.da.chain.DaFixture.bitmap;
import static io.levity.da.chain.DaFixture.blob;
import static org.assertj.core.api.Assertions.assertThat;

import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import io.levity.core.bytes.Hex;
import io.levity.core.crypto.bls.Bls;
import io.levity.core.crypto.bls.BlsPublicKey;
import io.levity.core.crypto.bls.BlsSignature;
import io.levity.sdk.abi.AbiValues;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Certificates on the compiled DataAvailability contract. Six nodes stake 3, 3, 3, 1, 1, 1 ether
 * (12 in all; two thirds, 6666 bps, needs 8). Every attack below is accepted by a contract without
 * the check it names.
 */
class DataAvailabilityCertificateTest {
  private static final BigInteger[] STAKES = {
    ETHER.multiply(BigInteger.valueOf(3)),
    ETHER.multiply(BigInteger.valueOf(3)),
    ETHER.multiply(BigInteger.valueOf(3)),
    ETHER,
    ETHER,
    ETHER
  };
  private final DaFixture f = new DaFixture();
  private final Bytes32 blobA = blob("blob A");
  private final Bytes32 blobB = blob("blob B");
  private long epoch;

  @BeforeEach
  void sixNodes() {
    for (BigInteger s : STAKES) f.register(s);
    f.nextEpoch();
    epoch = f.epoch();
  }

  private void assertRefused(DaCertificate c, String error) {
    assertThat(f.check(c)).as("checkDACert").isFalse();
    DaEvm.Outcome o = f.certify(c);
    assertThat(o.ok()).isFalse();
    assertThat(o.describe()).startsWith(error);
  }

  @Test
  void aQuorumOfTwoThirdsOfStakeIsCertified() {
    DaCertificate c = f.certificate(blobA, epoch, List.of(0, 1, 2));
    assertThat(f.check(c)).isTrue();
    DaEvm.Outcome o = f.certify(c);
    assertThat(o.ok()).as(o.describe()).isTrue();
    AbiValues e = o.event(DataAvailabilityContract.BLOB_CERTIFIED).orElseThrow();
    assertThat(e.bytes32(0)).isEqualTo(blobA);
    assertThat(e.longValue(1)).isEqualTo(epoch);
    assertThat(e.bigInteger(2)).isEqualTo(BigInteger.valueOf(0b111));
    assertThat(e.bigInteger(3)).isEqualTo(ETHER.multiply(BigInteger.valueOf(9)));
    assertThat(e.bigInteger(4)).isEqualTo(ETHER.multiply(BigInteger.valueOf(12)));
    AbiValues rec = f.evm.view(f.contract, DataAvailabilityContract.CERTIFIED, blobA);
    assertThat(rec.longValue(0)).isEqualTo(epoch);
    assertThat(rec.bigInteger(1)).isEqualTo(BigInteger.valueOf(0b111));
    assertThat(rec.longValue(2)).isEqualTo(f.evm.blockNumber());
    // The contract signs and hashes to G1 as the Java side does.
    Bytes32 m = f.signingMessage(blobA, epoch);
    assertThat(
            f.evm
                .view(f.contract, DataAvailabilityContract.SIGNING_MESSAGE, blobA, epoch)
                .bytes32(0))
        .isEqualTo(m);
    AbiValues h = f.evm.view(f.contract, DataAvailabilityContract.HASH_TO_G1, m);
    assertThat(DataAvailabilityContract.point(List.of(h.bigInteger(1), h.bigInteger(2))))
        .isEqualTo(Bls.hashToG1(m));
    // Small signers with enough stake count as well.
    assertThat(f.check(f.certificate(blobB, epoch, List.of(0, 1, 3, 4, 5)))).isTrue();
  }

  @Test
  void stakeBelowTheThresholdIsRefused() {
    assertRefused(f.certificate(blobA, epoch, List.of(0, 1, 3)), "UnderThreshold");
    assertRefused(f.certificate(blobA, epoch, List.of(0, 3, 4, 5)), "UnderThreshold");
    // 8 of 12 is exactly two thirds: it certifies (a third of the stake may be down).
    assertThat(f.check(f.certificate(blobA, epoch, List.of(0, 1, 3, 4)))).isTrue();
  }

  @Test
  void forgedSignaturesAreRefused() {
    List<Integer> q = List.of(0, 1, 2);
    BigInteger bits = bitmap(q);
    // Signed over another blob's message.
    assertRefused(f.sign(blobA, epoch, bits, q, f.signingMessage(blobB, epoch)), "BadSignature");
    // Signed over the previous epoch's message.
    assertRefused(
        f.sign(blobA, epoch, bits, q, f.signingMessage(blobA, epoch - 1)), "BadSignature");
    // The aggregate of another blob's certificate.
    DaCertificate b = f.certificate(blobB, epoch, q);
    assertRefused(
        new DaCertificate(blobA, epoch, bits, b.signature(), b.aggregateKey()), "BadSignature");
    // One signature by a key that is not the signer's (node 7 never registered).
    DaCertificate good = f.certificate(blobA, epoch, q);
    BlsSignature stranger = Bls.sign(DaFixture.key(7).secret(), f.signingMessage(blobA, epoch));
    BlsSignature mixed =
        Bls.aggregateSignatures(
            List.of(
                Bls.sign(f.keys.get(0).secret(), f.signingMessage(blobA, epoch)),
                Bls.sign(f.keys.get(1).secret(), f.signingMessage(blobA, epoch)),
                stranger));
    BlsPublicKey apk =
        Bls.aggregateKeys(
            List.of(
                f.keys.get(0).publicKey(),
                f.keys.get(1).publicKey(),
                DaFixture.key(7).publicKey()));
    assertRefused(new DaCertificate(blobA, epoch, bits, mixed, apk), "BadSignature");
    // A malformed sigma is a refusal, not a revert.
    assertRefused(
        new DaCertificate(
            blobA, epoch, bits, new BlsSignature(Bytes.wrap(new byte[64])), good.aggregateKey()),
        "BadSignature");
    assertThat(f.check(good)).isTrue();
  }

  @Test
  void anAggregateKeyNotMatchingTheBitmapIsRefused() {
    // Nodes 0 and 1 sign and bring their own aggregate G2 key: e(sigma, G2) == e(H, apk2) holds,
    // but the bitmap claims node 2's stake too. Only the gamma term (apk1 summed from the bitmap)
    // catches it.
    DaCertificate two = f.certificate(blobA, epoch, List.of(0, 1));
    DaCertificate claimed =
        new DaCertificate(
            blobA, epoch, bitmap(List.of(0, 1, 2)), two.signature(), two.aggregateKey());
    assertThat(Bls.verify(two.aggregateKey(), f.signingMessage(blobA, epoch), two.signature()))
        .isTrue();
    assertRefused(claimed, "BadSignature");
  }

  @Test
  void unknownAndInactiveSignersAreRefused() {
    // Bit 6: no node yet.
    DaCertificate c = f.certificate(blobA, epoch, List.of(0, 1, 2));
    assertRefused(
        new DaCertificate(
            blobA, epoch, BigInteger.valueOf(0b1000111), c.signature(), c.aggregateKey()),
        "UnknownSigner(6)");
    // Node 6 registers: active only from the next epoch, even with a valid signature.
    f.register(ETHER);
    DaCertificate early = f.certificate(blobA, epoch, List.of(0, 1, 2, 6));
    assertRefused(early, "UnknownSigner(6)");
    // Node 0 exits: still in this epoch's quorum, no longer in the next one's.
    Address op0 = f.operators.get(0);
    assertThat(
            f.evm
                .call(op0, f.contract, BigInteger.ZERO, DataAvailabilityContract.EXIT.encodeCall())
                .ok())
        .isTrue();
    assertThat(f.check(f.certificate(blobA, epoch, List.of(0, 1, 2)))).isTrue();
    f.nextEpoch();
    assertRefused(f.certificate(blobA, f.epoch(), List.of(0, 1, 2, 6)), "UnknownSigner(0)");
    // The quorum is now 1..6 (3+3+1+1+1+1 = 10 ether): 1, 2 and 6 hold 7 of 10.
    assertThat(f.check(f.certificate(blobA, f.epoch(), List.of(1, 2, 6)))).isTrue();
  }

  @Test
  void onlyTheCurrentAndPreviousEpochAreAccepted() {
    f.nextEpoch();
    f.nextEpoch(); // now epoch + 2
    assertRefused(f.certificate(blobA, epoch, List.of(0, 1, 2)), "StaleEpoch");
    assertRefused(f.certificate(blobA, epoch + 3, List.of(0, 1, 2)), "StaleEpoch");
    assertThat(f.check(f.certificate(blobA, epoch + 1, List.of(0, 1, 2)))).isTrue();
    assertThat(f.check(f.certificate(blobA, epoch + 2, List.of(0, 1, 2)))).isTrue();
  }

  @Test
  void aCertifiedBlobCannotBeCertifiedAgain() {
    DaCertificate c = f.certificate(blobA, epoch, List.of(0, 1, 2));
    assertThat(f.certify(c).ok()).isTrue();
    DaEvm.Outcome again = f.certify(f.certificate(blobA, epoch, List.of(3, 4, 5, 0, 1)));
    assertThat(again.error()).as(again.describe()).contains("AlreadyCertified");
    // checkDACert still vouches for the certificate: rollups may check it after certify.
    assertThat(f.check(c)).isTrue();
  }

  @Test
  void anotherContractCanCallCheckDaCert() {
    // A forwarder: copies its call data into a STATICCALL to the DataAvailability contract and
    // returns the 32-byte answer (reverting only when the call reverts).
    Address forwarder = Address.fromHex("0x000000000000000000000000000000000000f0f0");
    String da = Hex.encodeBare(f.contract.toArray());
    f.evm.install(
        forwarder, Bytes.fromHex("0x365f5f3760205f365f73" + da + "5afa6026575f5ffd5b60205ff3"));
    Address someone = DaFixture.operator(42);
    DaEvm.Outcome good =
        f.checkFrom(someone, forwarder, f.certificate(blobA, epoch, List.of(0, 1, 2)));
    assertThat(good.ok()).isTrue();
    assertThat(DataAvailabilityContract.CHECK_DA_CERT.decodeReturn(good.output()).bool(0)).isTrue();
    DaEvm.Outcome bad = f.checkFrom(someone, forwarder, f.certificate(blobA, epoch, List.of(0, 3)));
    assertThat(bad.ok()).as("a refused certificate is false, not a revert").isTrue();
    assertThat(DataAvailabilityContract.CHECK_DA_CERT.decodeReturn(bad.output()).bool(0)).isFalse();
  }
}
