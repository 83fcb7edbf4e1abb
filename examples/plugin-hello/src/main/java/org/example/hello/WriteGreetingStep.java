package org.example.hello;

import dev.imagebake.sdk.BuildContext;
import dev.imagebake.sdk.StateBag;
import dev.imagebake.sdk.StateKey;
import dev.imagebake.sdk.Step;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes {@code times} greeting lines to {@code output}. Produces {@link #WRITTEN}. No cleanup: as
 * with Packer's file builder, the file stays when a later step fails.
 */
final class WriteGreetingStep implements Step {
  static final StateKey<Path> WRITTEN = StateKey.of("hello output", Path.class);

  private final HelloConfig config;

  WriteGreetingStep(HelloConfig config) {
    this.config = config;
  }

  @Override
  public void run(BuildContext ctx, StateBag state) throws Exception {
    Path output = ctx.workingDirectory().resolve(config.output());
    if (output.getParent() != null) {
      Files.createDirectories(output.getParent());
    }
    String line = "Hello, " + config.recipientOrDefault() + "!\n";
    Files.writeString(output, line.repeat(config.timesOrDefault()), StandardCharsets.UTF_8);
    state.put(WRITTEN, output);
    ctx.ui().say("Wrote " + config.timesOrDefault() + " greeting(s) to " + config.output());
  }

  @Override
  public String name() {
    return "StepWriteGreeting";
  }
}
