package io.levity.sdk.abi;

import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.Keccak;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A contract event: its parameters, which of them are indexed (carried in topics), and its topic
 * (keccak-256 of the canonical signature, the log's first topic). Decodes logs and builds topics
 * for log filters.
 */
public final class AbiEvent {
  /** One parameter; {@code indexed} ones are topics, the others are in the log's data. */
  public record Param(AbiType type, boolean indexed) {
    public Param {
      Objects.requireNonNull(type, "type");
    }
  }

  private static final Pattern WHITESPACE = Pattern.compile("\\s+");

  private final String name;
  private final List<Param> params;
  private final Bytes32 topic;
  private final List<AbiType> dataTypes;

  public AbiEvent(String name, List<Param> params) {
    this.name = Objects.requireNonNull(name, "name");
    this.params = List.copyOf(params);
    List<AbiType> data = new ArrayList<>();
    int indexed = 0;
    for (Param p : this.params) {
      if (p.indexed()) indexed++;
      else data.add(p.type());
    }
    if (indexed > 3)
      throw new AbiException("event " + name + " has more than 3 indexed parameters");
    this.dataTypes = List.copyOf(data);
    this.topic = Keccak.hash(signature().getBytes(StandardCharsets.US_ASCII));
  }

  /**
   * Parses {@code Name(T1 [indexed] [name], ...)}, such as {@code "Transfer(address indexed from,
   * address indexed to, uint256 value)"}.
   */
  public static AbiEvent parse(String declaration) {
    String d = declaration.strip();
    int open = d.indexOf('(');
    if (open <= 0 || !d.endsWith(")"))
      throw new AbiException("bad event '" + declaration + "': Name(params) expected");
    List<Param> params = new ArrayList<>();
    String inner = d.substring(open + 1, d.length() - 1).strip();
    if (!inner.isEmpty()) {
      for (String part : splitTopLevel(inner)) {
        String[] words = WHITESPACE.split(part.strip(), -1);
        if (words.length > 3
            || (words.length > 1 && words.length == 3 && !words[1].equals("indexed")))
          throw new AbiException("bad event parameter '" + part.strip() + "'");
        boolean indexed = words.length > 1 && words[1].equals("indexed");
        params.add(new Param(AbiType.parse(words[0]), indexed));
      }
    }
    return new AbiEvent(d.substring(0, open), params);
  }

  private static List<String> splitTopLevel(String s) {
    List<String> out = new ArrayList<>();
    int depth = 0, start = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '(') depth++;
      else if (c == ')') depth--;
      else if (c == ',' && depth == 0) {
        out.add(s.substring(start, i));
        start = i + 1;
      }
    }
    out.add(s.substring(start));
    return out;
  }

  public String name() {
    return name;
  }

  public List<Param> params() {
    return params;
  }

  /** {@code Name(T1,...,Tn)}, without {@code indexed} or names. */
  public String signature() {
    List<AbiType> types = new ArrayList<>();
    for (Param p : params) types.add(p.type());
    return name + AbiType.canonical(types);
  }

  /** The event's topic: keccak-256 of {@link #signature()}. */
  public Bytes32 topic() {
    return topic;
  }

  /**
   * The topic that indexed parameter {@code i} (its position among all parameters) has when its
   * value is {@code value}: the value's word, or for a dynamic type the keccak-256 of its bytes.
   */
  public Bytes32 topicOf(int i, Object value) {
    Param p = params.get(i);
    if (!p.indexed()) throw new AbiException("parameter " + i + " of " + name + " is not indexed");
    return switch (p.type()) {
      case AbiType.Simple s when s == AbiType.Simple.STRING && value instanceof String str ->
          Keccak.hash(str.getBytes(StandardCharsets.UTF_8));
      case AbiType.Simple s when s == AbiType.Simple.BYTES && value instanceof Bytes b ->
          Keccak.hash(b);
      default -> {
        if (p.type().dynamic())
          throw new AbiException(
              "topics of indexed " + p.type().canonical() + " values are not supported");
        yield AbiCodec.word(p.type(), value);
      }
    };
  }

  /**
   * The values of a log of this event, in declaration order. An indexed parameter of a dynamic type
   * comes back as the {@code Bytes32} hash its topic holds.
   */
  public AbiValues decode(List<Bytes32> topics, Bytes data) {
    long indexed = params.stream().filter(Param::indexed).count();
    if (topics.size() != indexed + 1 || !topics.get(0).equals(topic)) {
      throw new AbiException(
          "not a " + signature() + " log: " + topics.size() + " topics, first " + first(topics));
    }
    AbiValues fromData = AbiCodec.decode(dataTypes, data);
    List<Object> out = new ArrayList<>(params.size());
    int t = 1, d = 0;
    for (Param p : params) {
      if (!p.indexed()) out.add(fromData.get(d++));
      else if (p.type().dynamic()) out.add(topics.get(t++));
      else out.add(AbiCodec.decode(List.of(p.type()), topics.get(t++)).get(0));
    }
    return new AbiValues(out);
  }

  private static String first(List<Bytes32> topics) {
    return topics.isEmpty() ? "none" : topics.get(0).toHex();
  }

  @Override
  public String toString() {
    return signature();
  }
}
