package io.levity.core.tx;

import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes;
import io.levity.core.crypto.Signature;
import io.levity.core.num.UInt256;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A legacy (untyped) transaction, with an EIP-155 chain id folded into v or, as before Spurious
 * Dragon, without one.
 */
public record LegacyTransaction(
    long nonce,
    UInt256 gasPrice,
    long gasLimit,
    Optional<Address> to,
    UInt256 value,
    Bytes data,
    OptionalLong chainId,
    Signature signature)
    implements Transaction {

  public LegacyTransaction {
    TransactionChecks.requireFields(chainId, to, value, data, gasPrice, signature);
  }

  @Override
  public TransactionType type() {
    return TransactionType.LEGACY;
  }

  /** 27/28 without a chain id, chainId * 2 + 35/36 with one (EIP-155). */
  public BigInteger v() {
    int parity = signature.recId();
    if (chainId.isEmpty()) return BigInteger.valueOf(27 + parity);
    return BigInteger.valueOf(chainId.getAsLong())
        .shiftLeft(1)
        .add(BigInteger.valueOf(35 + parity));
  }

  @Override
  public List<AccessListEntry> accessList() {
    return List.of();
  }

  @Override
  public UInt256 maxFeePerGas() {
    return gasPrice;
  }

  @Override
  public LegacyTransaction withSignature(Signature signature) {
    return new LegacyTransaction(nonce, gasPrice, gasLimit, to, value, data, chainId, signature);
  }
}
