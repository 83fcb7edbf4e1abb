package dev.imagebake.sdk;

/**
 * One action of a builder (Packer's multistep {@code Step}). Document in each implementation the
 * state it uses and produces.
 *
 * <p>The runner calls {@link #cleanup} for every step whose {@link #run} was entered, in reverse
 * order, including the step that failed; so a step records what it created in the state bag as soon
 * as it exists, and its cleanup undoes only what is recorded.
 */
public interface Step {
  /** Does the work. Throwing halts the sequence; cleanups still run. */
  void run(BuildContext ctx, StateBag state) throws Exception;

  /**
   * Undoes what {@link #run} created. Best effort: never throws; reports what it could not undo
   * through {@code ctx.ui().error(...)} with what the user must delete by hand, and returns
   * normally so the other cleanups still run.
   */
  default void cleanup(BuildContext ctx, StateBag state) {}

  /** The name shown in step timings and in {@code -on-error} prompts. */
  default String name() {
    return getClass().getSimpleName();
  }
}
