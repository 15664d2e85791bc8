package io.levity.evm;

import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Hex;
import io.levity.evm.fork.EvmSpecs;
import io.levity.evm.fork.OperationTable;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.util.Arrays;

/** A tiny assembler for tests: mnemonics by name, pushes sized to the value. */
final class Asm {
  private static final OperationTable OPS = EvmSpecs.cancun().operations();
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  static int opcode(String name) {
    for (int i = 0; i < 256; i++) if (OPS.isDefined(i) && OPS.name(i).equals(name)) return i;
    throw new IllegalArgumentException("no opcode " + name);
  }

  Asm op(String... names) {
    for (String n : names) out.write(opcode(n));
    return this;
  }

  /** Pushes each value in turn, the last on top. */
  Asm push(long... values) {
    for (long v : values) push(BigInteger.valueOf(v));
    return this;
  }

  /** Pushes each value in turn, the last on top. */
  Asm push(BigInteger... values) {
    for (BigInteger v : values) {
      byte[] b = v.signum() == 0 ? new byte[] {0} : v.toByteArray();
      if (b.length > 1 && b[0] == 0) b = Arrays.copyOfRange(b, 1, b.length);
      out.write(0x5f + b.length);
      out.writeBytes(b);
    }
    return this;
  }

  Asm push(Bytes b) {
    out.write(0x5f + b.size());
    out.writeBytes(b.unsafeArray());
    return this;
  }

  Asm raw(String hex) {
    out.writeBytes(Hex.decode(hex));
    return this;
  }

  Asm raw(Bytes b) {
    out.writeBytes(b.unsafeArray());
    return this;
  }

  /**
   * Pushes the arguments of a call and the call itself. {@code gas < 0} means "all available" (GAS
   * opcode). The value is ignored for DELEGATECALL and STATICCALL.
   */
  Asm call(
      String op,
      Address to,
      long value,
      long argsOff,
      long argsLen,
      long retOff,
      long retLen,
      long gas) {
    push(retLen).push(retOff).push(argsLen).push(argsOff);
    if (op.equals("CALL") || op.equals("CALLCODE")) push(value);
    push(to);
    if (gas < 0) op("GAS");
    else push(gas);
    return op(op);
  }

  /**
   * Writes {@code data} to memory from offset 0, 32 bytes at a time (the last chunk zero-padded).
   */
  Asm mem(Bytes data) {
    for (int off = 0; off < data.size(); off += 32) {
      byte[] chunk = new byte[32];
      System.arraycopy(data.unsafeArray(), off, chunk, 0, Math.min(32, data.size() - off));
      push(Bytes.wrap(chunk)).push(off).op("MSTORE");
    }
    return this;
  }

  /**
   * CREATE of {@code initcode} (written to memory at 0) with {@code value}; leaves the address on
   * the stack.
   */
  Asm create(Bytes initcode, long value) {
    return mem(initcode).push(initcode.size()).push(0).push(value).op("CREATE");
  }

  /** Stores the top of the stack in storage slot {@code slot}. */
  Asm store(long slot) {
    return push(slot).op("SSTORE");
  }

  /** Current byte offset, for jump targets. */
  int here() {
    return out.size();
  }

  int size() {
    return out.size();
  }

  /** Stores the top of stack at memory 0 and returns the 32-byte word. */
  Asm returnTop() {
    return push(0).op("MSTORE").push(32).push(0).op("RETURN");
  }

  Bytes build() {
    return Bytes.wrap(out.toByteArray());
  }

  /** Initcode that deploys {@code runtime}: CODECOPY it to memory and RETURN it. */
  static Bytes deployer(Bytes runtime) {
    Asm a = new Asm();
    // PUSH2 len, PUSH2 offset (patched below), PUSH1 0, CODECOPY, PUSH2 len, PUSH1 0, RETURN
    int prefix = 3 + 3 + 2 + 1 + 3 + 2 + 1;
    a.out.write(0x61);
    a.out.write(runtime.size() >> 8);
    a.out.write(runtime.size());
    a.out.write(0x61);
    a.out.write(prefix >> 8);
    a.out.write(prefix);
    a.push(0).op("CODECOPY");
    a.out.write(0x61);
    a.out.write(runtime.size() >> 8);
    a.out.write(runtime.size());
    a.push(0).op("RETURN");
    a.raw(runtime);
    return a.build();
  }
}
