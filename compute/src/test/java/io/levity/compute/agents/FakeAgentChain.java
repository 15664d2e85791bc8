package io.levity.compute.agents;

import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import io.levity.inft.oracle.InftChainView;
import io.levity.inft.oracle.OracleError;
import io.levity.inft.oracle.OracleException;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** An AgentNFT's state in memory, as a provider reads it: owners, authorized users, data hashes. */
final class FakeAgentChain implements InftChainView {
  final Address nft;
  final Map<BigInteger, Address> owners = new HashMap<>();
  final Map<BigInteger, List<Bytes32>> data = new HashMap<>();
  final Set<String> authorized = new HashSet<>();
  boolean down;

  FakeAgentChain(Address nft) {
    this.nft = nft;
  }

  void authorize(BigInteger token, Address user) {
    authorized.add(token + "/" + user);
  }

  void revoke(BigInteger token, Address user) {
    authorized.remove(token + "/" + user);
  }

  @Override
  public long chainId() {
    return 1;
  }

  @Override
  public Address nft() {
    return nft;
  }

  @Override
  public long latestBlockTime() {
    return 0;
  }

  @Override
  public Address market() {
    return Address.ZERO;
  }

  @Override
  public Optional<Address> ownerOf(BigInteger tokenId) {
    if (down) throw new OracleException(OracleError.CHAIN_FAILED, "connection refused");
    return Optional.ofNullable(owners.get(tokenId));
  }

  @Override
  public boolean isApproved(BigInteger tokenId, Address owner, Address who) {
    return false;
  }

  @Override
  public List<Bytes32> dataHashes(BigInteger tokenId) {
    return data.getOrDefault(tokenId, List.of());
  }

  @Override
  public Bytes encryptionKeyOf(Address user) {
    return Bytes.EMPTY;
  }

  @Override
  public Address delegateOf(Address user) {
    return Address.ZERO;
  }

  @Override
  public boolean isAuthorizedUser(BigInteger tokenId, Address user) {
    return authorized.contains(tokenId + "/" + user);
  }
}
