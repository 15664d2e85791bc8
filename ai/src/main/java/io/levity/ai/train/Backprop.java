package io.levity.ai.train;

import io.levity.ai.model.ModelConfig;
import io.levity.ai.model.Rope;
import io.levity.ai.tensor.Kernels;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The mean next-token cross-entropy of a batch of full sequences and its gradient with respect to
 * every weight: a forward pass that keeps its activations, then the backward pass in reverse. Rows
 * are laid out [batch][seqLen]; row r is position r % seqLen of sequence r / seqLen.
 */
final class Backprop {
  private final ModelConfig c;
  private final int batch;
  private final int seq;
  private final int n;
  private final Kernels k;
  private final LayerMath math;
  private final AttentionMath attention;
  private final Rope rope;

  Backprop(ModelConfig config, int batch, int seqLen, Kernels kernels) {
    this.c = config;
    this.batch = batch;
    this.seq = seqLen;
    this.n = batch * seqLen;
    this.k = kernels;
    this.math = new LayerMath(kernels);
    this.attention = new AttentionMath(config, batch, seqLen, kernels);
    this.rope = config.positions() == ModelConfig.Positions.ROTARY ? new Rope(config) : null;
  }

  /** One block's saved activations. */
  private static final class Block {
    LayerMath.NormSaved attnNorm;
    float[] xn;
    float[] q;
    float[] keys;
    float[] values;
    float[] probs;
    float[] attended;
    float[] mid;
    LayerMath.NormSaved mlpNorm;
    float[] xn2;
    float[] up;
    float[] gate;
    float[] act;
  }

  /** A forward pass: each block's activations, the final norm's, and the logits [rows][vocab]. */
  static final class Forward {
    final List<Block> blocks = new ArrayList<>();
    float[] last;
    LayerMath.NormSaved finalNorm;
    float[] xf;
    float[] logits;
  }

  /** Runs the model over inputs [batch][seqLen], keeping what the backward needs. */
  Forward forward(Map<String, float[]> w, int[] inputs) {
    int d = c.dim();
    Forward f = new Forward();
    float[] x = new float[n * d];
    float[] table = w.get("embed.tokens");
    for (int r = 0; r < n; r++) System.arraycopy(table, inputs[r] * d, x, r * d, d);
    if (c.positions() == ModelConfig.Positions.LEARNED) {
      float[] positions = w.get("embed.positions");
      for (int r = 0; r < n; r++) {
        for (int i = 0; i < d; i++) x[r * d + i] += positions[(r % seq) * d + i];
      }
    }
    for (int layer = 0; layer < c.layers(); layer++) {
      String l = "layers." + layer + ".";
      Block b = new Block();
      b.attnNorm = newNorm();
      b.xn = norm(w, x, l + "attn_norm", b.attnNorm);
      b.q = linear(w, b.xn, l + "attn.q", d, d);
      b.keys = linear(w, b.xn, l + "attn.k", c.kvDim(), d);
      b.values = linear(w, b.xn, l + "attn.v", c.kvDim(), d);
      if (rope != null) {
        for (int r = 0; r < n; r++) {
          rope.apply(b.q, r * d, c.heads(), r % seq);
          rope.apply(b.keys, r * c.kvDim(), c.kvHeads(), r % seq);
        }
      }
      b.probs = attention.newProbs();
      b.attended = attention.forward(b.q, b.keys, b.values, b.probs);
      b.mid = x.clone();
      k.add(b.mid, linear(w, b.attended, l + "attn.o", d, d), b.mid);
      b.mlpNorm = newNorm();
      b.xn2 = norm(w, b.mid, l + "mlp_norm", b.mlpNorm);
      b.up = linear(w, b.xn2, l + "mlp.up", c.hiddenDim(), d);
      if (c.mlp() == ModelConfig.Mlp.GELU) {
        b.act = math.gelu(b.up);
      } else {
        b.gate = linear(w, b.xn2, l + "mlp.gate", c.hiddenDim(), d);
        b.act = math.swiglu(b.gate, b.up);
      }
      x = b.mid.clone();
      k.add(x, linear(w, b.act, l + "mlp.down", d, c.hiddenDim()), x);
      f.blocks.add(b);
    }
    f.last = x;
    f.finalNorm = newNorm();
    f.xf = norm(w, x, "final_norm", f.finalNorm);
    f.logits = math.linear(f.xf, n, w.get("lm_head.weight"), null, c.vocabSize(), d);
    return f;
  }

