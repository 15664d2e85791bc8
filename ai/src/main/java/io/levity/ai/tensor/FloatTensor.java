package io.levity.ai.tensor;

import java.util.Arrays;

/**
 * A float32 tensor: a flat row-major array and its shape. The array is shared, not copied, so a
 * model can hand its weights to the kernels without a copy.
 */
public final class FloatTensor {
  private final int[] shape;
  private final float[] data;

  /** Wraps data (not copied) with a copy of shape; throws when their sizes differ. */
  public FloatTensor(int[] shape, float[] data) {
    this.shape = shape.clone();
    long count = elementCount(shape);
    if (count != data.length) {
      throw new IllegalArgumentException(
          "shape " + Arrays.toString(shape) + " holds " + count + " floats, not " + data.length);
    }
    this.data = data;
  }

  /** The flat row-major values, shared with the tensor. */
  public float[] data() {
    return data;
  }

  /** A tensor of zeros. */
  public static FloatTensor zeros(int... shape) {
    long count = elementCount(shape);
    if (count > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " is too large");
    }
    return new FloatTensor(shape, new float[(int) count]);
  }

  /** The number of elements of a shape; throws on a negative dimension. */
  public static long elementCount(int[] shape) {
    long count = 1;
    for (int d : shape) {
      if (d < 0)
        throw new IllegalArgumentException("negative dimension in " + Arrays.toString(shape));
      count = Math.multiplyExact(count, d);
    }
    return count;
  }

  public int[] shape() {
    return shape.clone();
  }

  /** Size of dimension i. */
  public int dim(int i) {
    return shape[i];
  }

  public int rank() {
    return shape.length;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FloatTensor t
        && Arrays.equals(shape, t.shape)
        && Arrays.equals(data, t.data);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(shape) + Arrays.hashCode(data);
  }

  @Override
  public String toString() {
    return "FloatTensor" + Arrays.toString(shape);
  }
}
