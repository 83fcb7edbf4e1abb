package dev.imagebake.engine;

/**
 * A deliberate second Ctrl-C skipped the cleanups: every running machine the build recorded (an
 * instance, a VM process) is still ended, so none runs on unseen.
 */
final class Machines {
  private Machines() {}

  static void stopAll(EngineBuildContext ctx) {
    ctx.resources()
        .stopMachines(
            (machine, e) ->
                ctx.ui()
                    .error(
                        "Could not stop "
                            + machine.describe()
                            + ": "
                            + StepRunner.messageOf(e)
                            + (machine.delete().isEmpty() ? "" : "; " + machine.delete())))
        .forEach(m -> ctx.ui().error("Stopped " + m.describe() + " (cleanups skipped)"));
  }
}
