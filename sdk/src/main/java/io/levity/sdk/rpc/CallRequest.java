package io.levity.sdk.rpc;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes;
import io.levity.core.lang.Require;
import io.levity.core.num.UInt256;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The message of an {@code eth_call} or {@code eth_estimateGas}: who calls ({@code from},
 * optional), what ({@code to}; empty for a contract creation), with which data, value and gas.
 */
public record CallRequest(
    Optional<Address> from, Optional<Address> to, Bytes data, UInt256 value, OptionalLong gas) {
  public CallRequest {
    Require.nonNull("from", from, "to", to, "data", data, "value", value, "gas", gas);
  }

  /** A call of {@code to} with {@code data}, no value, from no one in particular. */
  public static CallRequest to(Address to, Bytes data) {
    return new CallRequest(
        Optional.empty(), Optional.of(to), data, UInt256.ZERO, OptionalLong.empty());
  }

  /** The creation of a contract with {@code initcode}. */
  public static CallRequest deploy(Bytes initcode) {
    return new CallRequest(
        Optional.empty(), Optional.empty(), initcode, UInt256.ZERO, OptionalLong.empty());
  }

  public CallRequest from(Address sender) {
    return new CallRequest(Optional.of(sender), to, data, value, gas);
  }

  public CallRequest withValue(UInt256 v) {
    return new CallRequest(from, to, data, v, gas);
  }

  public CallRequest withGas(long g) {
    return new CallRequest(from, to, data, value, OptionalLong.of(g));
  }

  ObjectNode toJson() {
    ObjectNode o = JsonRpc.object();
    from.ifPresent(a -> o.put("from", a.toHex()));
    to.ifPresent(a -> o.put("to", a.toHex()));
    o.put("data", data.toHex());
    if (!value.isZero()) o.put("value", value.toHexQuantity());
    gas.ifPresent(g -> o.put("gas", RpcJson.hex(g)));
    return o;
  }
}
