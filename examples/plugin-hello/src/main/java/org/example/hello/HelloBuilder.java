package org.example.hello;

import dev.imagebake.sdk.Artifact;
import dev.imagebake.sdk.BuildContext;
import dev.imagebake.sdk.Builder;
import dev.imagebake.sdk.ProvisionHook;
import dev.imagebake.sdk.SimpleArtifact;
import dev.imagebake.sdk.StateBag;
import dev.imagebake.sdk.steps.StepProvision;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Writes the greeting, then runs the template's provisioners through the SDK's provision step
 * (there is no machine, so they get the {@code none} communicator: {@code hello-say} needs none);
 * the file is the artifact.
 */
final class HelloBuilder implements Builder {
  private final HelloConfig config;

  HelloBuilder(HelloConfig config) {
    this.config = config;
  }

  @Override
  public Artifact run(BuildContext ctx, ProvisionHook hook) throws Exception {
    StateBag state = new StateBag();
    ctx.runSteps(List.of(new WriteGreetingStep(config), new StepProvision(hook)), state);
    Path written = state.require(WriteGreetingStep.WRITTEN);
    return new SimpleArtifact(
        "example.hello",
        written.toString(),
        List.of(written),
        "Greeting in " + written,
        Map.of("Greeted", config.recipientOrDefault()));
  }
}
