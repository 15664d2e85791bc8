package io.levity.storage.proof;

import static io.levity.storage.proof.FailureReason.BAD_PROOF;
import static io.levity.storage.proof.FailureReason.BAD_SEAL;
import static io.levity.storage.proof.FailureReason.WRONG_SECTOR_COUNT;
import static io.levity.storage.proof.FailureReason.WRONG_SECTOR_INDEX;

import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import io.levity.storage.chain.Submission;
import io.levity.storage.layout.MerkleFile;
import io.levity.storage.layout.SectorProofVerifier;
import io.levity.storage.seal.Seal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Proofs of replication: a {@link Challenge#sealed() sealed} challenge asks sectors of the node's
 * sealed replica ({@link Seal}), whose root the node committed on chain. The answer is an ordinary
 * {@link Answer} whose sectors are, for each challenged index {@code s} in order, the openings
 * {@link #openings(Challenge)} lists:
 *
 * <ol>
 *   <li>replica sector {@code s}, proved against the committed replica root;
 *   <li>replica sector {@code s - 1}, proved against the replica root, unless {@code s} starts a
 *       segment (its mask depends on it);
 *   <li>shard sector {@code s}, proved against the shard's root: it must equal replica sector
 *       {@code s} XOR its mask.
 * </ol>
 *
 * Verification costs one seal link per challenged sector; answering from a kept replica costs two
 * segment reads, answering without it costs sealing the segment up to {@code s}, which the
 * challenger's deadline does not leave time for.
 */
public final class SealedProofs {
  private SealedProofs() {}

  /** What an opening proves a sector against. */
  public enum Tree {
    REPLICA,
    SHARD
  }

  /** One sector an answer opens: its index and the tree it is proved against. */
  public record Opening(long index, Tree tree) {}

  /** The openings a sealed answer holds, in order. */
  public static List<Opening> openings(Challenge challenge) {
    List<Opening> out = new ArrayList<>(3 * challenge.count());
    for (long s : challenge.sectors()) {
      out.add(new Opening(s, Tree.REPLICA));
      if (!Seal.startsSegment(s)) out.add(new Opening(s - 1, Tree.REPLICA));
      out.add(new Opening(s, Tree.SHARD));
    }
    return out;
  }

  /** Where a prover reads a sector of one tree, with its proof. */
  @FunctionalInterface
  public interface Opener {
    Answer.Sector open(long index, Tree tree);
  }

  /**
   * The signed answer to a sealed {@code challenge}, from sectors {@code opener} reads; {@code
   * signer} returns a 64-byte Ed25519 signature of a digest.
   */
  public static Answer answer(
      Challenge challenge,
      List<Bytes32> shardRoots,
      Opener opener,
      Function<Bytes32, byte[]> signer) {
    if (!challenge.sealed()) throw new IllegalArgumentException("not a sealed challenge");
    List<Answer.Sector> sectors = new ArrayList<>();
    for (Opening o : openings(challenge)) sectors.add(opener.open(o.index(), o.tree()));
    return Answer.signed(challenge, shardRoots, sectors, signer);
  }

  /**
   * Verifies an encoded answer to a sealed challenge against the file's record and the replica root
   * the node committed. Pure; the checks run in the order of docs/storage-proofs.md.
   */
  public static Verdict verify(
      Submission file, Challenge challenge, Bytes32 replicaRoot, byte[] encodedAnswer) {
    ProofVerifier.checkChallenge(file, challenge);
    if (!challenge.sealed()) throw new IllegalArgumentException("not a sealed challenge");
    Objects.requireNonNull(replicaRoot, "replicaRoot");
    ProofVerifier.Decoded d = ProofVerifier.decode(encodedAnswer);
    if (d.refusal() != null) return d.refusal();
    Answer answer = d.answer();
    Verdict header = ProofVerifier.header(file, challenge, answer);
    if (header != null) return header;
    List<Opening> expected = openings(challenge);
    List<Answer.Sector> sectors = answer.sectors();
    if (sectors.size() != expected.size()) {
      return Verdict.fail(
          WRONG_SECTOR_COUNT, sectors.size() + " openings, the challenge needs " + expected.size());
    }
    Bytes32 shardRoot = answer.shardRoots().get(challenge.shardIndex());
    Bytes32 key = Seal.key(challenge.nodeId(), challenge.fileRoot(), challenge.shardIndex());
    byte[] replica = null;
    byte[] previous = null;
    for (int j = 0; j < expected.size(); j++) {
      Opening o = expected.get(j);
      Answer.Sector s = sectors.get(j);
      if (s.index() != o.index()) {
        return Verdict.fail(
            WRONG_SECTOR_INDEX,
            "position " + j + " opens sector " + s.index() + ", expected " + o.index());
      }
      Bytes32 root = o.tree() == Tree.REPLICA ? replicaRoot : shardRoot;
      byte[] data = s.data().unsafeArray();
      if (!SectorProofVerifier.verify(root, challenge.shardLength(), data, s.proof())) {
        return Verdict.fail(
            BAD_PROOF,
            (o.tree() == Tree.REPLICA ? "replica" : "shard")
                + " sector "
                + s.index()
                + " (position "
                + j
                + ") does not verify against "
                + root);
      }
      if (o.tree() == Tree.SHARD) {
        byte[] plain = Seal.unsealSector(key, o.index(), replica, previous);
        if (!Arrays.equals(plain, data)) {
          return Verdict.fail(
              BAD_SEAL, "replica sector " + o.index() + " does not unseal to the shard's sector");
        }
        replica = null;
        previous = null;
      } else if (replica == null) {
        replica = data;
      } else {
        previous = data;
      }
    }
    return ProofVerifier.signature(challenge, answer);
  }

  /** Opens sectors from in-memory trees of the shard and of its replica. */
  public static Opener opener(MerkleFile shard, MerkleFile replica) {
    return (index, tree) -> {
      MerkleFile f = tree == Tree.REPLICA ? replica : shard;
      return new Answer.Sector(Bytes.wrap(f.sector(index)), f.prove(index));
    };
  }
}
