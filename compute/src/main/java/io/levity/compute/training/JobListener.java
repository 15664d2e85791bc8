package io.levity.compute.training;

/** Progress of a training job or a verification: phases, and every optimizer step. */
public interface JobListener {
  JobListener NONE = new JobListener() {};

  /** A phase began: "upload dataset", "fetch checkpoint 2", "segment 3 of 5"... */
  default void phase(String what) {}

  /** One optimizer step finished ({@code step} counts from 1 over the whole job). */
  default void step(long step, long lastStep, float loss) {}
}
