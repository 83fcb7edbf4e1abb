package dev.imagebake.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imagebake.config.PluginRegistry;
import dev.imagebake.engine.Fakes.FakeArtifact;
import dev.imagebake.engine.Fakes.Journal;
import dev.imagebake.engine.Fakes.StepsBuilder;
import dev.imagebake.plan.PluginConnector;
import dev.imagebake.sdk.CommandResult;
import dev.imagebake.sdk.Communicator;
import dev.imagebake.sdk.CommunicatorConfig;
import dev.imagebake.sdk.ConnectTarget;
import dev.imagebake.sdk.OutputSink;
import dev.imagebake.sdk.RemoteCommand;
import dev.imagebake.sdk.SshConfig;
import dev.imagebake.sdk.go.GoDuration;
import dev.imagebake.sdk.steps.NoneCommunicator;
import dev.imagebake.sdk.steps.StateKeys;
import dev.imagebake.sdk.steps.StepConnect;
import dev.imagebake.sdk.steps.StepProvision;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class SmallPartsTest {
  @Test
  void goDurationsAsPackerPrintsThem() {
    assertThat(GoDuration.format(Duration.ofSeconds(1))).isEqualTo("1s");
    assertThat(GoDuration.format(Duration.ofMillis(1500))).isEqualTo("1.5s");
    assertThat(GoDuration.format(Duration.ofSeconds(90))).isEqualTo("1m30s");
    assertThat(GoDuration.format(Duration.ofMinutes(2))).isEqualTo("2m0s");
    assertThat(GoDuration.format(Duration.ofHours(1))).isEqualTo("1h0m0s");
    assertThat(GoDuration.format(Duration.ofMillis(500))).isEqualTo("500ms");
  }

  @Test
  void onErrorFlagValues() {
    assertThat(OnError.parse("run-cleanup-provisioner")).isEqualTo(OnError.RUN_CLEANUP_PROVISIONER);
    assertThatThrownBy(() -> OnError.parse("foo"))
        .hasMessage(
            "invalid value \"foo\" for flag -on-error: expected one of [\"cleanup\" \"abort\""
                + " \"ask\" \"run-cleanup-provisioner\"]");
  }

  @Test
  void noneCommunicatorFailsWithPackersMessage() {
    NoneCommunicator none = new NoneCommunicator();
    assertThatThrownBy(() -> none.upload("/tmp/x", new ByteArrayInputStream(new byte[0]), 0, 0644))
        .isInstanceOf(IOException.class)
        .hasMessage("Upload is not implemented when communicator = 'none'");
    assertThatThrownBy(() -> none.run(RemoteCommand.of("true"), null))
        .hasMessage("Start is not implemented when communicator = 'none'");
  }

  @Test
  void stepConnectWithNoneInstallsTheNoneCommunicator() {
    AtomicReference<Communicator> seen = new AtomicReference<>();
    TestRun run = new TestRun();
    run.connector = new PluginConnector(PluginRegistry.load());
    run.run(
        Fakes.plan(
            "n",
            new StepsBuilder(
                hook ->
                    List.of(
                        StepConnect.fromConfig(new CommunicatorConfig("none", null, null, null)),
                        new dev.imagebake.sdk.Step() {
                          @Override
                          public void run(
                              dev.imagebake.sdk.BuildContext ctx,
                              dev.imagebake.sdk.StateBag state) {
                            seen.set(state.require(StateKeys.COMMUNICATOR));
                          }
                        }),
                new FakeArtifact("a", new Journal()))));

    assertThat(seen.get()).isInstanceOf(NoneCommunicator.class);
  }

  @Test
  void stepConnectConnectsPublishesBuildDataAndClosesInCleanup() {
    FakeCommunicator comm = new FakeCommunicator();
    AtomicReference<ConnectTarget> asked = new AtomicReference<>();
    AtomicReference<Map<String, String>> provisionData = new AtomicReference<>();
    TestRun run = new TestRun();
    run.connector =
        (config, target, ctx) -> {
          asked.set(target);
          return comm;
        };
    SshConfig ssh =
        new SshConfig(
            null, 2222, "root", null, null, null, null, null, null, null, null, null, null, null,
            null, null, null, null, null, null, null, null, null, null, null, null, null, null,
            null, null, null, null, null, null, null, null, null, null);
    CommunicatorConfig config = new CommunicatorConfig("ssh", null, ssh, null);
    BuildPlan plan =
        Fakes.plan(
            "s",
            new StepsBuilder(
                hook ->
                    List.of(
                        new StepConnect(config, state -> new ConnectTarget("10.0.0.5", 0, null)),
                        new StepProvision(hook)),
                new FakeArtifact("a", new Journal())),
            List.of(
                Fakes.planned(
                    (ctx, c, data) -> {
                      assertThat(c).isSameAs(comm);
                      provisionData.set(data);
                    })),
            null,
            List.of(),
            Set.of());
    RunResult result = run.run(plan);

    assertThat(result.outcome()).isEqualTo(RunResult.Outcome.SUCCEEDED);
    assertThat(asked.get().host()).isEqualTo("10.0.0.5");
    assertThat(provisionData.get())
        .containsEntry("ConnType", "ssh")
        .containsEntry("Host", "10.0.0.5")
        .containsEntry("Port", "2222")
        .containsEntry("User", "root");
    assertThat(comm.closed).isTrue();
  }

  private static final class FakeCommunicator implements Communicator {
    @Override
    public Communicator withCancellation(dev.imagebake.sdk.Cancellation cancellation) {
      return this;
    }

    volatile boolean closed;

    @Override
    public CommandResult run(RemoteCommand command, OutputSink sink) {
      return new CommandResult(0);
    }

    @Override
    public void upload(String remotePath, InputStream data, long size, int mode) {}

    @Override
    public void uploadDir(String remoteDir, Path localDir, boolean contentsOnly) {}

    @Override
    public void download(String remotePath, OutputStream out) {}

    @Override
    public void downloadDir(String remoteDir, Path localDir) {}

    @Override
    public String describe() {
      return "fake";
    }

    @Override
    public void close() {
      closed = true;
    }
  }
}