  /**
   * The mean cross-entropy of predicting targets from inputs (both [batch][seqLen]); puts the
   * gradient of every weight into grads, a fresh array per name.
   */
  float lossAndGradients(
      Map<String, float[]> w, int[] inputs, int[] targets, Map<String, float[]> grads) {
    int d = c.dim();
    Forward f = forward(w, inputs);
    float[] dLogits = new float[n * c.vocabSize()];
    float loss = CrossEntropy.lossAndGradient(k, f.logits, targets, c.vocabSize(), dLogits);
    float[] dxf =
        math.linearBackward(
            f.xf,
            dLogits,
            n,
            w.get("lm_head.weight"),
            c.vocabSize(),
            d,
            grad(w, grads, "lm_head.weight"),
            null);
    float[] dx = normBackward(w, grads, dxf, "final_norm", f.finalNorm);
    for (int layer = c.layers() - 1; layer >= 0; layer--) {
      String l = "layers." + layer + ".";
      Block b = f.blocks.get(layer);
      float[] dAct = linearBackward(w, grads, b.act, dx, l + "mlp.down", d, c.hiddenDim());
      float[] dXn2;
      if (c.mlp() == ModelConfig.Mlp.GELU) {
        dXn2 =
            linearBackward(
                w, grads, b.xn2, math.geluBackward(b.up, dAct), l + "mlp.up", c.hiddenDim(), d);
      } else {
        float[] dGate = new float[dAct.length];
        float[] dUp = new float[dAct.length];
        math.swigluBackward(b.gate, b.up, dAct, dGate, dUp);
        dXn2 = linearBackward(w, grads, b.xn2, dUp, l + "mlp.up", c.hiddenDim(), d);
        k.add(dXn2, linearBackward(w, grads, b.xn2, dGate, l + "mlp.gate", c.hiddenDim(), d), dXn2);
      }
      k.add(dx, normBackward(w, grads, dXn2, l + "mlp_norm", b.mlpNorm), dx);
      float[] dAttended = linearBackward(w, grads, b.attended, dx, l + "attn.o", d, d);
      float[] dq = new float[n * d];
      float[] dKeys = new float[n * c.kvDim()];
      float[] dValues = new float[n * c.kvDim()];
      attention.backward(b.q, b.keys, b.values, b.probs, dAttended, dq, dKeys, dValues);
      if (rope != null) {
        for (int r = 0; r < n; r++) {
          rope.applyTranspose(dq, r * d, c.heads(), r % seq);
          rope.applyTranspose(dKeys, r * c.kvDim(), c.kvHeads(), r % seq);
        }
      }
      float[] dXn = linearBackward(w, grads, b.xn, dq, l + "attn.q", d, d);
      k.add(dXn, linearBackward(w, grads, b.xn, dKeys, l + "attn.k", c.kvDim(), d), dXn);
      k.add(dXn, linearBackward(w, grads, b.xn, dValues, l + "attn.v", c.kvDim(), d), dXn);
      k.add(dx, normBackward(w, grads, dXn, l + "attn_norm", b.attnNorm), dx);
    }
    embeddingBackward(w, grads, inputs, dx);
    return loss;
  }

  /** Adds each row's gradient to its token's (and position's) row, rows in increasing order. */
  private void embeddingBackward(
      Map<String, float[]> w, Map<String, float[]> grads, int[] inputs, float[] dx) {
    int d = c.dim();
    float[] dTokens = grad(w, grads, "embed.tokens");
    for (int r = 0; r < n; r++) {
      int base = inputs[r] * d;
      for (int i = 0; i < d; i++) dTokens[base + i] += dx[r * d + i];
    }
    if (c.positions() == ModelConfig.Positions.LEARNED) {
      float[] dPositions = grad(w, grads, "embed.positions");
      for (int r = 0; r < n; r++) {
        int base = (r % seq) * d;
        for (int i = 0; i < d; i++) dPositions[base + i] += dx[r * d + i];
      }
    }
  }

  private LayerMath.NormSaved newNorm() {
    return new LayerMath.NormSaved(new float[n * c.dim()], new float[n]);
  }

  private float[] norm(Map<String, float[]> w, float[] x, String name, LayerMath.NormSaved saved) {
    float[] bias = c.norm() == ModelConfig.Norm.LAYER ? w.get(name + ".bias") : null;
    return math.norm(x, n, c.dim(), w.get(name + ".weight"), bias, c.normEps(), saved);
  }

  private float[] normBackward(
      Map<String, float[]> w,
      Map<String, float[]> grads,
      float[] dy,
      String name,
      LayerMath.NormSaved saved) {
    float[] dBias = c.norm() == ModelConfig.Norm.LAYER ? grad(w, grads, name + ".bias") : null;
    return math.normBackward(
        dy, n, c.dim(), w.get(name + ".weight"), saved, grad(w, grads, name + ".weight"), dBias);
  }

  private float[] linear(Map<String, float[]> w, float[] x, String name, int out, int in) {
    float[] bias = c.bias() ? w.get(name + ".bias") : null;
    return math.linear(x, n, w.get(name + ".weight"), bias, out, in);
  }

  private float[] linearBackward(
      Map<String, float[]> w,
      Map<String, float[]> grads,
      float[] x,
      float[] dy,
      String name,
      int out,
      int in) {
    float[] db = c.bias() ? grad(w, grads, name + ".bias") : null;
    return math.linearBackward(
        x, dy, n, w.get(name + ".weight"), out, in, grad(w, grads, name + ".weight"), db);
  }

  /** A fresh zero gradient of the weight's size, registered under its name. */
  private static float[] grad(Map<String, float[]> w, Map<String, float[]> grads, String name) {
    float[] g = new float[w.get(name).length];
    grads.put(name, g);
    return g;
  }

  int rows() {
    return n;
  }

  int batch() {
    return batch;
  }
}
