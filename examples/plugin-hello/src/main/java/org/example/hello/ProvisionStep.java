package org.example.hello;

import dev.imagebake.sdk.BuildContext;
import dev.imagebake.sdk.ProvisionHook;
import dev.imagebake.sdk.StateBag;
import dev.imagebake.sdk.Step;
import java.util.Map;

/**
 * Runs the template's provisioners. There is no machine, so they get a communicator that refuses
 * remote work ({@link NoMachine}); {@code hello-say} needs none.
 */
final class ProvisionStep implements Step {
  private final ProvisionHook hook;

  ProvisionStep(ProvisionHook hook) {
    this.hook = hook;
  }

  @Override
  public void run(BuildContext ctx, StateBag state) throws Exception {
    try (NoMachine comm = new NoMachine()) {
      hook.provision(comm, Map.of());
    }
  }

  @Override
  public String name() {
    return "StepProvision";
  }
}
