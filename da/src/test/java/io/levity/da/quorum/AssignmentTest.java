package io.levity.da.quorum;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.Keccak;
import io.levity.core.crypto.bls.BlsPublicKey;
import io.levity.da.encoding.CellId;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class AssignmentTest {
  static final Bytes32 SEED = Keccak.hash(Bytes.of((byte) 1));
  static final Bytes32 BLOB = Keccak.hash(Bytes.of((byte) 2));

  @Test
  void isDeterministic() {
    Quorum q = quorum(SEED, 5, 3, 0, 9, 1);
    Assignment a = Assignment.of(q, BLOB, 4);
    Assignment b = Assignment.of(quorum(SEED, 5, 3, 0, 9, 1), BLOB, 4);

    for (int m = 0; m < 5; m++) assertThat(a.cellsOf(m)).isEqualTo(b.cellsOf(m));
  }

  @Test
  void countsAreTheLargestRemainderTiesToTheLowerIndex() {
    // 128/3 = 42.67 each: two cells left, to members 0 and 1
    assertThat(perPiece(quorum(SEED, 1, 1, 1), 3)).containsExactly(43, 43, 42);
    // 89.6 and 38.4: the one left goes to the .6
    assertThat(perPiece(quorum(SEED, 0, 7, 3), 3)).containsExactly(0, 90, 38);
    // 42.67 and 85.33
    assertThat(perPiece(quorum(SEED, 1, 2), 3)).containsExactly(43, 85);
    // 128 s / S exact: nothing left over
    assertThat(perPiece(quorum(SEED, 1, 3), 3)).containsExactly(32, 96);
  }

  @Test
  void everyCellIsAssignedExactlyOnce() {
    Quorum q = quorum(SEED, 4, 0, 17, 2, 2, 30);
    Assignment a = Assignment.of(q, BLOB, 3);
    Set<CellId> seen = new HashSet<>();
    for (QuorumMember m : q.members()) {
      for (CellId c : a.cellsOf(m.index())) {
        assertThat(seen.add(c)).as("cell %s held twice", c).isTrue();
        assertThat(a.holder(c)).isEqualTo(m);
      }
      assertThat(a.cellsOf(m.index())).isSorted();
    }
    assertThat(seen).hasSize(3 * 128);
    assertThat(a.cellsOf(1)).isEmpty(); // zero stake
    assertThat(a.cellsOf(99)).isEmpty(); // not a member
  }

  @Test
  void anotherSeedBlobOrPieceDealsDifferently() {
    Quorum q = quorum(SEED, 1, 1, 1, 1);
    Quorum other = quorum(Keccak.hash(Bytes.of((byte) 3)), 1, 1, 1, 1);
    Assignment a = Assignment.of(q, BLOB, 2);

    assertThat(Assignment.of(other, BLOB, 2).cellsOf(0)).isNotEqualTo(a.cellsOf(0));
    assertThat(Assignment.of(q, SEED, 2).cellsOf(0)).isNotEqualTo(a.cellsOf(0));
    int[] perm = Assignment.permutation(SEED, BLOB, 0);
    assertThat(perm).isNotEqualTo(Assignment.permutation(SEED, BLOB, 1));
    assertThat(Arrays.stream(perm).sorted().toArray())
        .isEqualTo(range(128).stream().mapToInt(i -> i).toArray());
  }

  @Test
  void refusesAQuorumWithoutStakeOrWithATwiceListedIndex() {
    assertThatThrownBy(() -> Assignment.of(quorum(SEED, 0, 0), BLOB, 1))
        .hasMessageContaining("no stake");
    List<QuorumMember> twice = new ArrayList<>(quorum(SEED, 1, 1).members());
    twice.add(twice.get(0));
    assertThatThrownBy(() -> Assignment.of(new Quorum(0, SEED, twice, 6667), BLOB, 1))
        .hasMessageContaining("index 0 twice");
  }

  @Property(tries = 300)
  void countsAreLargestRemainderAndAThirdOfTheStakeHoldsUnderHalf(
      @ForAll("stakes") List<BigInteger> stakes, @ForAll long seed) {
    if (stakes.stream().allMatch(s -> s.signum() == 0)) return;
    Quorum q = quorum(Keccak.hash(Bytes.wrap(BigInteger.valueOf(seed).toByteArray())), stakes);
    int pieces = 3;
    Assignment a = Assignment.of(q, BLOB, pieces);
    BigInteger total = q.totalStake();
    int n = stakes.size();
    int[] counts = new int[n];
    for (int k = 0; k < n; k++) counts[k] = a.cellsPerPiece(k);

    LargestRemainder.check(stakes, counts);
    for (int k = 0; k < n; k++) {
      assertThat(a.cellsOf(k)).hasSize(counts[k] * pieces);
    }
    // the worst set with at most a third of the stake: the most cells per stake first
    List<Integer> order = new ArrayList<>(range(n));
    order.sort((x, y) -> cellsPerStake(counts[y], stakes.get(y), counts[x], stakes.get(x)));
    BigInteger held = BigInteger.ZERO;
    Set<Integer> set = new HashSet<>();
    for (int k : order) {
      BigInteger next = held.add(stakes.get(k));
      if (next.multiply(BigInteger.valueOf(3)).compareTo(total) <= 0) {
        held = next;
        set.add(k);
      }
    }
    for (int p = 0; p < pieces; p++) {
      int cells = 0;
      for (int i = 0; i < 128; i++) if (set.contains(a.holder(new CellId(p, i)).index())) cells++;
      assertThat(cells).as("piece %d, members %s, stakes %s", p, set, stakes).isLessThan(64);
    }
  }

  @Provide
  Arbitrary<List<BigInteger>> stakes() {
    Arbitrary<BigInteger> small = Arbitraries.longs().between(0, 12).map(BigInteger::valueOf);
    Arbitrary<BigInteger> wei =
        Arbitraries.bigIntegers().between(BigInteger.ZERO, BigInteger.TEN.pow(24));
    return Arbitraries.oneOf(small, wei, Arbitraries.oneOf(small, wei))
        .list()
        .ofMinSize(3)
        .ofMaxSize(32);
  }

  /** Compares cells per stake, descending; members without stake (no cells either) sort first. */
  private static int cellsPerStake(int cy, BigInteger sy, int cx, BigInteger sx) {
    if (sx.signum() == 0 || sy.signum() == 0) return Integer.compare(sx.signum(), sy.signum());
    return BigInteger.valueOf(cy).multiply(sx).compareTo(BigInteger.valueOf(cx).multiply(sy));
  }

  private static List<Integer> perPiece(Quorum q, int pieces) {
    Assignment a = Assignment.of(q, BLOB, pieces);
    List<Integer> out = new ArrayList<>();
    for (QuorumMember m : q.members()) {
      for (int p = 0; p < pieces; p++) {
        int piece = p;
        long held = a.cellsOf(m.index()).stream().filter(c -> c.piece() == piece).count();
        assertThat(held).isEqualTo(a.cellsPerPiece(m.index()));
      }
      out.add(a.cellsPerPiece(m.index()));
    }
    return out;
  }

  static Quorum quorum(Bytes32 seed, long... stakes) {
    List<BigInteger> s = new ArrayList<>();
    for (long v : stakes) s.add(BigInteger.valueOf(v));
    return quorum(seed, s);
  }

  static Quorum quorum(Bytes32 seed, List<BigInteger> stakes) {
    List<QuorumMember> members = new ArrayList<>();
    for (int k = 0; k < stakes.size(); k++) {
      byte[] operator = new byte[20];
      operator[19] = (byte) k;
      members.add(
          new QuorumMember(
              k,
              Address.wrapAddress(operator),
              stakes.get(k),
              new BlsPublicKey(Bytes.EMPTY, Bytes.EMPTY),
              "http://127.0.0.1:" + (8900 + k)));
    }
    return new Quorum(7, seed, members, 6667);
  }

  private static List<Integer> range(int n) {
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < n; i++) out.add(i);
    return out;
  }
}
