package io.levity.da.chain;

import static io.levity.da.chain.DaFixture.ETHER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.Keccak;
import io.levity.core.crypto.Secp256k1;
import io.levity.core.crypto.bls.Bls;
import io.levity.core.crypto.bls.BlsPublicKey;
import io.levity.core.crypto.bls.BlsSignature;
import io.levity.da.quorum.Quorum;
import io.levity.sdk.rpc.EthRpc;
import io.levity.sdk.tx.Wallet;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * RpcDaChain through the SDK against the compiled contract on Levity's EVM, behind an in-process
 * JSON-RPC ({@link EvmRpc}): deploy, register, quorum, check, certify, errors.
 */
class RpcDaChainTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private final DaEvm evm = new DaEvm();
  private final EthRpc rpc = new EthRpc(new EvmRpc(evm));
  private Address contract;
  private final List<RpcDaChain> operators = new ArrayList<>();

  private Wallet wallet(String name) {
    Secp256k1.KeyPair k =
        Secp256k1.KeyPair.fromPrivate(Keccak.hash(name.getBytes(StandardCharsets.UTF_8)));
    evm.fund(k.address(), ETHER.multiply(BigInteger.valueOf(100)));
    return new Wallet(rpc, k);
  }

  @BeforeEach
  void deployAndRegister() {
    contract =
        RpcDaChain.deploy(
            wallet("deployer"),
            new DaParameters(10, DaRules.DEFAULT_THRESHOLD_BPS, ETHER, 256, 2),
            TIMEOUT);
    for (int i = 0; i < 3; i++) {
      RpcDaChain c = new RpcDaChain(rpc, contract, Optional.of(wallet("op" + i)), TIMEOUT);
      assertThat(c.register(DaFixture.key(i), "http://127.0.0.1:" + (8900 + i), ETHER))
          .isEqualTo(i);
      operators.add(c);
    }
    evm.setBlock(21); // block 20, the first of epoch 2, is the head
  }

  private DaCertificate certificate(Bytes32 blob, long epoch, List<Integer> signers) {
    RpcDaChain chain = operators.get(0);
    Bytes32 m = chain.signingMessage(blob, epoch);
    List<BlsSignature> sigs = new ArrayList<>();
    List<BlsPublicKey> pks = new ArrayList<>();
    for (int i : signers) {
      sigs.add(Bls.sign(DaFixture.key(i).secret(), m));
      pks.add(DaFixture.key(i).publicKey());
    }
    return new DaCertificate(
        blob,
        epoch,
        DaFixture.bitmap(signers),
        Bls.aggregateSignatures(sigs),
        Bls.aggregateKeys(pks));
  }

  @Test
  void readsTheQuorumAndCertifies() {
    RpcDaChain chain = new RpcDaChain(rpc, contract, Optional.empty(), TIMEOUT);
    assertThat(chain.chainId()).isEqualTo(DaEvm.CHAIN_ID);
    assertThat(chain.epochBlocks()).isEqualTo(10);
    assertThat(chain.currentEpoch()).isEqualTo(2);
    Quorum q = chain.quorum(2);
    assertThat(q.seed()).isEqualTo(EvmRpc.blockHash(20));
    assertThat(q.thresholdBps()).isEqualTo(DaRules.DEFAULT_THRESHOLD_BPS);
    assertThat(q.members()).extracting(m -> m.index()).containsExactly(0, 1, 2);
    assertThat(q.members().get(1).key()).isEqualTo(DaFixture.key(1).publicKey());
    assertThat(q.members().get(2).endpoint()).isEqualTo("http://127.0.0.1:8902");
    assertThat(chain.quorum(0).members()).isEmpty();
    assertThat(chain.nodes()).hasSize(3);

    Bytes32 blob = DaFixture.blob("rpc blob");
    DaCertificate c = certificate(blob, 2, List.of(0, 1, 2));
    assertThat(chain.checkCertificate(c)).isTrue();
    assertThat(chain.certified(blob)).isEmpty();
    Bytes32 tx = operators.get(1).certify(c);
    assertThat(chain.certified(blob))
        .hasValueSatisfying(
            b -> {
              assertThat(b.transactionHash()).isEqualTo(tx);
              assertThat(b.epoch()).isEqualTo(2);
              assertThat(b.signers()).isEqualTo(BigInteger.valueOf(7));
              assertThat(b.blockNumber()).isEqualTo(21);
            });
    assertThatThrownBy(() -> operators.get(1).certify(c))
        .isInstanceOf(DaChainException.class)
        .hasMessageContaining("AlreadyCertified(" + blob.toHex());
  }

  @Test
  void refusalsNameTheContractsError() {
    // One of three equal stakes is under two thirds (two of three, exactly two thirds, certify).
    DaCertificate one = certificate(DaFixture.blob("one"), 2, List.of(0));
    assertThat(operators.get(0).checkCertificate(one)).isFalse();
    assertThatThrownBy(() -> operators.get(0).certify(one))
        .isInstanceOf(DaChainException.class)
        .hasMessageContaining("UnderThreshold(" + ETHER);
    assertThat(
            operators.get(0).checkCertificate(certificate(DaFixture.blob("two"), 2, List.of(0, 1))))
        .isTrue();
    assertThatThrownBy(() -> operators.get(0).register(DaFixture.key(5), "http://a", ETHER))
        .isInstanceOf(DaChainException.class)
        .hasMessageContaining("AlreadyRegistered");
    RpcDaChain readOnly = new RpcDaChain(rpc, contract, Optional.empty(), TIMEOUT);
    assertThatThrownBy(() -> readOnly.register(DaFixture.key(5), "http://a", ETHER))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> readOnly.quorum(3)).hasMessageContaining("has not started");
  }
}
