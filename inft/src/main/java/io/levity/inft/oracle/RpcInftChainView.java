package io.levity.inft.oracle;

import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import io.levity.inft.InftAbi;
import io.levity.sdk.Contract;
import io.levity.sdk.abi.AbiException;
import io.levity.sdk.abi.AbiFunction;
import io.levity.sdk.abi.AbiValues;
import io.levity.sdk.rpc.BlockTag;
import io.levity.sdk.rpc.EthRpc;
import io.levity.sdk.rpc.EthRpcException;
import io.levity.sdk.rpc.RpcErrorException;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;

/** {@link InftChainView} over a node's JSON-RPC (eth_call at the latest block). */
public final class RpcInftChainView implements InftChainView {
  private final EthRpc rpc;
  private final Contract nft;
  private final long chainId;
  private final Address market;

  public RpcInftChainView(EthRpc rpc, Address nft, Address market, long chainId) {
    this.rpc = rpc;
    this.nft = new Contract(rpc, nft);
    this.market = market;
    this.chainId = chainId;
  }

  @Override
  public long latestBlockTime() {
    try {
      return rpc.getBlockByNumber(BlockTag.LATEST)
          .orElseThrow(() -> new OracleException(OracleError.CHAIN_FAILED, "no latest block"))
          .timestamp();
    } catch (EthRpcException e) {
      throw failed(e);
    }
  }

  @Override
  public Address market() {
    return market;
  }

  @Override
  public long chainId() {
    return chainId;
  }

  @Override
  public Address nft() {
    return nft.address();
  }

  @Override
  public Optional<Address> ownerOf(BigInteger tokenId) {
    try {
      return Optional.of(nft.call(InftAbi.OWNER_OF, tokenId).address(0));
    } catch (RpcErrorException e) {
      if (e.isRevert()) return Optional.empty();
      throw failed(e);
    } catch (EthRpcException e) {
      throw failed(e);
    }
  }

  @Override
  public boolean isApproved(BigInteger tokenId, Address owner, Address who) {
    return call(InftAbi.GET_APPROVED, tokenId).address(0).equals(who)
        || call(InftAbi.IS_APPROVED_FOR_ALL, owner, who).bool(0);
  }

  @Override
  public List<Bytes32> dataHashes(BigInteger tokenId) {
    return call(InftAbi.DATA_HASHES_OF, tokenId).list(0).stream()
        .map(v -> Bytes32.leftPad((Bytes) v))
        .toList();
  }

  @Override
  public Bytes encryptionKeyOf(Address user) {
    return call(InftAbi.ENCRYPTION_KEY_OF, user).bytes(0);
  }

  @Override
  public Address delegateOf(Address user) {
    return call(InftAbi.GET_DELEGATE_ACCESS, user).address(0);
  }

  @Override
  public boolean isAuthorizedUser(BigInteger tokenId, Address user) {
    return call(InftAbi.IS_AUTHORIZED_USER, tokenId, user).bool(0);
  }

  private AbiValues call(AbiFunction f, Object... args) {
    try {
      return nft.call(f, args);
    } catch (EthRpcException | AbiException e) {
      throw failed(e);
    }
  }

  private OracleException failed(RuntimeException e) {
    return new OracleException(
        OracleError.CHAIN_FAILED, "reading AgentNFT " + nft.address() + ": " + e.getMessage(), e);
  }
}
