package dev.imagebake.builder.file;

import dev.imagebake.sdk.Artifact;
import dev.imagebake.sdk.BuildContext;
import dev.imagebake.sdk.Builder;
import dev.imagebake.sdk.ProvisionHook;
import dev.imagebake.sdk.StateBag;
import dev.imagebake.sdk.StateKey;
import dev.imagebake.sdk.Step;
import dev.imagebake.sdk.steps.StepProvision;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes {@code target} from {@code source} or {@code content}, then runs the provisioners against
 * a communicator that has no machine behind it (as Packer's mock communicator, but saying so).
 */
final class FileBuilder implements Builder {
  /** The resolved target file, once written. */
  static final StateKey<Path> TARGET = StateKey.of("file builder target", Path.class);

  private final FileBuilderConfig config;

  FileBuilder(FileBuilderConfig config) {
    this.config = config;
  }

  @Override
  public Artifact run(BuildContext ctx, ProvisionHook hook) throws Exception {
    StateBag state = new StateBag();
    List<Step> steps =
        hook == null
            ? List.of(new WriteTargetStep(config))
            : List.of(new WriteTargetStep(config), new StepNoMachine(), new StepProvision(hook));
    ctx.runSteps(steps, state);
    Path written = state.require(TARGET);
    return new FileArtifact(config.target(), written);
  }
}
