package io.levity.storage.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import io.levity.core.bytes.Hex;
import io.levity.core.crypto.Ed25519;
import io.levity.core.crypto.Keccak;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The registration digest's layout, what it binds, and the signature check. */
class NodeRegistrationTest {
  private static final Ed25519.KeyPair KEY =
      Ed25519.KeyPair.fromSeed(
          Keccak.hash("registration key".getBytes(StandardCharsets.UTF_8)).toArray());
  private static final Bytes32 ID = Bytes32.of32(KEY.publicKey());
  private static final Address REGISTRY =
      Address.fromHex("0x000000000000000000000000000000000000a11c");
  private static final Address ALICE =
      Address.fromHex("0x00000000000000000000000000000000000a11ce");
  private static final Address BOB = Address.fromHex("0x0000000000000000000000000000000000000b0b");
  private static final StorageNodeRecord NODE = new StorageNodeRecord(ID, "127.0.0.1:7001");

  @Test
  void theDigestIsKeccakOfThePackedDomainChainRegistryAccountIdAndEndpointHash() {
    String packed =
        Hex.encodeBare("levity-storage-registration".getBytes(StandardCharsets.US_ASCII))
            + "0".repeat(60)
            + "0539" // chain id 1337 as a uint256
            + REGISTRY.toHex().substring(2)
            + ALICE.toHex().substring(2)
            + ID.toHex().substring(2)
            + Keccak.hash("127.0.0.1:7001".getBytes(StandardCharsets.UTF_8)).toHex().substring(2);
    assertThat(packed).hasSize(2 * (27 + 32 + 20 + 20 + 32 + 32));
    assertThat(NodeRegistration.digest(1337, REGISTRY, ALICE, NODE))
        .isEqualTo(Keccak.hash(Bytes.fromHex("0x" + packed)));
  }

  @Test
  void everyBoundFieldChangesTheDigest() {
    Bytes32 base = NodeRegistration.digest(1337, REGISTRY, ALICE, NODE);
    List<Bytes32> others =
        List.of(
            NodeRegistration.digest(1338, REGISTRY, ALICE, NODE),
            NodeRegistration.digest(1337, BOB, ALICE, NODE),
            NodeRegistration.digest(1337, REGISTRY, BOB, NODE),
            NodeRegistration.digest(
                1337, REGISTRY, ALICE, new StorageNodeRecord(ID, "127.0.0.1:7002")),
            NodeRegistration.digest(
                1337, REGISTRY, ALICE, new StorageNodeRecord(Bytes32.ZERO, "127.0.0.1:7001")));
    assertThat(others).doesNotContain(base).doesNotHaveDuplicates();
  }

  @Test
  void onlyTheNodeKeysSignatureOfThatDigestPasses() {
    Bytes32 forAlice = NodeRegistration.digest(1337, REGISTRY, ALICE, NODE);
    Bytes sig = NodeRegistration.sign(KEY, forAlice);
    assertThat(NodeRegistration.verify(forAlice, ID, sig)).isTrue();
    // Replayed for another account, signed by another key, truncated, or an id off the curve.
    assertThat(NodeRegistration.verify(NodeRegistration.digest(1337, REGISTRY, BOB, NODE), ID, sig))
        .isFalse();
    Ed25519.KeyPair other = Ed25519.KeyPair.fromSeed(new byte[32]);
    assertThat(NodeRegistration.verify(forAlice, ID, NodeRegistration.sign(other, forAlice)))
        .isFalse();
    assertThat(NodeRegistration.verify(forAlice, ID, sig.slice(0, 63))).isFalse();
    assertThat(NodeRegistration.verify(forAlice, Bytes32.fromHex32("0x" + "ff".repeat(32)), sig))
        .isFalse();
    assertThatThrownBy(() -> NodeRegistration.check(forAlice, NODE, Bytes.EMPTY))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bad node signature");
    NodeRegistration.check(forAlice, NODE, sig);
  }
}
