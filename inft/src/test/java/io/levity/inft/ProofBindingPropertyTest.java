package io.levity.inft;

import static io.levity.inft.InftFixture.agentData;
import static org.assertj.core.api.Assertions.assertThat;

import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import java.math.BigInteger;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Every field of a transfer proof is bound by its signatures: change any one after signing and the
 * transfer is refused with a custom error, the token unmoved.
 */
class ProofBindingPropertyTest {
  @Provide
  Arbitrary<byte[]> word() {
    return Arbitraries.bytes().array(byte[].class).ofSize(32);
  }

  @Property(tries = 60)
  void changingAnySignedFieldIsRefused(
      @ForAll @IntRange(min = 0, max = 12) int field,
      @ForAll("word") byte[] noise,
      @ForAll @IntRange(min = 1, max = 1_000_000) int later) {
    InftFixture f = new InftFixture();
    BigInteger id = f.mint(f.alice, agentData("agent", 1), 0);
    TransferValidityProof honest = f.plan(id, f.alice, f.bob).build().get(0);
    TransferValidityProof changed = change(honest, field, noise, later);

    InftChain.Receipt r =
        f.send(f.alice, f.nft, InftAbi.iTransfer(f.bob.address(), id, List.of(changed)));

    assertThat(r.ok()).as("field " + field).isFalse();
    assertThat(r.error()).as(r.describe()).isPresent();
    assertThat(f.ownerOf(id)).isEqualTo(f.alice.address());
  }

  private static TransferValidityProof change(
      TransferValidityProof p, int field, byte[] noise, int later) {
    AccessProof a = p.accessProof();
    OwnershipProof o = p.ownershipProof();
    Bytes32 word = differentWord(noise, a.oldDataHash());
    Bytes key = Bytes.concat(word, word);
    AccessProof a2 =
        switch (field) {
          case 0 ->
              new AccessProof(
                  word, a.newDataHash(), a.nonce(), a.encryptedPubKey(), a.proof(), a.deadline());
          case 1 ->
              new AccessProof(
                  a.oldDataHash(), word, a.nonce(), a.encryptedPubKey(), a.proof(), a.deadline());
          case 2 ->
              new AccessProof(
                  a.oldDataHash(),
                  a.newDataHash(),
                  word,
                  a.encryptedPubKey(),
                  a.proof(),
                  a.deadline());
          case 3 ->
              new AccessProof(
                  a.oldDataHash(), a.newDataHash(), a.nonce(), key, a.proof(), a.deadline());
          case 4 ->
              new AccessProof(
                  a.oldDataHash(),
                  a.newDataHash(),
                  a.nonce(),
                  a.encryptedPubKey(),
                  a.proof(),
                  a.deadline() + later);
          case 11 -> a.withProof(flip(a.proof(), noise));
          default -> a;
        };
    OwnershipProof o2 =
        switch (field) {
          case 5 -> withHashes(o, word, o.newDataHash());
          case 6 -> withHashes(o, o.oldDataHash(), word);
          case 7 ->
              new OwnershipProof(
                  o.oracleType(),
                  o.oldDataHash(),
                  o.newDataHash(),
                  word,
                  o.encryptedPubKey(),
                  o.nonce(),
                  o.proof(),
                  o.deadline());
          case 8 ->
              new OwnershipProof(
                  o.oracleType(),
                  o.oldDataHash(),
                  o.newDataHash(),
                  o.sealedKey(),
                  key,
                  o.nonce(),
                  o.proof(),
                  o.deadline());
          case 9 ->
              new OwnershipProof(
                  o.oracleType(),
                  o.oldDataHash(),
                  o.newDataHash(),
                  o.sealedKey(),
                  o.encryptedPubKey(),
                  word,
                  o.proof(),
                  o.deadline());
          case 10 ->
              new OwnershipProof(
                  o.oracleType(),
                  o.oldDataHash(),
                  o.newDataHash(),
                  o.sealedKey(),
                  o.encryptedPubKey(),
                  o.nonce(),
                  o.proof(),
                  o.deadline() + later);
          case 12 -> o.withProof(flip(o.proof(), noise));
          default -> o;
        };
    return new TransferValidityProof(a2, o2);
  }

  private static OwnershipProof withHashes(OwnershipProof o, Bytes32 oldHash, Bytes32 newHash) {
    return new OwnershipProof(
        o.oracleType(),
        oldHash,
        newHash,
        o.sealedKey(),
        o.encryptedPubKey(),
        o.nonce(),
        o.proof(),
        o.deadline());
  }

  /** {@code noise} as a word, made different from {@code avoid}. */
  private static Bytes32 differentWord(byte[] noise, Bytes32 avoid) {
    byte[] w = noise.clone();
    if (Bytes.wrap(w).equals(avoid)) w[0] ^= 1;
    return Bytes32.wrap32(w);
  }

  /** The signature with one bit of r or s changed (at a position the noise picks). */
  private static Bytes flip(Bytes signature, byte[] noise) {
    byte[] s = signature.toArray();
    int at = (noise[0] & 0xff) % 64;
    s[at] ^= (byte) (1 << ((noise[1] & 0xff) % 8));
    return Bytes.wrap(s);
  }
}
