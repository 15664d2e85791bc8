package io.levity.cli.trace;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How HardhatTraceAgreementIT compares two struct-logger traces: gas used, failure and return
 * value, then pc, op, gas, gasCost, depth, stack, memory and storage step for step, with numbers
 * compared as numbers (Hardhat pads words and leaves out 0x). Where Hardhat differs from geth's
 * rules (the cost and storage of a step that halts its frame; a storage map showing another frame's
 * slot after a call returns) the difference is noted, not counted.
 */
final class StructLogDiff {
  private StructLogDiff() {}

  /** The differences that count (at most about ten); {@code notes} gets the noted ones. */
  static List<String> diff(JsonNode ours, JsonNode theirs, List<String> notes) {
    List<String> out = new ArrayList<>();
    if (ours.get("gas").asLong() != theirs.get("gas").asLong())
      out.add("gas used " + ours.get("gas") + " vs " + theirs.get("gas"));
    if (ours.get("failed").asBoolean() != theirs.get("failed").asBoolean())
      out.add("failed " + ours.get("failed") + " vs " + theirs.get("failed"));
    if (!num(ours.get("returnValue").asText()).equals(num(theirs.get("returnValue").asText())))
      out.add("returnValue " + ours.get("returnValue") + " vs " + theirs.get("returnValue"));
    JsonNode a = ours.get("structLogs");
    JsonNode b = theirs.get("structLogs");
    if (a.size() != b.size()) out.add("steps " + a.size() + " vs " + b.size());
    for (int i = 0; i < Math.min(a.size(), b.size()) && out.size() < 10; i++) {
      JsonNode x = a.get(i);
      JsonNode y = b.get(i);
      String at = "step " + i + " (" + y.path("op").asText() + " pc " + y.path("pc") + ")";
      // On the step that halts a frame, geth reports the cost the operation attempted and the
      // SSTORE it attempted; Hardhat (EDR) differs there (see the class comment): noted apart.
      boolean halts = x.has("error");
      for (String f : List.of("pc", "op", "gas", "gasCost", "depth")) {
        if (!x.get(f).asText().equals(y.get(f).asText())) {
          String d = at + " " + f + " " + x.get(f) + " vs " + y.get(f);
          if (halts && f.equals("gasCost")) notes.add("halting " + d);
          else out.add(d);
        }
      }
      if (!words(x.get("stack")).equals(words(y.get("stack")))) out.add(at + " stack differs");
      if (!words(x.get("memory")).equals(words(y.get("memory")))) out.add(at + " memory differs");
      String op = y.path("op").asText();
      if ((op.equals("SLOAD") || op.equals("SSTORE"))
          && !storage(x.get("storage")).equals(storage(y.get("storage")))) {
        String d = at + " storage " + x.get("storage") + " vs " + y.get("storage");
        if (halts) notes.add("halting " + d);
        else if (oursMatchesExecution(x, b, i) && !theirsMatchesExecution(y, b, i))
          notes.add("Hardhat's storage map shows another frame's slot: " + d);
        else out.add(d);
      }
    }
    return out;
  }

  /**
   * The value the step really read or wrote: for SSTORE the second stack word, for SLOAD the word
   * on top of the next step's stack (both traces agree on stacks).
   */
  private static BigInteger executed(JsonNode step, JsonNode theirs, int i) {
    List<BigInteger> stack = words(step.get("stack"));
    if (step.get("op").asText().equals("SSTORE")) return stack.get(stack.size() - 2);
    if (i + 1 >= theirs.size()) return null;
    List<BigInteger> next = words(theirs.get(i + 1).get("stack"));
    return next.isEmpty() ? null : next.get(next.size() - 1);
  }

  private static boolean slotMatches(JsonNode theirs, int i, JsonNode storage) {
    List<BigInteger> stack = words(theirs.get(i).get("stack"));
    BigInteger value = executed(theirs.get(i), theirs, i);
    return value != null && value.equals(storage(storage).get(stack.get(stack.size() - 1)));
  }

  private static boolean oursMatchesExecution(JsonNode ours, JsonNode theirs, int i) {
    return slotMatches(theirs, i, ours.get("storage"));
  }

  private static boolean theirsMatchesExecution(JsonNode step, JsonNode theirs, int i) {
    return slotMatches(theirs, i, step.get("storage"));
  }

  private static List<BigInteger> words(JsonNode n) {
    List<BigInteger> out = new ArrayList<>();
    if (n != null) for (JsonNode w : n) out.add(num(w.asText()));
    return out;
  }

  private static Map<BigInteger, BigInteger> storage(JsonNode n) {
    Map<BigInteger, BigInteger> out = new TreeMap<>();
    if (n != null)
      n.properties().forEach(e -> out.put(num(e.getKey()), num(e.getValue().asText())));
    return out;
  }

  private static BigInteger num(String s) {
    String h = s.startsWith("0x") ? s.substring(2) : s;
    return h.isEmpty() ? BigInteger.ZERO : new BigInteger(h, 16);
  }
}
