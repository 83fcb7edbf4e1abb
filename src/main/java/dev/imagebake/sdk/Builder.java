package dev.imagebake.sdk;

/** Makes the machine, has it provisioned, turns it into an artifact, and cleans up. */
public interface Builder {
  /**
   * Runs the builder's steps through {@link BuildContext#runSteps}, calling {@code hook} once the
   * machine is reachable, and cleans up everything it created before returning or throwing.
   *
   * @return the artifact, or null when the build produced nothing
   * @throws StepFailedException when a step failed
   * @throws CancelledException when the build was interrupted
   */
  Artifact run(BuildContext ctx, ProvisionHook hook) throws Exception;
}
