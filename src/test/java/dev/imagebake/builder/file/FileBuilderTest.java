package dev.imagebake.builder.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imagebake.sdk.Artifact;
import dev.imagebake.sdk.CommandResult;
import dev.imagebake.sdk.Communicator;
import dev.imagebake.sdk.OutputSink;
import dev.imagebake.sdk.ProvisionHook;
import dev.imagebake.sdk.RemoteCommand;
import dev.imagebake.sdk.StepFailedException;
import dev.imagebake.testing.PackerCli;
import dev.imagebake.testing.RecordingConfigCheck;
import dev.imagebake.testing.TestBuildContext;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileBuilderTest {
  @TempDir Path dir;

  /** A hook that records what it was called with and runs {@code action} on the communicator. */
  private static final class RecordingHook implements ProvisionHook {
    final List<String> calls = new ArrayList<>();
    final CommAction action;

    RecordingHook(CommAction action) {
      this.action = action;
    }

    @Override
    public void provision(Communicator comm, Map<String, String> buildData) throws Exception {
      calls.add("provision " + buildData);
      action.run(comm);
    }

    @Override
    public void provisionErrorCleanup(Communicator comm, Map<String, String> buildData) {
      calls.add("cleanup");
    }
  }

  private interface CommAction {
    void run(Communicator comm) throws Exception;
  }

  private Artifact build(FileBuilderConfig config, ProvisionHook hook, TestBuildContext ctx)
      throws Exception {
    return new FileBuilderFactory().create(config).run(ctx, hook);
  }

  private List<String> errors(FileBuilderConfig config, List<String> warnings) {
    RecordingConfigCheck check = new RecordingConfigCheck(dir);
    new FileBuilderFactory().check(config, check);
    warnings.addAll(check.warnings());
    return check.errors();
  }

  @Test
  void checkRulesAreEachReported() {
    List<String> warnings = new ArrayList<>();
    assertThat(errors(new FileBuilderConfig(null, "a", "b"), warnings))
        .containsExactly(
            "target: target required", "content: Cannot specify source file AND content");
    assertThat(warnings).isEmpty();
    assertThat(errors(new FileBuilderConfig("t", null, ""), warnings)).isEmpty();
    assertThat(warnings)
        .containsExactly(
            "content: Both source file and contents are blank; target will have no content");
  }

  @Test
  void contentIsWrittenPrivatelyWithParentDirectories() throws Exception {
    TestBuildContext ctx = TestBuildContext.in(dir).withBuild("f", "file");
    Artifact a = build(new FileBuilderConfig("out/deep/a.txt", null, "hello\n"), null, ctx);
    Path target = dir.resolve("out/deep/a.txt");
    assertThat(target).hasContent("hello\n");
    assertThat(Files.getPosixFilePermissions(target))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    assertThat(a.builderId()).isEqualTo("packer.file");
    assertThat(a.id()).isEqualTo("File");
    assertThat(a.files()).containsExactly(Path.of("out/deep/a.txt"));
    assertThat(a.describe()).isEqualTo("Stored file: out/deep/a.txt");
    assertThat(a.generatedData()).isEmpty();
    assertThat(ctx.ui().lines()).isEmpty();
    a.destroy();
    assertThat(target).doesNotExist();
  }

  @Test
  void blankContentMakesAnEmptyFile() throws Exception {
    build(
        new FileBuilderConfig("empty", null, null),
        null,
        TestBuildContext.in(dir).withBuild("f", "file"));
    assertThat(dir.resolve("empty")).isEmptyFile();
  }

  @Test
  void sourceIsCopiedWithPackersMessages() throws Exception {
    Path packerDir = Files.createDirectory(dir.resolve("packer"));
    Files.writeString(packerDir.resolve("src.txt"), "data");
    String packerOut =
        PackerCli.build(
            packerDir,
            """
            {"builders": [{"type": "file", "name": "f", "source": "src.txt", "target": "o/t.txt"}]}
            """);
    Path ours = Files.createDirectory(dir.resolve("ours"));
    Files.writeString(ours.resolve("src.txt"), "data");
    TestBuildContext ctx = TestBuildContext.in(ours).withBuild("f", "file");
    build(new FileBuilderConfig("o/t.txt", "src.txt", null), null, ctx);
    assertThat(ours.resolve("o/t.txt")).hasContent("data");
    assertThat(ctx.ui().lines())
        .containsExactly("say: Copying src.txt to o/t.txt", "say: Copied 4 bytes");
    for (String line : ctx.ui().lines()) {
      assertThat(packerOut).contains("==> f: " + line.substring("say: ".length()));
    }
  }

  @Test
  void missingSourceFailsTheBuild() {
    assertThatThrownBy(
            () ->
                build(
                    new FileBuilderConfig("t", "nope", null),
                    null,
                    TestBuildContext.in(dir).withBuild("f", "file")))
        .isInstanceOf(StepFailedException.class)
        .hasMessage("open nope: no such file or directory");
  }

  @Test
  void remoteProvisionersRunAgainstNoMachineAndSucceed() throws Exception {
    TestBuildContext ctx = TestBuildContext.in(dir).withBuild("f", "file");
    List<Integer> exits = new ArrayList<>();
    RecordingHook hook =
        new RecordingHook(
            comm -> {
              CommandResult r =
                  comm.run(RemoteCommand.of("apt-get update"), OutputSink.of(ctx.ui()));
              exits.add(r.exitStatus());
              comm.upload("/tmp/x", new ByteArrayInputStream(new byte[0]), 0, 0644);
            });
    build(new FileBuilderConfig("t", null, "x"), hook, ctx);
    assertThat(hook.calls).containsExactly("provision {}");
    assertThat(exits).containsExactly(0);
    assertThat(ctx.ui().lines())
        .containsExactly(
            "message: (file builder: no machine, skipping remote command)",
            "message: (file builder: no machine, skipping upload to /tmp/x)");
  }

  @Test
  void failedProvisioningRunsTheCleanupProvisioner() {
    TestBuildContext ctx = TestBuildContext.in(dir).withBuild("f", "file");
    RecordingHook hook =
        new RecordingHook(
            comm -> {
              throw new IllegalStateException("Script exited with non-zero exit status: 1");
            });
    assertThatThrownBy(() -> build(new FileBuilderConfig("t", null, "x"), hook, ctx))
        .isInstanceOf(StepFailedException.class)
        .hasMessage("Script exited with non-zero exit status: 1");
    assertThat(hook.calls).containsExactly("provision {}", "cleanup");
    assertThat(ctx.ui().lines())
        .containsExactly(
            "say: Provisioning step had errors: Running the cleanup provisioner, if present...");
  }

  @Test
  void isFoundByServiceLoader() {
    assertThat(
            java.util.ServiceLoader.load(dev.imagebake.sdk.BuilderFactory.class).stream()
                .map(java.util.ServiceLoader.Provider::type))
        .contains(FileBuilderFactory.class);
  }
}
