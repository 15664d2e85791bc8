package io.levity.compute;

import io.levity.core.bytes.Bytes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Reads the hex bytecode compute/contracts/compile.js writes next to each contract's bindings. */
public final class ContractCode {
  private ContractCode() {}

  /** The bytes of the hex resource {@code name} beside {@code anchor}. */
  public static Bytes hexResource(Class<?> anchor, String name) {
    try (InputStream in = anchor.getResourceAsStream(name)) {
      if (in == null)
        throw new IllegalStateException(
            "resource " + name + " missing; run node compute/contracts/compile.js");
      return Bytes.fromHex(new String(in.readAllBytes(), StandardCharsets.US_ASCII).strip());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
