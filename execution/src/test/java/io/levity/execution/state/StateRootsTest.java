package io.levity.execution.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import io.levity.core.bytes.Hex;
import io.levity.core.crypto.Keccak;
import io.levity.core.num.UInt256;
import io.levity.core.rlp.RlpException;
import io.levity.core.tx.TransactionDecoder;
import io.levity.evm.BlockContext;
import io.levity.evm.InMemoryWorld;
import io.levity.evm.Log;
import io.levity.execution.fork.Fork;
import io.levity.execution.state.TransactionResult.Executed;
import io.levity.trie.MerklePatriciaTrie;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * State roots, logs hashes and account encoding, checked against the ethereum/tests fixture
 * stExample/add11 (its pre-state root is the post root of stExample/invalidTr, which rejects its
 * transaction).
 */
class StateRootsTest {
  private static final Address CONTRACT =
      Address.fromHex("0x095e7baea6a6c7c4c2dfeb977efac326af552d87");
  private static final Address COINBASE =
      Address.fromHex("0x2adc25665018aa1fe0e6bc666dac8fc2697ff9ba");
  private static final Address SENDER =
      Address.fromHex("0xa94f5374fce5edbc8e2a8697c15331677e6ebf0b");
  private static final UInt256 ONE_ETHER = UInt256.parse("0x0de0b6b3a7640000");
  private static final Bytes32 EMPTY_LOGS =
      Bytes32.fromHex32("0x1dcc4de8dec75d7aab85b567b6ccd41ad312451b948a7413f0a142fd40d49347");

  /**
   * add11's pre-state: a contract computing 1 + 1 into slot 0, a coinbase with nonce 1, a funded
   * sender.
   */
  private static InMemoryWorld add11Pre() {
    return new InMemoryWorld()
        .put(CONTRACT, ONE_ETHER, 0, Bytes.fromHex("0x600160010160005500"), Map.of())
        .put(COINBASE, UInt256.ZERO, 1, Bytes.EMPTY, Map.of())
        .put(SENDER, ONE_ETHER, 0, Bytes.EMPTY, Map.of());
  }

  @Test
  void preStateRootMatchesTheFixture() {
    assertThat(StateRoots.stateRoot(add11Pre()).toHex())
        .isEqualTo("0x4c9c6cf002e6a88a5444662ca9ceb6a116b7b69ced38c470bf6e4a12a6313967");
  }

  @Test
  void add11PostStateRootAndLogsMatchTheFixture() {
    InMemoryWorld world = add11Pre();
    world.beginTransaction();
    BlockContext block =
        new BlockContext(
            COINBASE,
            1,
            1_000,
            0xff112233445566L,
            UInt256.valueOf(0x020000).toBytes32(),
            UInt256.valueOf(10),
            BlobGas.baseFee(0),
            1,
            n -> Keccak.hash(Long.toString(n).getBytes(StandardCharsets.US_ASCII)));
    byte[] txbytes =
        Hex.decode(
            "0xf863800a83061a8094095e7baea6a6c7c4c2dfeb977efac326af552d87830186a0801ba0ffb600e6"
                + "3115a7362e7811894a91d8ba4330e526f22121c994c4692035dfdfd5a06198379fcac8de3dbfac48b165df4bf88e2088f294b61e"
                + "fb9a65fe2281c76e16");
    TransactionResult r =
        new StateTransition(Fork.CANCUN, 1).apply(world, block, TransactionDecoder.decode(txbytes));

    assertThat(r).isInstanceOf(Executed.class);
    assertThat(world.storage(CONTRACT, UInt256.ZERO)).isEqualTo(UInt256.valueOf(2));
    assertThat(StateRoots.stateRoot(world).toHex())
        .isEqualTo("0xe8010ce590f401c9d61fef8ab05bea9bcec24281b795e5868809bc4e515aa530");
    assertThat(Logs.hash(((Executed) r).logs())).isEqualTo(EMPTY_LOGS);
  }

  @Test
  void emptyWorldAndStorageHaveTheEmptyTrieRoot() {
    assertThat(StateRoots.stateRoot(new InMemoryWorld())).isEqualTo(MerklePatriciaTrie.EMPTY_ROOT);
    assertThat(StateRoots.storageRoot(Map.of())).isEqualTo(MerklePatriciaTrie.EMPTY_ROOT);
    assertThat(StateRoots.storageRoot(Map.of(UInt256.ONE, UInt256.ZERO)))
        .isEqualTo(MerklePatriciaTrie.EMPTY_ROOT);
  }

  @Test
  void zeroSlotsAreOmitted() {
    Map<UInt256, UInt256> one = Map.of(UInt256.ONE, UInt256.valueOf(7));
    Map<UInt256, UInt256> withZero =
        Map.of(UInt256.ONE, UInt256.valueOf(7), UInt256.valueOf(2), UInt256.ZERO);
    assertThat(StateRoots.storageRoot(withZero))
        .isEqualTo(StateRoots.storageRoot(one))
        .isNotEqualTo(MerklePatriciaTrie.EMPTY_ROOT);
  }

  @Test
  void storageChangesTheAccountRoot() {
    InMemoryWorld a = new InMemoryWorld().put(CONTRACT, UInt256.ONE, 1, Bytes.EMPTY, Map.of());
    InMemoryWorld b =
        new InMemoryWorld()
            .put(CONTRACT, UInt256.ONE, 1, Bytes.EMPTY, Map.of(UInt256.ONE, UInt256.ONE));
    assertThat(StateRoots.stateRoot(a)).isNotEqualTo(StateRoots.stateRoot(b));
  }

  @Test
  void accountsRoundTrip() {
    StateAccount a =
        new StateAccount(
            -1L, UInt256.MAX, Bytes32.fromHex32("0x" + "ab".repeat(32)), Keccak.EMPTY_HASH);
    assertThat(StateAccount.decode(a.encode())).isEqualTo(a);
    assertThat(StateAccount.decode(StateAccount.EMPTY.encode())).isEqualTo(StateAccount.EMPTY);
    // rlp([0x80, 0x80, root, hash]): 2 + 2 * 33 bytes of payload.
    assertThat(StateAccount.EMPTY.encode()).hasSize(70);
    byte[] trailing = Arrays.copyOf(a.encode(), a.encode().length + 1);
    assertThatThrownBy(() -> StateAccount.decode(trailing)).isInstanceOf(RlpException.class);
  }

  @Test
  void logsHash() {
    assertThat(Logs.hash(List.of())).isEqualTo(EMPTY_LOGS);
    Log log = new Log(CONTRACT, List.of(Bytes32.ZERO), Bytes.fromHex("0x01"));
    // rlp([[address, [topic], 0x01]]): 0xf8 0x3a | 0xf8 0x38 | 0x94 address | 0xe1 0xa0 topic |
    // 0x01.
    byte[] enc = Logs.encode(List.of(log));
    assertThat(Hex.encode(enc))
        .isEqualTo(
            "0xf83af83894" + CONTRACT.toHex().substring(2) + "e1a0" + "00".repeat(32) + "01");
    assertThat(Logs.hash(List.of(log))).isEqualTo(Keccak.hash(enc));
  }
}
