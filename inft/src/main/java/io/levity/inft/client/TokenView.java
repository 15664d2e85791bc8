package io.levity.inft.client;

import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes32;
import io.levity.inft.IntelligentData;
import java.math.BigInteger;
import java.util.List;

/**
 * What {@code levity inft show} prints: the token's owner, creator, parent (0 when none), current
 * data, every data hash it ever had, its authorized users and its royalty.
 */
public record TokenView(
    BigInteger tokenId,
    Address owner,
    Address creator,
    BigInteger parent,
    List<IntelligentData> data,
    List<Bytes32> history,
    List<Address> authorizedUsers,
    Address royaltyReceiver,
    int royaltyBps) {
  public TokenView {
    data = List.copyOf(data);
    history = List.copyOf(history);
    authorizedUsers = List.copyOf(authorizedUsers);
  }
}
