package dev.imagebake.communicator.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imagebake.sdk.CancelledException;
import dev.imagebake.sdk.CommandResult;
import dev.imagebake.sdk.Communicator;
import dev.imagebake.sdk.OutputSink;
import dev.imagebake.sdk.RemoteCommand;
import dev.imagebake.sdk.UploadFailedException;
import dev.imagebake.testing.OpenSshServer;
import dev.imagebake.testing.RecordingSink;
import dev.imagebake.testing.SshConfigBuilder;
import dev.imagebake.testing.StreamedCommands;
import dev.imagebake.testing.TestBuildContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(120) // a guard against hangs, not a timing assertion
class SshRunTest {
  static OpenSshServer sshd;

  @BeforeAll
  static void start() {
    sshd = OpenSshServer.start();
  }

  @AfterAll
  static void stop() {
    sshd.stop();
  }

  static Communicator connect(OpenSshServer server, SshConfigBuilder config, TestBuildContext ctx)
      throws IOException {
    return new SshConnector(Duration.ofMillis(50))
        .connect(config.communicatorConfig(), dev.imagebake.sdk.ConnectTarget.fromConfig(), ctx);
  }

  static Communicator connect() throws IOException {
    return connect(sshd, SshConfigBuilder.forServer(sshd), TestBuildContext.create());
  }

  @Test
  void exitStatusStdoutAndStderr() throws IOException {
    try (Communicator comm = connect()) {
      RecordingSink sink = new RecordingSink();
      CommandResult result =
          comm.run(RemoteCommand.of("echo one; echo two >&2; echo three; exit 42"), sink);
      assertThat(result.exitStatus()).isEqualTo(42);
      assertThat(sink.stdout()).containsExactly("one", "three");
      assertThat(sink.stderr()).containsExactly("two");

      assertThat(comm.run(RemoteCommand.of("true"), new RecordingSink()).exitStatus()).isZero();
      assertThat(comm.run(RemoteCommand.of("false"), new RecordingSink()).exitStatus()).isOne();
    }
  }

  @Test
  void aStreamedCommandGetsItsInputAsItComesAndGivesBytesBackUnchanged() throws Exception {
    try (Communicator comm = connect()) {
      StreamedCommands.assertRoundTrip(comm, 200_000);
    }
  }

