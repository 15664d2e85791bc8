package io.levity.ai.model;

import io.levity.ai.safetensors.SafetensorsReader;
import io.levity.ai.tensor.Kernels;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A decoder-only transformer on the deterministic kernels: pre-norm blocks (norm, attention,
 * residual; norm, MLP, residual), a final norm and the LM head. One code path serves a whole prompt
 * and a single decoding step: each row of a batch goes through the same dot products, and attention
 * reads earlier positions from the {@link KvCache}, so feeding tokens one at a time gives the bits
 * of feeding them at once. Not thread-safe; the kernels bring their own threads.
 */
public final class Transformer {
  private final ModelConfig c;
  private final ModelWeights w;
  private final Kernels k;
  private final Rope rope;

  public Transformer(ModelWeights weights, Kernels kernels) {
    this.c = weights.config();
    this.w = weights;
    this.k = kernels;
    this.rope = c.positions() == ModelConfig.Positions.ROTARY ? new Rope(c) : null;
  }

  /** Loads a model from a safetensors file with this runtime's weight names (docs/ai.md). */
  public static Transformer load(ModelConfig config, Path file, Kernels kernels)
      throws IOException {
    return new Transformer(ModelWeights.from(config, SafetensorsReader.read(file)), kernels);
  }

  public ModelConfig config() {
    return c;
  }

  /** A fresh, empty cache for this model. */
  public KvCache newCache() {
    return new KvCache(c);
  }

  /**
   * Runs tokens at the cache's next positions and appends them to it; returns the logits of every
   * one, [tokens.length][vocabSize].
   */
  public float[] forward(int[] tokens, KvCache cache) {
    int n = tokens.length;
    int d = c.dim();
    int start = cache.length();
    for (int t : tokens) {
      if (t < 0 || t >= c.vocabSize()) {
        throw new IllegalArgumentException(
            "token " + t + " is outside the vocabulary [0, " + c.vocabSize() + ")");
      }
    }
    cache.advance(n);
    float[] x = embed(tokens, start);
    for (int layer = 0; layer < c.layers(); layer++) {
      String l = "layers." + layer + ".";
      float[] xn = norm(x, n, l + "attn_norm");
      float[] q = linear(xn, n, l + "attn.q", d, d);
      float[] keys = linear(xn, n, l + "attn.k", c.kvDim(), d);
      float[] values = linear(xn, n, l + "attn.v", c.kvDim(), d);
      if (rope != null) {
        for (int t = 0; t < n; t++) {
          rope.apply(q, t * d, c.heads(), start + t);
          rope.apply(keys, t * c.kvDim(), c.kvHeads(), start + t);
        }
      }
      System.arraycopy(keys, 0, cache.keys[layer], start * c.kvDim(), n * c.kvDim());
      System.arraycopy(values, 0, cache.values[layer], start * c.kvDim(), n * c.kvDim());
      float[] attended = attention(q, n, start, cache, layer);
      k.add(x, linear(attended, n, l + "attn.o", d, d), x);
      k.add(x, mlp(norm(x, n, l + "mlp_norm"), n, l), x);
    }
    return linear(norm(x, n, "final_norm"), n, "lm_head", c.vocabSize(), d);
  }

  private float[] embed(int[] tokens, int start) {
    int d = c.dim();
    float[] x = new float[tokens.length * d];
    float[] table = w.get("embed.tokens");
    for (int t = 0; t < tokens.length; t++) System.arraycopy(table, tokens[t] * d, x, t * d, d);
    if (c.positions() == ModelConfig.Positions.LEARNED) {
      float[] positions = w.get("embed.positions");
      for (int t = 0; t < tokens.length; t++) {
        for (int i = 0; i < d; i++) x[t * d + i] += positions[(start + t) * d + i];
      }
    }
    return x;
  }

  private float[] norm(float[] x, int n, String name) {
    int d = c.dim();
    float[] out = new float[n * d];
    float[] row = new float[d];
    float[] normed = new float[d];
    float[] gain = w.get(name + ".weight");
    for (int t = 0; t < n; t++) {
      System.arraycopy(x, t * d, row, 0, d);
      if (c.norm() == ModelConfig.Norm.LAYER)
        k.layerNorm(row, gain, w.get(name + ".bias"), c.normEps(), normed);
      else k.rmsNorm(row, gain, c.normEps(), normed);
      System.arraycopy(normed, 0, out, t * d, d);
    }
    return out;
  }

  /** y = x W^T (+ b): x [n][in], W [out][in]; the LM head never has a bias. */
  private float[] linear(float[] x, int n, String name, int out, int in) {
    float[] y = new float[n * out];
    k.matmul(x, n, w.get(name + ".weight"), out, in, y);
    if (c.bias() && !name.equals("lm_head")) {
      float[] b = w.get(name + ".bias");
      for (int t = 0; t < n; t++) {
        for (int j = 0; j < out; j++) y[t * out + j] += b[j];
      }
    }
    return y;
  }

  /** Causal attention of each new row over the cache's positions 0..its own, in position order. */
  private float[] attention(float[] q, int n, int start, KvCache cache, int layer) {
    int d = c.dim();
    int hd = c.headDim();
    int kvDim = c.kvDim();
    int group = c.heads() / c.kvHeads();
    float scale = (float) (1.0 / Math.sqrt(hd));
    float[] keys = cache.keys[layer];
    float[] values = cache.values[layer];
    float[] out = new float[n * d];
    float[] scores = new float[start + n];
    for (int t = 0; t < n; t++) {
      int pos = start + t;
      for (int h = 0; h < c.heads(); h++) {
        int kvOff = (h / group) * hd;
        int qOff = t * d + h * hd;
        for (int s = 0; s <= pos; s++)
          scores[s] = k.dot(q, qOff, keys, s * kvDim + kvOff, hd) * scale;
        k.softmax(scores, 0, pos + 1);
        for (int s = 0; s <= pos; s++) k.axpy(scores[s], values, s * kvDim + kvOff, out, qOff, hd);
      }
    }
    return out;
  }

  private float[] mlp(float[] xn, int n, String l) {
    int hidden = c.hiddenDim();
    float[] h = linear(xn, n, l + "mlp.up", hidden, c.dim());
    if (c.mlp() == ModelConfig.Mlp.GELU) {
      k.gelu(h);
    } else {
      float[] gate = linear(xn, n, l + "mlp.gate", hidden, c.dim());
      k.silu(gate);
      k.mul(gate, h, h);
    }
    return linear(h, n, l + "mlp.down", c.dim(), hidden);
  }
}
