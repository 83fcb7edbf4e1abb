package dev.imagebake.postprocessor.shelllocal;

import dev.imagebake.sdk.PostProcessor;
import dev.imagebake.sdk.PostProcessorFactory;
import dev.imagebake.sdk.config.ConfigCheck;
import dev.imagebake.sdk.shelllocal.ShellLocalChecks;
import dev.imagebake.sdk.shelllocal.ShellLocalConfig;
import dev.imagebake.sdk.shelllocal.ShellLocalRunner;

/**
 * The {@code shell-local} post-processor: the shell-local provisioner's keys and run, once per
 * artifact, with {@code {{build `KEY`}}} taken from the artifact's generated data. It returns its
 * input and forces keeping it, as Packer does.
 */
public final class ShellLocalPostProcessorFactory
    implements PostProcessorFactory<ShellLocalConfig> {
  public ShellLocalPostProcessorFactory() {}

  @Override
  public String type() {
    return "shell-local";
  }

  @Override
  public Class<ShellLocalConfig> configType() {
    return ShellLocalConfig.class;
  }

  @Override
  public void check(ShellLocalConfig config, ConfigCheck check) {
    ShellLocalChecks.check(config, check);
  }

  @Override
  public PostProcessor create(ShellLocalConfig config) {
    ShellLocalRunner runner = new ShellLocalRunner(config);
    return (ctx, input) -> {
      runner.run(ctx, input.generatedData());
      return new PostProcessor.Result(input, true, true);
    };
  }
}
