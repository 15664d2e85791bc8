package io.levity.inft;

import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import io.levity.inft.oracle.InftChainView;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;

/** The oracle's chain port over the in-process EVM: the real AgentNFT answers every read. */
final class EvmChainView implements InftChainView {
  private final InftChain chain;
  private final Address nft;
  private final Address market;

  EvmChainView(InftChain chain, Address nft, Address market) {
    this.chain = chain;
    this.nft = nft;
    this.market = market;
  }

  @Override
  public long chainId() {
    return chain.chainId;
  }

  @Override
  public Address nft() {
    return nft;
  }

  @Override
  public long latestBlockTime() {
    return chain.timestamp;
  }

  @Override
  public Address market() {
    return market;
  }

  @Override
  public Optional<Address> ownerOf(BigInteger tokenId) {
    InftChain.Receipt r = chain.call(Address.ZERO, nft, InftAbi.OWNER_OF.encodeCall(tokenId));
    if (!r.ok()) return Optional.empty();
    return Optional.of(InftAbi.OWNER_OF.decodeReturn(r.output()).address(0));
  }

  @Override
  public boolean isApproved(BigInteger tokenId, Address owner, Address who) {
    return chain.view(nft, InftAbi.GET_APPROVED, tokenId).address(0).equals(who)
        || chain.view(nft, InftAbi.IS_APPROVED_FOR_ALL, owner, who).bool(0);
  }

  @Override
  public List<Bytes32> dataHashes(BigInteger tokenId) {
    return InftFixture.words(chain.view(nft, InftAbi.DATA_HASHES_OF, tokenId).list(0));
  }

  @Override
  public Bytes encryptionKeyOf(Address user) {
    return chain.view(nft, InftAbi.ENCRYPTION_KEY_OF, user).bytes(0);
  }

  @Override
  public Address delegateOf(Address user) {
    return chain.view(nft, InftAbi.GET_DELEGATE_ACCESS, user).address(0);
  }

  @Override
  public boolean isAuthorizedUser(BigInteger tokenId, Address user) {
    return chain.view(nft, InftAbi.IS_AUTHORIZED_USER, tokenId, user).bool(0);
  }
}
