package io.levity.ai.train;

/** Hears about each training step as it completes. */
@FunctionalInterface
public interface StepListener {
  /** A listener that ignores every step. */
  StepListener NONE = (step, loss, lr, gradNorm) -> {};

  /**
   * Called after the update that took the state from step to step + 1, with that batch's mean loss,
   * the learning rate used and the global gradient norm before clipping.
   */
  void onStep(long step, float loss, float lr, float gradNorm);
}
