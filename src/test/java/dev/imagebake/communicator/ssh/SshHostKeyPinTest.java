package dev.imagebake.communicator.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imagebake.sdk.Communicator;
import dev.imagebake.sdk.RemoteCommand;
import dev.imagebake.testing.OpenSshServer;
import dev.imagebake.testing.RecordingSink;
import dev.imagebake.testing.SshConfigBuilder;
import dev.imagebake.testing.TestBuildContext;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Within one build the first host key seen is pinned: a real OpenSSH server restarted with another
 * host key (another machine at the address) is refused on every later connection, at once.
 */
@Timeout(120) // a guard against hangs, not a timing assertion
class SshHostKeyPinTest {
  private static Communicator connect(
      OpenSshServer server, SshConfigBuilder config, TestBuildContext ctx) throws IOException {
    return SshRunTest.connect(server, config, ctx);
  }

  @Test
  void aReconnectToAnotherHostKeyFailsAtOnceNamingBothFingerprints() throws IOException {
    try (OpenSshServer server = OpenSshServer.start()) {
      TestBuildContext ctx = TestBuildContext.create();
      try (Communicator comm = connect(server, SshConfigBuilder.forServer(server), ctx)) {
        RecordingSink before = new RecordingSink();
        assertThat(comm.run(RemoteCommand.of("echo before"), before).exitStatus()).isZero();
        String first = server.hostKeyFingerprint();

        server.restartWithNewHostKey();

        String now = server.hostKeyFingerprint();
        assertThat(now).isNotEqualTo(first);
        RecordingSink after = new RecordingSink();
        assertThatThrownBy(() -> comm.run(RemoteCommand.of("echo after"), after))
            .isInstanceOf(IOException.class)
            .hasMessageContaining(
                "host key mismatch for 127.0.0.1:"
                    + server.port()
                    + ": expected "
                    + first
                    + " (the key it showed first in this build), the server offered "
                    + now);
        assertThat(after.stdout()).isEmpty();
        // Still refused on the next call: nothing is ever sent to the other machine.
        assertThatThrownBy(
                () -> comm.upload("/tmp/x", java.io.InputStream.nullInputStream(), 0, 0600))
            .hasMessageContaining("the server offered " + now);
      }
      assertThat(ctx.cancellation().sleeps()).isEmpty();
    }
  }

  @Test
  void theSecondConnectionOfPauseBeforeConnectingMustShowTheSameKey() throws IOException {
    try (OpenSshServer server = OpenSshServer.start()) {
      TestBuildContext ctx = TestBuildContext.create();
      String first = server.hostKeyFingerprint();
      ctx.cancellation().onSleep(server::restartWithNewHostKey);
      SshConfigBuilder config =
          SshConfigBuilder.forServer(server)
              .pauseBeforeConnecting(Duration.ofMillis(10))
              .sshTimeout(Duration.ofMinutes(10));
      assertThatThrownBy(() -> connect(server, config, ctx).close())
          .hasMessage(
              "host key mismatch for 127.0.0.1:"
                  + server.port()
                  + ": expected "
                  + first
                  + " (the key it showed first in this build), the server offered "
                  + server.hostKeyFingerprint());
      // The pause itself, and no wait for ssh_timeout after it.
      assertThat(ctx.cancellation().sleeps()).hasSize(1);
    }
  }

  @Test
  void aConfiguredHostKeyRefusedOnReconnectFailsAtOnce() throws IOException {
    try (OpenSshServer server = OpenSshServer.start()) {
      TestBuildContext ctx = TestBuildContext.create();
      SshConfigBuilder config =
          SshConfigBuilder.forServer(server)
              .sshHostKey(server.hostPublicKey())
              .sshTimeout(Duration.ofMinutes(10));
      try (Communicator comm = connect(server, config, ctx)) {
        String first = server.hostKeyFingerprint();
        server.restartWithNewHostKey();
        assertThatThrownBy(() -> comm.run(RemoteCommand.of("true"), new RecordingSink()))
            .hasMessageContaining(
                "expected "
                    + first
                    + " (ssh_host_key), the server offered "
                    + server.hostKeyFingerprint());
      }
      assertThat(ctx.cancellation().sleeps()).isEmpty();
    }
  }
}
