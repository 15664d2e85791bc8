package io.levity.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Hex;
import io.levity.core.rlp.Rlp;
import io.levity.core.rlp.RlpException;
import io.levity.core.rlp.RlpItem;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * RLPTests: {@code {name: {in, out}}}; "INVALID" inputs must fail to decode, "VALID" ones must
 * decode.
 */
public final class RlpFixtureRunner implements FixtureRunner {
  @Override
  public boolean recognizesCase(JsonNode c) {
    return c.has("in") && c.has("out") && c.size() == 2;
  }

  @Override
  public void runCase(Path file, String name, JsonNode c, CaseSink sink) {
    sink.check(name, () -> check(c.get("in"), c.get("out").asText()));
  }

  private static String check(JsonNode in, String outHex) {
    byte[] out;
    try {
      out = Hex.decode(outHex);
    } catch (IllegalArgumentException ex) {
      return in.isTextual() && in.asText().equals("INVALID")
          ? null
          : "bad hex in fixture: " + ex.getMessage();
    }
    if (in.isTextual() && in.asText().equals("INVALID")) {
      try {
        RlpItem item = Rlp.decode(out);
        return "decoded invalid RLP without error: " + item;
      } catch (RlpException ex) {
        return null;
      }
    }
    if (in.isTextual() && in.asText().equals("VALID")) {
      try {
        RlpItem item = Rlp.decode(out);
        return Arrays.equals(Rlp.encode(item), out) ? null : "re-encoding differs";
      } catch (RlpException ex) {
        return "rejected valid RLP: " + ex.getMessage();
      }
    }
    byte[] enc = Rlp.encode(toItem(in));
    if (!Arrays.equals(enc, out))
      return "encoded " + Hex.encode(enc) + ", expected " + Hex.encode(out);
    RlpItem decoded = Rlp.decode(out);
    if (!decoded.equals(toItem(in))) return "decoding " + outHex + " gave " + decoded;
    return null;
  }

  private static RlpItem toItem(JsonNode in) {
    if (in.isArray()) {
      List<RlpItem> items = new ArrayList<>();
      for (JsonNode n : in) items.add(toItem(n));
      return new RlpItem.Lst(items);
    }
    if (in.isIntegralNumber()) {
      return new RlpItem.Str(Bytes.wrap(Rlp.minimalBytes(in.bigIntegerValue())));
    }
    String s = in.asText();
    if (s.startsWith("#")) {
      return new RlpItem.Str(Bytes.wrap(Rlp.minimalBytes(new BigInteger(s.substring(1)))));
    }
    return new RlpItem.Str(Bytes.wrap(s.getBytes(StandardCharsets.UTF_8)));
  }
}
