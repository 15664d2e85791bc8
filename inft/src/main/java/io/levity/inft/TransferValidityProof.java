package io.levity.inft;

import java.util.List;

/** One data item's proof pair for iTransfer or iClone (and for a market settlement). */
public record TransferValidityProof(AccessProof accessProof, OwnershipProof ownershipProof) {
  List<Object> abiValue() {
    return List.of(accessProof.abiValue(), ownershipProof.abiValue());
  }
}
