package dev.imagebake.provisioner.ansible;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagebake.testing.LocalDirCommunicator;
import dev.imagebake.testing.RecordingUi;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.EnumSet;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.channel.Channel;
import org.apache.sshd.common.channel.ChannelListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The proxy's exit status reaches a client that closes its channel as soon as it sees the end of
 * file, as OpenSSH's connection sharing does (the cause of Ansible's bare "failed to transfer file"
 * through a ControlMaster connection).
 */
class SshProxyExitStatusTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir Path dir;

  @Test
  void theExitStatusIsSentBeforeTheEndOfFile() throws Exception {
    KeyPair user = SshProxy.KeyPairs.rsa();
    CommunicatorQueue queue = new CommunicatorQueue();
    Thread provisioner = new Thread(() -> serve(queue), "provisioner");
    provisioner.start();
    SshClient client = SshClient.setUpDefaultClient();
    client.start();
    try (SshProxy proxy =
        SshProxy.start(
            0,
            "packer",
            new SshProxy.GeneratedKey(user.getPublic()),
            null,
            AnsibleConfig.DEFAULT_SFTP_COMMAND,
            new LocalDirCommunicator(dir),
            queue,
            new RecordingUi())) {
      try (ClientSession session =
          client.connect("packer", "127.0.0.1", proxy.port()).verify(WAIT).getSession()) {
        session.addPublicKeyIdentity(user);
        session.auth().verify(WAIT);
        // LocalDirCommunicator answers anything but mkdir with 127.
        ChannelExec exec = session.createExecChannel("hostname");
        AtomicReference<Integer> statusAtEof = new AtomicReference<>(-1);
        exec.addChannelListener(
            new ChannelListener() {
              @Override
              public void channelStateChanged(Channel channel, String hint) {
                if ("SSH_MSG_CHANNEL_EOF".equals(hint)) {
                  statusAtEof.set(exec.getExitStatus());
                }
              }
            });
        exec.open().verify(WAIT);
        exec.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), WAIT);

        assertThat(exec.getExitStatus()).isEqualTo(127);
        assertThat(statusAtEof.get())
            .as("exit status known when the end of file came")
            .isEqualTo(127);
      }
    } finally {
      client.stop();
      queue.close();
      provisioner.join();
    }
  }

  private static void serve(CommunicatorQueue queue) {
    try {
      queue.serve();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
