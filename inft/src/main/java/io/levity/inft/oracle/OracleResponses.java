package io.levity.inft.oracle;

import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import io.levity.inft.DataProof;
import io.levity.inft.TransferValidityProof;
import java.util.List;

/** What the oracle answers, one record per kind of request. */
public final class OracleResponses {
  private OracleResponses() {}

  /** MINT or UPDATE: the stored roots (the new data hashes) and the signed DataStored statement. */
  public record Stored(List<Bytes32> dataHashes, DataProof proof) {
    public Stored {
      dataHashes = List.copyOf(dataHashes);
    }
  }

  /**
   * TRANSFER or CLONE: one proof pair per item, the new roots in them; {@code accessSigned} is
   * false when the receiver did not delegate to the oracle and must sign each access proof itself.
   */
  public record Transfer(List<TransferValidityProof> proofs, boolean accessSigned) {
    public Transfer {
      proofs = List.copyOf(proofs);
    }
  }

  /** OPEN: each current root with its data key sealed to the owner's published key. */
  public record Keys(List<Bytes32> roots, List<Bytes> sealedKeys) {
    public Keys {
      roots = List.copyOf(roots);
      sealedKeys = List.copyOf(sealedKeys);
    }
  }

  /** USE: what the agent runner returned. */
  public record Usage(Bytes output) {}

  /** Who the oracle is: its signing address, its encryption key, its chain and contract. */
  public record Info(Address oracle, Bytes encryptionKey, long chainId, Address nft) {}
}
