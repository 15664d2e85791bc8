package io.levity.evm.trace;

import io.levity.core.bytes.Hex;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.function.Consumer;

/**
 * Writes EIP-3155 JSON lines: one per operation, {@code
 * {"pc":0,"op":96,"gas":"0x2540be400","gasCost":"0x3","memSize":0,"stack":[],"depth":1,"refund":0,
 * "opName":"PUSH1"}} (with {@code "returnData"} after the stack when it is not empty and {@code
 * "error"} at the end when the operation failed), and a summary line {@code
 * {"output":"..","gasUsed":"0x..","error":".."}}. Field order and number formats follow
 * go-ethereum's implementation of the EIP, so traces can be diffed.
 */
public final class Eip3155Tracer implements Tracer {
  private final Consumer<String> out;
  private final StringBuilder line = new StringBuilder(256);
  private String prefix; // pc and op
  private String suffix; // memSize .. opName
  private long gasBefore;

  /** Writes each line to {@code out}. */
  public Eip3155Tracer(Consumer<String> out) {
    this.out = out;
  }

  public Eip3155Tracer(PrintStream out) {
    this((Consumer<String>) out::println);
  }

  public Eip3155Tracer(PrintWriter out) {
    this(
        (Consumer<String>)
            line -> {
              out.println(line);
              out.flush();
            });
  }

  @Override
  public void beforeOp(StepView s) {
    gasBefore = s.gas();
    prefix = "{\"pc\":" + s.pc() + ",\"op\":" + s.opcode();
    StringBuilder b = new StringBuilder(128);
    b.append(",\"memSize\":").append(s.memorySize()).append(",\"stack\":[");
    int n = s.stackSize();
    for (int i = 0; i < n; i++) {
      if (i > 0) b.append(',');
      b.append('"').append(wordHex(s, i)).append('"');
    }
    b.append(']');
    byte[] rd = s.returnData();
    if (rd.length > 0) b.append(",\"returnData\":\"").append(Hex.encode(rd)).append('"');
    b.append(",\"depth\":").append(s.depth());
    b.append(",\"refund\":").append(s.refund());
    b.append(",\"opName\":\"").append(s.opName()).append('"');
    suffix = b.toString();
  }

  @Override
  public void afterOp(long gasCost, String error) {
    line.setLength(0);
    line.append(prefix)
        .append(",\"gas\":\"0x")
        .append(Long.toHexString(gasBefore))
        .append("\",\"gasCost\":\"0x")
        .append(Long.toHexString(gasCost))
        .append('"')
        .append(suffix);
    if (error != null) line.append(",\"error\":\"").append(escape(error)).append('"');
    line.append('}');
    out.accept(line.toString());
  }

  @Override
  public void end(byte[] output, long gasUsed, String error) {
    StringBuilder b = new StringBuilder();
    b.append("{\"output\":\"")
        .append(Hex.encodeBare(output))
        .append("\",\"gasUsed\":\"0x")
        .append(Long.toHexString(gasUsed))
        .append('"');
    if (error != null) b.append(",\"error\":\"").append(escape(error)).append('"');
    b.append('}');
    out.accept(b.toString());
  }

  /** Minimal hex of a stack word: "0x0", "0x40", ... */
  static String wordHex(StepView s, int index) {
    StringBuilder b = new StringBuilder(66).append("0x");
    boolean started = false;
    for (int limb = 3; limb >= 0; limb--) {
      long v = s.stackLimb(index, limb);
      if (!started) {
        if (v == 0) continue;
        b.append(Long.toHexString(v));
        started = true;
      } else {
        String h = Long.toHexString(v);
        for (int k = h.length(); k < 16; k++) b.append('0');
        b.append(h);
      }
    }
    if (!started) b.append('0');
    return b.toString();
  }

  private static String escape(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"");
  }
}
