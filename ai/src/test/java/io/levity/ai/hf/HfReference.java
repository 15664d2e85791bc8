package io.levity.ai.hf;

import java.util.Map;

/**
 * The two Hugging Face architectures computed straight from their own tensors and equations, in
 * double with naive loops: GPT-2's Conv1D (y = x W + b, W [in][out]) with a fused q|k|v, and
 * Llama's rotary embedding as q cos + rotate_half(q) sin with rotate_half(q) = (-q2, q1). No code
 * or names shared with the importer, so a wrong transpose, split or rotary pairing shows.
 */
final class HfReference {
  /** The shape fields the reference needs. */
  record Shape(
      boolean gpt2,
      int vocab,
      int dim,
      int layers,
      int heads,
      int kvHeads,
      double eps,
      double theta) {}

  private HfReference() {}

  static double[] logits(Shape s, Map<String, float[]> t, int[] tokens) {
    int n = tokens.length;
    int d = s.dim();
    int hd = d / s.heads();
    double[][] x = new double[n][d];
    for (int p = 0; p < n; p++) {
      for (int i = 0; i < d; i++) {
        x[p][i] =
            s.gpt2()
                ? t.get("wte.weight")[tokens[p] * d + i] + t.get("wpe.weight")[p * d + i]
                : t.get("model.embed_tokens.weight")[tokens[p] * d + i];
      }
    }
    for (int l = 0; l < s.layers(); l++) {
      String h = s.gpt2() ? "h." + l + "." : "model.layers." + l + ".";
      double[][] q = new double[n][];
      double[][] k = new double[n][];
      double[][] v = new double[n][];
      for (int p = 0; p < n; p++) {
        if (s.gpt2()) {
          double[] qkv = conv1d(t, h + "attn.c_attn", layerNorm(t, h + "ln_1", x[p], s.eps()));
          q[p] = slice(qkv, 0, d);
          k[p] = slice(qkv, d, d);
          v[p] = slice(qkv, 2 * d, d);
        } else {
          double[] xn = rmsNorm(t, h + "input_layernorm", x[p], s.eps());
          q[p] = rotary(proj(t, h + "self_attn.q_proj", xn), p, hd, s.theta());
          k[p] = rotary(proj(t, h + "self_attn.k_proj", xn), p, hd, s.theta());
          v[p] = proj(t, h + "self_attn.v_proj", xn);
        }
      }
      for (int p = 0; p < n; p++) {
        double[] att = new double[d];
        for (int head = 0; head < s.heads(); head++) {
          int kvHead = head * s.kvHeads() / s.heads();
          double[] w = new double[p + 1];
          double total = 0;
          for (int r = 0; r <= p; r++) {
            double dot = 0;
            for (int i = 0; i < hd; i++) dot += q[p][head * hd + i] * k[r][kvHead * hd + i];
            w[r] = Math.exp(dot / Math.sqrt(hd));
            total += w[r];
          }
          for (int r = 0; r <= p; r++) {
            for (int i = 0; i < hd; i++) att[head * hd + i] += w[r] / total * v[r][kvHead * hd + i];
          }
        }
        double[] o =
            s.gpt2() ? conv1d(t, h + "attn.c_proj", att) : proj(t, h + "self_attn.o_proj", att);
        for (int i = 0; i < d; i++) x[p][i] += o[i];
      }
      for (int p = 0; p < n; p++) {
        double[] m;
        if (s.gpt2()) {
          double[] up = conv1d(t, h + "mlp.c_fc", layerNorm(t, h + "ln_2", x[p], s.eps()));
          for (int i = 0; i < up.length; i++) {
            double z = up[i];
            up[i] = 0.5 * z * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (z + 0.044715 * z * z * z)));
          }
          m = conv1d(t, h + "mlp.c_proj", up);
        } else {
          double[] xn = rmsNorm(t, h + "post_attention_layernorm", x[p], s.eps());
          double[] gate = proj(t, h + "mlp.gate_proj", xn);
          double[] up = proj(t, h + "mlp.up_proj", xn);
          for (int i = 0; i < up.length; i++) up[i] *= gate[i] / (1 + Math.exp(-gate[i]));
          m = proj(t, h + "mlp.down_proj", up);
        }
        for (int i = 0; i < d; i++) x[p][i] += m[i];
      }
    }
    double[] out = new double[n * s.vocab()];
    float[] head =
        t.containsKey("lm_head.weight")
            ? t.get("lm_head.weight")
            : t.get(s.gpt2() ? "wte.weight" : "model.embed_tokens.weight");
    for (int p = 0; p < n; p++) {
      double[] xn =
          s.gpt2() ? layerNorm(t, "ln_f", x[p], s.eps()) : rmsNorm(t, "model.norm", x[p], s.eps());
      for (int token = 0; token < s.vocab(); token++) {
        for (int i = 0; i < d; i++) out[p * s.vocab() + token] += head[token * d + i] * xn[i];
      }
    }
    return out;
  }

  private static double[] slice(double[] a, int from, int len) {
    double[] out = new double[len];
    System.arraycopy(a, from, out, 0, len);
    return out;
  }

  /** Conv1D: weight [in][out]. */
  private static double[] conv1d(Map<String, float[]> t, String name, double[] x) {
    float[] w = t.get(name + ".weight");
    float[] b = t.get(name + ".bias");
    double[] y = new double[b.length];
    for (int j = 0; j < y.length; j++) {
      y[j] = b[j];
      for (int i = 0; i < x.length; i++) y[j] += x[i] * w[i * y.length + j];
    }
    return y;
  }

  /** nn.Linear without bias: weight [out][in]. */
  private static double[] proj(Map<String, float[]> t, String name, double[] x) {
    float[] w = t.get(name + ".weight");
    double[] y = new double[w.length / x.length];
    for (int j = 0; j < y.length; j++) {
      for (int i = 0; i < x.length; i++) y[j] += w[j * x.length + i] * x[i];
    }
    return y;
  }

  private static double[] rotary(double[] v, int pos, int hd, double theta) {
    int half = hd / 2;
    double[] out = new double[v.length];
    for (int base = 0; base < v.length; base += hd) {
      for (int i = 0; i < hd; i++) {
        double angle = pos * Math.pow(theta, -2.0 * (i % half) / hd);
        double rotated = i < half ? -v[base + i + half] : v[base + i - half];
        out[base + i] = v[base + i] * Math.cos(angle) + rotated * Math.sin(angle);
      }
    }
    return out;
  }

  private static double[] layerNorm(Map<String, float[]> t, String name, double[] x, double eps) {
    double mean = 0;
    for (double v : x) mean += v;
    mean /= x.length;
    double var = 0;
    for (double v : x) var += (v - mean) * (v - mean);
    var /= x.length;
    double[] out = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      out[i] =
          (x[i] - mean) / Math.sqrt(var + eps) * t.get(name + ".weight")[i]
              + t.get(name + ".bias")[i];
    }
    return out;
  }

  private static double[] rmsNorm(Map<String, float[]> t, String name, double[] x, double eps) {
    double ms = 0;
    for (double v : x) ms += v * v;
    ms /= x.length;
    double[] out = new double[x.length];
    for (int i = 0; i < x.length; i++)
      out[i] = x[i] / Math.sqrt(ms + eps) * t.get(name + ".weight")[i];
    return out;
  }
}
