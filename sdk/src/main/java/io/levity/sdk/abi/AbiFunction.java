package io.levity.sdk.abi;

import io.levity.core.bytes.Bytes;
import io.levity.core.crypto.Keccak;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A contract function: its name, parameter and return types, and selector (the first 4 bytes of the
 * keccak-256 of its canonical signature). Encodes calls and decodes what they return.
 */
public final class AbiFunction {
  private final String name;
  private final List<AbiType> inputs;
  private final List<AbiType> outputs;
  private final Bytes selector;

  public AbiFunction(String name, List<AbiType> inputs, List<AbiType> outputs) {
    this.name = Objects.requireNonNull(name, "name");
    if (name.isEmpty() || !name.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '_'))
      throw new AbiException("bad function name '" + name + "'");
    this.inputs = List.copyOf(inputs);
    this.outputs = List.copyOf(outputs);
    this.selector =
        Bytes.wrap(
            Arrays.copyOf(Keccak.hash256(signature().getBytes(StandardCharsets.US_ASCII)), 4));
  }

  /**
   * Parses {@code name(T1,...,Tn)}, optionally followed by {@code returns (R1,...)} (spaces around
   * {@code returns} allowed), such as {@code "balanceOf(address) returns (uint256)"}.
   */
  public static AbiFunction parse(String declaration) {
    String d = declaration.strip();
    int open = d.indexOf('(');
    if (open <= 0)
      throw new AbiException("bad function '" + declaration + "': name(types) expected");
    String name = d.substring(0, open);
    AbiTypeParser p = new AbiTypeParser(d.substring(open));
    AbiType in = p.type();
    String rest = d.substring(open + p.position()).strip();
    List<AbiType> out = List.of();
    if (!rest.isEmpty()) {
      if (!rest.startsWith("returns"))
        throw new AbiException("bad function '" + declaration + "': 'returns' expected");
      out = AbiType.parseList(rest.substring("returns".length()).strip());
    }
    if (!(in instanceof AbiType.Tuple t))
      throw new AbiException("bad function '" + declaration + "': parameter list expected");
    return new AbiFunction(name, t.components(), out);
  }

  public String name() {
    return name;
  }

  public List<AbiType> inputs() {
    return inputs;
  }

  public List<AbiType> outputs() {
    return outputs;
  }

  /** The canonical signature, such as {@code transfer(address,uint256)}. */
  public String signature() {
    return name + AbiType.canonical(inputs);
  }

  /** The 4-byte selector. */
  public Bytes selector() {
    return selector;
  }

  /** Call data: the selector followed by the encoded arguments. */
  public Bytes encodeCall(Object... args) {
    return Bytes.concat(selector, AbiCodec.encode(inputs, Arrays.asList(args)));
  }

  /** Decodes call data of this function (the selector must match). */
  public AbiValues decodeCall(Bytes callData) {
    if (callData.size() < 4 || !callData.slice(0, 4).equals(selector))
      throw new AbiException("call data is not a call of " + signature());
    return AbiCodec.decode(inputs, callData.slice(4));
  }

  /** Decodes what the function returned. */
  public AbiValues decodeReturn(Bytes output) {
    return AbiCodec.decode(outputs, output);
  }

  @Override
  public String toString() {
    return signature() + (outputs.isEmpty() ? "" : " returns " + AbiType.canonical(outputs));
  }
}
