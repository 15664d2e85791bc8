package io.levity.consensus;

import io.levity.consensus.crypto.Ed25519Scheme;
import io.levity.consensus.crypto.SignatureScheme;
import io.levity.consensus.crypto.Signer;
import io.levity.consensus.message.ConsensusMessage.Proposal;
import io.levity.consensus.message.ConsensusMessage.Timeout;
import io.levity.consensus.message.ConsensusMessage.Vote;
import io.levity.consensus.message.MessageSigner;
import io.levity.consensus.types.ConsensusBlock;
import io.levity.consensus.types.ConsensusGenesis;
import io.levity.consensus.types.QuorumCert;
import io.levity.consensus.types.SignerBitmap;
import io.levity.consensus.types.SigningDomain;
import io.levity.consensus.types.TimeoutCert;
import io.levity.consensus.types.Validator;
import io.levity.consensus.types.ValidatorSet;
import io.levity.consensus.types.VoteData;
import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;

/**
 * A test validator set with real Ed25519 keys, and helpers that build correctly signed messages and
 * certificates.
 */
public final class TestNet {
  public static final long CHAIN_ID = 7;
  public static final long EPOCH = 1;

  public final int n;
  public final SignatureScheme scheme = Ed25519Scheme.INSTANCE;
  public final List<Signer> signers = new ArrayList<>();
  public final ValidatorSet validators;
  public final SigningDomain domain = new SigningDomain(CHAIN_ID);
  public final ConsensusGenesis genesis = ConsensusGenesis.of(CHAIN_ID, EPOCH);
  public final QuorumCert genesisQc;

  public TestNet(int n) {
    this.n = n;
    List<Validator> vs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      byte[] seed = new byte[32];
      Arrays.fill(seed, (byte) (i + 1));
      Signer s = scheme.signer(seed);
      signers.add(s);
      vs.add(new Validator(s.publicKey(), 1));
    }
    validators = new ValidatorSet(EPOCH, vs);
    genesisQc = QuorumCert.genesis(genesis, n);
  }

  /** A block for {@code round} by its leader on top of {@code parent}. */
  public ConsensusBlock block(long round, QuorumCert parent, String payload) {
    return ConsensusBlock.create(
        EPOCH,
        round,
        validators.leader(round),
        parent,
        0,
        Bytes32.ZERO,
        Bytes.wrap(payload.getBytes(StandardCharsets.UTF_8)));
  }

  public Proposal proposal(ConsensusBlock b) {
    return proposal(b, Optional.empty());
  }

  public Proposal proposal(ConsensusBlock b, Optional<TimeoutCert> tc) {
    return keys(b.author()).proposal(b, tc);
  }

  public Vote vote(int voter, ConsensusBlock b) {
    return keys(voter).vote(VoteData.of(b));
  }

  /** Signs messages as validator {@code i}. */
  public MessageSigner keys(int i) {
    return new MessageSigner(signers.get(i), domain, i);
  }

  /**
   * A QC for {@code b} signed by {@code voters}, or by the first 2f+1 validators when none are
   * given.
   */
  public QuorumCert qc(ConsensusBlock b, int... voters) {
    int[] who = voters.length > 0 ? voters : firstQuorum();
    Arrays.sort(who);
    VoteData d = VoteData.of(b);
    BitSet set = new BitSet();
    List<Bytes> sigs = new ArrayList<>();
    for (int v : who) {
      set.set(v);
      sigs.add(signers.get(v).sign(domain.vote(d)));
    }
    return new QuorumCert(d, SignerBitmap.of(n, set), scheme.aggregate(sigs));
  }

  public Timeout timeout(
      int sender, long round, QuorumCert highQc, Optional<TimeoutCert> lastRoundTc) {
    return keys(sender).timeout(EPOCH, round, highQc, lastRoundTc);
  }

  /**
   * A TC for {@code round}: the k-th signer reports high-QC round {@code highQcRounds[k]}; {@code
   * highest} is the QC of the highest of those rounds, which the TC carries.
   */
  public TimeoutCert tc(long round, int[] signerIdx, long[] highQcRounds, QuorumCert highest) {
    BitSet set = new BitSet();
    for (int s : signerIdx) set.set(s);
    int[] sorted = signerIdx.clone();
    Arrays.sort(sorted);
    List<Long> hqc = new ArrayList<>();
    List<Bytes> sigs = new ArrayList<>();
    for (int s : sorted) {
      int k = indexOf(signerIdx, s);
      hqc.add(highQcRounds[k]);
      sigs.add(signers.get(s).sign(domain.timeout(EPOCH, round, highQcRounds[k])));
    }
    return new TimeoutCert(
        EPOCH, round, highest, SignerBitmap.of(n, set), hqc, scheme.aggregate(sigs));
  }

  public int[] firstQuorum() {
    int q = (int) validators.quorumPower();
    int[] out = new int[q];
    for (int i = 0; i < q; i++) out[i] = i;
    return out;
  }

  private static int indexOf(int[] a, int x) {
    for (int i = 0; i < a.length; i++) if (a[i] == x) return i;
    throw new IllegalArgumentException(x + " not in " + Arrays.toString(a));
  }
}
