package io.levity.compute.serving;

import io.levity.core.bytes.Bytes32;
import java.util.SplittableRandom;

/**
 * FAULTY, FOR AUDIT MEASUREMENTS ONLY: a wrapper that answers wrongly at a given rate, like the
 * consensus simulator's Byzantine behaviours. It exists in main code so that the CLI can run a
 * faulty provider on a devnet and measure how many wrong answers the auditors catch; no honest
 * provider wires it. Which requests are corrupted follows a seeded RNG (one draw per request, in
 * arrival order), so a run repeats exactly. A wrong answer is the right one with its characters
 * reversed (or "?" for an empty one): a different text, hence a different response hash, with the
 * same token counts, so only re-execution tells it apart. It is streamed and signed like any other.
 */
public final class FaultyChatBackend implements ChatBackend {
  private final ChatBackend honest;
  private final double wrongRate;
  private final SplittableRandom rng;
  private long served;
  private long wrong;

  /** Corrupts about {@code wrongRate} (0..1) of the answers of {@code honest}, drawn from seed. */
  public FaultyChatBackend(ChatBackend honest, double wrongRate, long seed) {
    if (!(wrongRate >= 0 && wrongRate <= 1))
      throw new IllegalArgumentException(
          "the wrong-answer rate must be in [0, 1], got " + wrongRate);
    this.honest = honest;
    this.wrongRate = wrongRate;
    this.rng = new SplittableRandom(seed);
  }

  @Override
  public String modelId() {
    return honest.modelId();
  }

  @Override
  public Bytes32 modelRoot() {
    return honest.modelRoot();
  }

  @Override
  public boolean verifiable() {
    return honest.verifiable();
  }

  @Override
  public ChatCompletion complete(ChatRequest request, TokenSink sink) {
    boolean corrupt;
    synchronized (this) {
      corrupt = rng.nextDouble() < wrongRate;
      served++;
      if (corrupt) wrong++;
    }
    if (!corrupt) return honest.complete(request, sink);
    ChatCompletion right = honest.complete(request, TokenSink.ignore());
    String text =
        right.text().isEmpty() ? "?" : new StringBuilder(right.text()).reverse().toString();
    if (text.equals(right.text())) text = text + "?";
    sink.token(text);
    return new ChatCompletion(
        text,
        right.promptTokens(),
        right.completionTokens(),
        InferenceApi.text(text),
        right.finishReason());
  }

  /** How many answers were served, and how many of them wrong: the audit's ground truth. */
  public record Tally(long served, long wrong) {}

  public synchronized Tally tally() {
    return new Tally(served, wrong);
  }
}