  @Test
  void aStreamedCommandEndsWithoutWaitingForItsInputToEnd() throws IOException {
    try (Communicator comm = connect();
        PipedOutputStream feeder = new PipedOutputStream();
        PipedInputStream neverEnds = new PipedInputStream(feeder)) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      CommandResult result =
          comm.runStreaming("echo ran", neverEnds, out, new ByteArrayOutputStream());
      assertThat(result.exitStatus()).isZero();
      assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("ran\n");
    }
  }

  @Test
  void commandTextReachesTheShellAsIs() throws IOException {
    try (Communicator comm = connect()) {
      RecordingSink sink = new RecordingSink();
      comm.run(
          RemoteCommand.of(
              "FOO='a b' BAR=\"it's\" sh -c 'echo \"$FOO|$BAR\"'; printf '%s\\n' \"$HOME\" | wc -l"),
          sink);
      assertThat(sink.stdout()).containsExactly("a b|it's", "1");
    }
  }

  @Test
  void carriageReturnsKeepWhatATerminalWouldShow() throws IOException {
    try (Communicator comm = connect()) {
      RecordingSink sink = new RecordingSink();
      comm.run(RemoteCommand.of("printf '10%%\\r50%%\\r100%%\\r\\nwindows\\r\\nlast'"), sink);
      assertThat(sink.stdout()).containsExactly("100%", "windows", "last");
    }
  }

  @Test
  void stdinIsFedToTheCommand() throws IOException {
    try (Communicator comm = connect()) {
      RecordingSink sink = new RecordingSink();
      CommandResult result = comm.run(new RemoteCommand("tr a-z A-Z", "hello\nworld\n"), sink);
      assertThat(result.exitStatus()).isZero();
      assertThat(sink.stdout()).containsExactly("HELLO", "WORLD");
    }
  }

  @Test
  void uploadAndRunWritesTheFileThenRunsTheCommandWithoutInput(@TempDir Path dir)
      throws IOException {
    byte[] content = new byte[300_000];
    for (int i = 0; i < content.length; i++) {
      content[i] = (byte) (i * 31);
    }
    Path file = dir.resolve("it's here.bin");
    Files.writeString(file, "an older, longer file that must be replaced entirely".repeat(10_000));
    for (boolean pty : new boolean[] {false, true}) {
      SshConfigBuilder config = SshConfigBuilder.forServer(sshd).sshPty(pty);
      try (Communicator comm = connect(sshd, config, TestBuildContext.create())) {
        RecordingSink sink = new RecordingSink();
        String quoted = "'" + file.toString().replace("'", "'\\''") + "'";
        CommandResult result =
            comm.uploadAndRun(
                file.toString(),
                content,
                0750,
                RemoteCommand.of(
                    "stat -c %a " + quoted + "; [ -t 0 ] || wc -c; echo err >&2; exit 3"),
                sink);
        assertThat(result.exitStatus()).isEqualTo(3);
        assertThat(Files.readAllBytes(file)).isEqualTo(content);
        if (pty) {
          // A terminal never reports the end of input: the command must not read it here.
          assertThat(sink.stdout()).containsExactly("750", "err");
        } else {
          assertThat(sink.stdout()).containsExactly("750", "0");
          assertThat(sink.stderr()).containsExactly("err");
        }
      }
    }
  }

  @Test
  void uploadAndRunRunsNothingWhenTheFileCannotBeWritten(@TempDir Path dir) throws IOException {
    Path ran = dir.resolve("ran");
    try (Communicator comm = connect()) {
      RecordingSink sink = new RecordingSink();
      assertThatThrownBy(
              () ->
                  comm.uploadAndRun(
                      dir.resolve("missing/script.sh").toString(),
                      new byte[] {'x'},
                      0755,
                      RemoteCommand.of("touch " + ran),
                      sink))
          .isInstanceOf(UploadFailedException.class)
          .hasMessageContaining("missing/script.sh");
      assertThat(ran).doesNotExist();
      assertThat(sink.stdout()).isEmpty();
      assertThat(sink.stderr()).isEmpty();
    }
  }

  @Test
  void outputWithoutNewlinesArrivesIn64KiBPiecesOverTheShellAndOverASession() throws IOException {
    // 20 MB without a newline: before the cut, one line held all of it (200 MB: out of memory).
    String command = "head -c 20000000 /dev/zero | tr '\\0' x; echo; echo end";
    for (String stdin : new String[] {null, ""}) {
      try (Communicator comm = connect()) {
        long[] total = new long[1];
        int[] longest = new int[1];
        List<String> last = new ArrayList<>();
        OutputSink sink =
            new OutputSink() {
              @Override
              public synchronized void stdout(String line) {
                total[0] += line.length();
                longest[0] = Math.max(longest[0], line.length());
                last.add(line.length() > 10 ? "x..." : line);
              }

              @Override
              public void stderr(String line) {}
            };
        CommandResult result = comm.run(new RemoteCommand(command, stdin), sink);
        assertThat(result.exitStatus()).isZero();
        assertThat(longest[0]).as("longest line, stdin %s", stdin).isLessThanOrEqualTo(65536);
        assertThat(total[0]).isEqualTo(20_000_000 + 3);
        assertThat(last.get(last.size() - 1)).isEqualTo("end");
      }
    }
  }

  @Test
  void aFailingOutputReaderFailsTheCommandInsteadOfHanging() throws IOException {
    for (String stdin : new String[] {null, ""}) {
      try (Communicator comm = connect()) {
        OutputSink breaks =
            new OutputSink() {
              @Override
              public void stdout(String line) {
                throw new IllegalStateException("sink broke on " + line);
              }

              @Override
              public void stderr(String line) {}
            };
        // Without the fix the reader dies and the command (sleeping on) is waited for forever.
        assertThatThrownBy(
                () -> comm.run(new RemoteCommand("echo started; sleep 600.5", stdin), breaks))
            .as("stdin %s", stdin)
            .isInstanceOf(IOException.class)
            .hasMessageContaining("sink broke on started");
        RecordingSink after = new RecordingSink();
        assertThat(comm.run(RemoteCommand.of("echo next"), after).exitStatus()).isZero();
        assertThat(after.stdout()).containsExactly("next");
      }
    }
  }

  @Test
  void commandKilledBySignalReports128PlusSignal() throws IOException {
    try (Communicator comm = connect()) {
      CommandResult result = comm.run(RemoteCommand.of("kill -TERM $$"), new RecordingSink());
      assertThat(result.exitStatus()).isEqualTo(143);
    }
  }

  @Test
  void ptyMergesStderrAndHasATerminal() throws IOException {
    SshConfigBuilder config = SshConfigBuilder.forServer(sshd).sshPty(true);
    try (Communicator comm = connect(sshd, config, TestBuildContext.create())) {
      RecordingSink sink = new RecordingSink();
      CommandResult result =
          comm.run(RemoteCommand.of("tty -s && echo tty; echo $TERM; echo err >&2"), sink);
      assertThat(result.exitStatus()).isZero();
      assertThat(sink.stdout()).containsExactly("tty", "xterm", "err");
      assertThat(sink.stderr()).isEmpty();
    }
    try (Communicator comm = connect()) {
      RecordingSink sink = new RecordingSink();
      comm.run(RemoteCommand.of("tty -s && echo tty || echo notty"), sink);
      assertThat(sink.stdout()).containsExactly("notty");
    }
  }

  @Test
  void cancellationEndsARunningCommand() throws IOException {
    TestBuildContext ctx = TestBuildContext.create();
    try (Communicator comm = connect(sshd, SshConfigBuilder.forServer(sshd), ctx)) {
      RecordingSink sink =
          new RecordingSink(
              line -> {
                if (line.equals("started")) {
                  ctx.cancellation().cancel("test cancelled");
                }
              });
      assertThatThrownBy(() -> comm.run(RemoteCommand.of("echo started; sleep 60"), sink))
          .isInstanceOf(CancelledException.class)
          .hasMessage("test cancelled");
      assertThatThrownBy(() -> comm.run(RemoteCommand.of("true"), new RecordingSink()))
          .isInstanceOf(CancelledException.class);
    }
  }

  @Test
  void droppedConnectionReportsDisconnectedThenReconnects() throws IOException {
    try (OpenSshServer server = OpenSshServer.start();
        Communicator comm =
            connect(server, SshConfigBuilder.forServer(server), TestBuildContext.create())) {
      RecordingSink sink =
          new RecordingSink(
              line -> {
                if (line.equals("started")) {
                  server.dropConnections();
                }
              });
      CommandResult result = comm.run(RemoteCommand.of("echo started; sleep 60"), sink);
      assertThat(result.isDisconnected()).isTrue();

      RecordingSink after = new RecordingSink();
      assertThat(comm.run(RemoteCommand.of("echo back"), after).exitStatus()).isZero();
      assertThat(after.stdout()).containsExactly("back");
    }
  }

  @Test
  void keepAliveDetectsAFrozenConnection() throws IOException {
    try (OpenSshServer server = OpenSshServer.start()) {
      SshConfigBuilder config =
          SshConfigBuilder.forServer(server).sshKeepAliveInterval(Duration.ofSeconds(1));
      try (Communicator comm = connect(server, config, TestBuildContext.create())) {
        RecordingSink sink =
            new RecordingSink(
                line -> {
                  if (line.equals("started")) {
                    server.freezeConnections();
                  }
                });
        // Without keep-alives this would wait for the (frozen) sleep forever.
        CommandResult result = comm.run(RemoteCommand.of("echo started; sleep 600"), sink);
        assertThat(result.isDisconnected()).isTrue();
      }
    }
  }

  @Test
  void readWriteTimeoutDetectsAFrozenConnectionWithoutKeepAlives() throws IOException {
    try (OpenSshServer server = OpenSshServer.start()) {
      SshConfigBuilder config =
          SshConfigBuilder.forServer(server)
              .sshKeepAliveInterval(Duration.ofSeconds(-1))
              .sshReadWriteTimeout(Duration.ofSeconds(2));
      try (Communicator comm = connect(server, config, TestBuildContext.create())) {
        RecordingSink sink =
            new RecordingSink(
                line -> {
                  if (line.equals("started")) {
                    server.freezeConnections();
                  }
                });
        CommandResult result = comm.run(RemoteCommand.of("echo started; sleep 600"), sink);
        assertThat(result.isDisconnected()).isTrue();
      }
    }
  }

  @Test
  void describeAndIdempotentClose() throws IOException {
    Communicator comm = connect();
    assertThat(comm.describe()).isEqualTo("ssh " + sshd.user() + "@127.0.0.1:" + sshd.port());
    comm.close();
    comm.close();
    assertThatThrownBy(() -> comm.run(RemoteCommand.of("true"), new RecordingSink()))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("closed");
  }
}
