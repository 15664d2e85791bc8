package io.levity.cli.storage;

import io.levity.cli.node.OneValidatorChain;
import io.levity.core.crypto.Secp256k1;
import io.levity.node.runtime.Devnet;
import io.levity.storage.chain.rpc.RpcStorageChain;
import io.levity.storage.chain.rpc.StorageRegistryCode;
import java.util.List;

/**
 * A real in-process Levity chain whose genesis holds the storage registry at the devnet address, as
 * the devnet's does, owned (and audited) by the first of {@code accounts}.
 */
final class RegistryChain {
  private RegistryChain() {}

  static OneValidatorChain start(List<Secp256k1.KeyPair> accounts) throws InterruptedException {
    return OneValidatorChain.start(
        accounts,
        g ->
            Devnet.withContract(
                g,
                RpcStorageChain.DEVNET_REGISTRY,
                StorageRegistryCode.runtimeCode(),
                StorageRegistryCode.genesisStorage(
                    accounts.get(0).address(), accounts.get(0).address())));
  }
}
