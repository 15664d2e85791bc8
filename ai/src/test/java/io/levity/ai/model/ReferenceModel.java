package io.levity.ai.model;

/**
 * The transformer written again from its equations, in double precision, with naive loops and
 * {@link Math}: no code shared with {@link Transformer} but the weight names. A full causal
 * recompute, no cache. Public for the trainer's gradient check.
 */
public final class ReferenceModel {
  private ReferenceModel() {}

  /** The logits [tokens][vocab] of a full causal pass from position 0. */
  public static double[] logits(ModelWeights w, int[] tokens) {
    ModelConfig c = w.config();
    int n = tokens.length;
    int d = c.dim();
    double[][] x = new double[n][d];
    for (int t = 0; t < n; t++) {
      for (int i = 0; i < d; i++) {
        x[t][i] = w.get("embed.tokens")[tokens[t] * d + i];
        if (c.positions() == ModelConfig.Positions.LEARNED)
          x[t][i] += w.get("embed.positions")[t * d + i];
      }
    }
    for (int layer = 0; layer < c.layers(); layer++) {
      String l = "layers." + layer + ".";
      double[][] q = new double[n][];
      double[][] k = new double[n][];
      double[][] v = new double[n][];
      for (int t = 0; t < n; t++) {
        double[] xn = norm(w, l + "attn_norm", x[t]);
        q[t] = rotate(c, linear(w, l + "attn.q", xn), t);
        k[t] = rotate(c, linear(w, l + "attn.k", xn), t);
        v[t] = linear(w, l + "attn.v", xn);
      }
      int hd = c.headDim();
      for (int t = 0; t < n; t++) {
        double[] att = new double[d];
        for (int h = 0; h < c.heads(); h++) {
          int g = h / (c.heads() / c.kvHeads());
          double[] p = new double[t + 1];
          double max = Double.NEGATIVE_INFINITY;
          for (int s = 0; s <= t; s++) {
            for (int i = 0; i < hd; i++) p[s] += q[t][h * hd + i] * k[s][g * hd + i];
            p[s] /= Math.sqrt(hd);
            max = Math.max(max, p[s]);
          }
          double total = 0;
          for (int s = 0; s <= t; s++) {
            p[s] = Math.exp(p[s] - max);
            total += p[s];
          }
          for (int s = 0; s <= t; s++) {
            for (int i = 0; i < hd; i++) att[h * hd + i] += p[s] / total * v[s][g * hd + i];
          }
        }
        add(x[t], linear(w, l + "attn.o", att));
      }
      for (int t = 0; t < n; t++) add(x[t], mlp(w, l, norm(w, l + "mlp_norm", x[t])));
    }
    double[] out = new double[n * c.vocabSize()];
    for (int t = 0; t < n; t++) {
      double[] row = linear(w, "lm_head", norm(w, "final_norm", x[t]));
      System.arraycopy(row, 0, out, t * c.vocabSize(), row.length);
    }
    return out;
  }

  private static void add(double[] x, double[] y) {
    for (int i = 0; i < x.length; i++) x[i] += y[i];
  }

  private static double[] mlp(ModelWeights w, String l, double[] xn) {
    double[] up = linear(w, l + "mlp.up", xn);
    if (w.config().mlp() == ModelConfig.Mlp.GELU) {
      for (int i = 0; i < up.length; i++) {
        double z = up[i];
        up[i] = 0.5 * z * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (z + 0.044715 * z * z * z)));
      }
    } else {
      double[] gate = linear(w, l + "mlp.gate", xn);
      for (int i = 0; i < up.length; i++) up[i] *= gate[i] / (1 + Math.exp(-gate[i]));
    }
    return linear(w, l + "mlp.down", up);
  }

  private static double[] norm(ModelWeights w, String name, double[] x) {
    ModelConfig c = w.config();
    int d = x.length;
    double mean = 0;
    for (double v : x) mean += v / d;
    boolean layer = c.norm() == ModelConfig.Norm.LAYER;
    double center = layer ? mean : 0;
    double var = 0;
    for (double v : x) var += (v - center) * (v - center) / d;
    double[] out = new double[d];
    for (int i = 0; i < d; i++) {
      out[i] = (x[i] - center) / Math.sqrt(var + c.normEps()) * w.get(name + ".weight")[i];
      if (layer) out[i] += w.get(name + ".bias")[i];
    }
    return out;
  }

  private static double[] linear(ModelWeights w, String name, double[] x) {
    float[] m = w.get(name + ".weight");
    int out = m.length / x.length;
    double[] y = new double[out];
    for (int r = 0; r < out; r++) {
      for (int i = 0; i < x.length; i++) y[r] += m[r * x.length + i] * x[i];
      if (w.config().bias() && !name.equals("lm_head")) y[r] += w.get(name + ".bias")[r];
    }
    return y;
  }

  /** Rotary positions, rotate-half pairing, per head. */
  private static double[] rotate(ModelConfig c, double[] v, int pos) {
    if (c.positions() != ModelConfig.Positions.ROTARY) return v;
    int hd = c.headDim();
    int half = hd / 2;
    double[] out = v.clone();
    for (int base = 0; base < v.length; base += hd) {
      for (int i = 0; i < half; i++) {
        double angle = pos / Math.pow(c.ropeTheta(), 2.0 * i / hd);
        out[base + i] = v[base + i] * Math.cos(angle) - v[base + i + half] * Math.sin(angle);
        out[base + i + half] = v[base + i] * Math.sin(angle) + v[base + i + half] * Math.cos(angle);
      }
    }
    return out;
  }
}
