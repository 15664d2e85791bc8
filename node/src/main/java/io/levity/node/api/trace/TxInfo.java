package io.levity.node.api.trace;

import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes;
import io.levity.core.num.UInt256;
import java.util.Optional;

/**
 * What a tracer is told of the transaction beyond the EVM's events.
 *
 * @param to the recipient, empty for a creation
 */
public record TxInfo(
    Address sender,
    Optional<Address> to,
    Address coinbase,
    long gasLimit,
    UInt256 value,
    Bytes input) {}
