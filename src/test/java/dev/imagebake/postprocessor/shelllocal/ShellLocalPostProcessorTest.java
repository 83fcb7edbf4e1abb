package dev.imagebake.postprocessor.shelllocal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imagebake.provisioner.fixtures.Configs;
import dev.imagebake.sdk.PostProcessor;
import dev.imagebake.sdk.SimpleArtifact;
import dev.imagebake.sdk.shelllocal.ShellLocalConfig;
import dev.imagebake.testing.RecordingConfigCheck;
import dev.imagebake.testing.TestBuildContext;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShellLocalPostProcessorTest {
  @TempDir Path dir;
  private final ShellLocalPostProcessorFactory factory = new ShellLocalPostProcessorFactory();
  private final SimpleArtifact artifact =
      new SimpleArtifact("fnoeding.null", "Null", List.of(), "nothing", Map.of("ID", "Null"));

  @Test
  void runsWithArtifactDataAndReturnsItsInputKeptAndForced() throws Exception {
    TestBuildContext ctx = TestBuildContext.in(dir).withBuild("local", "null");
    PostProcessor pp =
        factory.create(
            Configs.of(
                ShellLocalConfig.class,
                Map.of(
                    "inline",
                    List.of(
                        "echo \"pp ID={{build `ID`}} HOST={{build `Host`}} $PACKER_BUILD_NAME\""))));
    PostProcessor.Result result = pp.postProcess(ctx, artifact);
    assertThat(result).isEqualTo(new PostProcessor.Result(artifact, true, true));
    assertThat(ctx.ui().messages()).containsExactly("pp ID=Null HOST=<no value> local");
  }

  @Test
  void failureIsReported() {
    PostProcessor pp =
        factory.create(Configs.of(ShellLocalConfig.class, Map.of("command", "exit 2")));
    assertThatThrownBy(
            () -> pp.postProcess(TestBuildContext.in(dir).withBuild("local", "null"), artifact))
        .hasMessage("Script exited with non-zero exit status: 2.Allowed exit codes are: [0]");
  }

  @Test
  void checksAreTheProvisioners() {
    RecordingConfigCheck check = new RecordingConfigCheck(dir);
    factory.check(Configs.of(ShellLocalConfig.class), check);
    assertThat(check.messages())
        .containsExactly("Command, Inline, Script and Scripts options cannot all be empty.");
    assertThat(factory.type()).isEqualTo("shell-local");
  }
}
