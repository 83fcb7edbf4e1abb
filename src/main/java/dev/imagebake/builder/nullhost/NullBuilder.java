package dev.imagebake.builder.nullhost;

import dev.imagebake.sdk.Artifact;
import dev.imagebake.sdk.BuildContext;
import dev.imagebake.sdk.Builder;
import dev.imagebake.sdk.ProvisionHook;
import dev.imagebake.sdk.SimpleArtifact;
import dev.imagebake.sdk.StateBag;
import dev.imagebake.sdk.steps.StateKeys;
import dev.imagebake.sdk.steps.StepConnect;
import dev.imagebake.sdk.steps.StepProvision;
import java.util.List;
import java.util.Map;

/**
 * Provisions a machine that already exists (or nothing, with {@code communicator: none}): connect,
 * provision, done. Its artifact records that nothing was exported, as Packer's does.
 */
final class NullBuilder implements Builder {
  static final String BUILDER_ID = "fnoeding.null";
  private static final Map<String, String> DATA = Map.of("ID", "Null");

  private final NullBuilderConfig config;

  NullBuilder(NullBuilderConfig config) {
    this.config = config;
  }

  @Override
  public Artifact run(BuildContext ctx, ProvisionHook hook) throws Exception {
    StateBag state = new StateBag();
    StateKeys.addBuildData(state, DATA);
    ctx.runSteps(List.of(StepConnect.fromConfig(config.comm()), new StepProvision(hook)), state);
    return new SimpleArtifact(
        BUILDER_ID, "Null", List.of(), "Did not export anything. This is the null builder", DATA);
  }
}
