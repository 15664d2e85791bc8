package io.levity.inft.oracle;

import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;

/**
 * What the oracle reads from one AgentNFT contract (the port; {@link RpcInftChainView} over RPC).
 */
public interface InftChainView {
  long chainId();

  /** The AgentNFT contract (the proofs' EIP-712 verifying contract). */
  Address nft();

  /**
   * The latest block's timestamp (seconds): the clock the contracts check deadlines against, which
   * may run ahead of the wall clock (a fast devnet gives every block its own second).
   */
  long latestBlockTime();

  /** The AgentMarket whose listings the oracle honours, or {@link Address#ZERO}. */
  Address market();

  /** The token's owner, or empty when it does not exist. */
  Optional<Address> ownerOf(BigInteger tokenId);

  /** Whether {@code who} may move {@code owner}'s token: its approved address or an operator. */
  boolean isApproved(BigInteger tokenId, Address owner, Address who);

  /** The token's current data hashes (storage roots), in order. */
  List<Bytes32> dataHashes(BigInteger tokenId);

  /** The 64-byte encryption key {@code user} published, or empty. */
  Bytes encryptionKeyOf(Address user);

  /** The assistant {@code user} delegated access proofs to, or {@link Address#ZERO}. */
  Address delegateOf(Address user);

  boolean isAuthorizedUser(BigInteger tokenId, Address user);
}
