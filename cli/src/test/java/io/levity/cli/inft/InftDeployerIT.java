package io.levity.cli.inft;

import static org.assertj.core.api.Assertions.assertThat;

import io.levity.cli.node.OneValidatorChain;
import io.levity.core.bytes.Address;
import io.levity.core.crypto.Secp256k1;
import io.levity.inft.InftAbi;
import io.levity.inft.InftContract;
import io.levity.inft.InftDeployer;
import io.levity.node.keys.DevAccounts;
import io.levity.sdk.Contract;
import io.levity.sdk.rpc.BlockTag;
import io.levity.sdk.rpc.EthRpc;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The iNFT contracts deployed by transactions on a real in-process chain, as the devnet does. */
class InftDeployerIT {
  @Test
  void deploysTheFiveContractsAndAdmitsTheOracle() throws Exception {
    List<Secp256k1.KeyPair> accounts = DevAccounts.dev(3);
    try (OneValidatorChain chain = OneValidatorChain.start(accounts, g -> g)) {
      EthRpc rpc = EthRpc.connect(chain.rpcUrl(), Duration.ofSeconds(10));
      Secp256k1.KeyPair oracle = accounts.get(1);
      InftDeployer.Deployment d =
          new InftDeployer(rpc, accounts.get(0), Duration.ofSeconds(60)).deploy(oracle);
      for (Address a :
          List.of(d.registry(), d.softwareAttestation(), d.verifier(), d.nft(), d.market()))
        assertThat(rpc.getCode(a, BlockTag.LATEST).size()).as("code at %s", a).isGreaterThan(0);
      assertThat(rpc.getCode(d.nft(), BlockTag.LATEST))
          .as("the NFT's immutables are filled in")
          .isNotEqualTo(InftContract.AGENT_NFT.runtimeCode());
      Contract registry = new Contract(rpc, d.registry());
      assertThat(registry.call(InftAbi.IS_ORACLE, oracle.address()).bool(0)).isTrue();
      assertThat(registry.call(InftAbi.IS_ORACLE, accounts.get(2).address()).bool(0)).isFalse();
    }
  }
}
