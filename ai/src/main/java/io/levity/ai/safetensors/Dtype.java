package io.levity.ai.safetensors;

import java.nio.ByteBuffer;

/** The element types this runtime reads, with their size and their conversion to float32. */
enum Dtype {
  F32(4),
  F16(2),
  BF16(2);

  final int bytes;

  Dtype(int bytes) {
    this.bytes = bytes;
  }

  /** Reads count elements from a little-endian buffer into float32 (exact for all three). */
  void decode(ByteBuffer in, float[] out) {
    switch (this) {
      case F32 -> in.asFloatBuffer().get(out);
      case F16 -> {
        for (int i = 0; i < out.length; i++) out[i] = Float.float16ToFloat(in.getShort());
      }
      case BF16 -> {
        for (int i = 0; i < out.length; i++)
          out[i] = Float.intBitsToFloat((in.getShort() & 0xffff) << 16);
      }
    }
  }

  static Dtype parse(String name, String tensor) throws SafetensorsException {
    for (Dtype d : values()) if (d.name().equals(name)) return d;
    throw new SafetensorsException(
        "tensor '" + tensor + "': dtype " + name + " is not supported (F32, F16 and BF16 are)");
  }
}
