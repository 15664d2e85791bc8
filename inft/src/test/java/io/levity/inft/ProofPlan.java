package io.levity.inft;

import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.Secp256k1;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The proofs of one transfer or clone, honest by default ({@link InftFixture#plan}); an attack test
 * changes one field before {@link #build}.
 */
final class ProofPlan {
  TransferBinding binding;
  List<Bytes32> oldHashes;
  List<Bytes32> newHashes;
  Secp256k1.KeyPair accessSigner;
  Secp256k1.KeyPair oracle;
  Bytes accessPubKey;
  Bytes ownershipPubKey;
  long accessDeadline;
  long ownershipDeadline;
  int oracleType = OwnershipProof.TEE;
  private final Supplier<Bytes> nonces;

  ProofPlan(Supplier<Bytes> nonces) {
    this.nonces = nonces;
  }

  /** The sealed key published for item {@code i}: a stand-in for the oracle's ECIES output. */
  static Bytes sealedKey(int i) {
    return Bytes.wrap(("sealed key " + i).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
  }

  List<TransferValidityProof> build() {
    List<TransferValidityProof> proofs = new ArrayList<>();
    for (int i = 0; i < oldHashes.size(); i++) {
      AccessProof a =
          new AccessProof(
              oldHashes.get(i),
              newHashes.get(i),
              nonces.get(),
              accessPubKey,
              Bytes.EMPTY,
              accessDeadline);
      OwnershipProof o =
          new OwnershipProof(
              oracleType,
              oldHashes.get(i),
              newHashes.get(i),
              sealedKey(i),
              ownershipPubKey,
              nonces.get(),
              Bytes.EMPTY,
              ownershipDeadline);
      a =
          a.withProof(
              InftTypedData.sign(
                  accessSigner, InftTypedData.accessDigest(binding, a, o.sealedKey())));
      o = o.withProof(InftTypedData.sign(oracle, InftTypedData.ownershipDigest(binding, o)));
      proofs.add(new TransferValidityProof(a, o));
    }
    return proofs;
  }
}
