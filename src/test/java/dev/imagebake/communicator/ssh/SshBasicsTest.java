package dev.imagebake.communicator.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagebake.sdk.CommandResult;
import dev.imagebake.sdk.Communicator;
import dev.imagebake.sdk.ConnectTarget;
import dev.imagebake.sdk.OutputSink;
import dev.imagebake.sdk.RemoteCommand;
import dev.imagebake.testing.OpenSshServer;
import dev.imagebake.testing.SshConfigBuilder;
import dev.imagebake.testing.TestBuildContext;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SshBasicsTest {
  static OpenSshServer sshd;

  @BeforeAll
  static void start() {
    sshd = OpenSshServer.start();
  }

  @AfterAll
  static void stop() {
    sshd.stop();
  }

  @Test
  void connectsRunsCommandAndUploads() throws Exception {
    TestBuildContext ctx = TestBuildContext.create();
    try (Communicator comm =
        new SshConnector()
            .connect(
                SshConfigBuilder.forServer(sshd).communicatorConfig(),
                ConnectTarget.fromConfig(),
                ctx)) {
      List<String> out = new ArrayList<>();
      List<String> err = new ArrayList<>();
      CommandResult result =
          comm.run(
              RemoteCommand.of("echo hello; echo oops >&2; exit 3"),
              new OutputSink() {
                @Override
                public void stdout(String line) {
                  out.add(line);
                }

                @Override
                public void stderr(String line) {
                  err.add(line);
                }
              });
      assertThat(result.exitStatus()).isEqualTo(3);
      assertThat(out).containsExactly("hello");
      assertThat(err).containsExactly("oops");

      Path remote = sshd.directory().resolve("uploaded.txt");
      byte[] data = "content\n".getBytes(StandardCharsets.UTF_8);
      comm.upload(remote.toString(), new ByteArrayInputStream(data), data.length, 0640);
      assertThat(Files.readString(remote)).isEqualTo("content\n");
      assertThat(comm.describe()).isEqualTo("ssh " + sshd.user() + "@127.0.0.1:" + sshd.port());
    }
    assertThat(ctx.ui().said())
        .startsWith(
            "Using ssh communicator to connect: 127.0.0.1",
            "Waiting for SSH to become available...",
            "Connected to SSH!")
        .contains("Host key fingerprint: " + sshd.hostKeyFingerprint());
  }
}
