package dev.imagebake.communicator.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagebake.sdk.CommandResult;
import dev.imagebake.sdk.Communicator;
import dev.imagebake.sdk.ConnectTarget;
import dev.imagebake.sdk.RemoteCommand;
import dev.imagebake.testing.OpenSshServer;
import dev.imagebake.testing.RecordingSink;
import dev.imagebake.testing.SshConfigBuilder;
import dev.imagebake.testing.TestBuildContext;
import dev.imagebake.testing.TestSshAgent;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Agent forwarding ({@code ssh_disable_agent_forwarding}) against a real sshd and ssh-agent. */
class SshAgentForwardingTest {
  static OpenSshServer sshd;

  @TempDir Path tmp;

  @BeforeAll
  static void start() {
    sshd = OpenSshServer.start();
  }

  @AfterAll
  static void stop() {
    sshd.stop();
  }

  /** Connects with the fixture's key file, the process environment holding only SSH_AUTH_SOCK. */
  static Communicator connect(SshConfigBuilder config, Path agentSocket) throws IOException {
    String socket = agentSocket.toString();
    return new SshConnector(
            Duration.ofMillis(50), name -> name.equals("SSH_AUTH_SOCK") ? socket : null)
        .connect(
            config.communicatorConfig(), ConnectTarget.fromConfig(), TestBuildContext.create());
  }

  record Ran(int status, List<String> stdout) {}

  static Ran run(Communicator comm, String command) throws IOException {
    RecordingSink sink = new RecordingSink();
    CommandResult result = comm.run(RemoteCommand.of(command), sink);
    return new Ran(result.exitStatus(), sink.stdout());
  }

  /** Without a terminal commands run in the long-lived shell; with one, each in its own session. */
  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void remoteCommandsSeeTheLocalAgentsKeys(boolean pty) throws Exception {
    try (TestSshAgent agent =
        TestSshAgent.start(
            tmp.resolve("agent.sock"), tmp.resolve("agent.log"), sshd.unauthorizedKey())) {
      List<String> local = agent.listing();
      assertThat(local).hasSize(1).allMatch(line -> line.contains("SHA256:"));
      try (Communicator comm =
          connect(SshConfigBuilder.forServer(sshd).sshPty(pty), agent.socket())) {
        Ran first = run(comm, "ssh-add -l");
        assertThat(first.status()).isZero();
        assertThat(first.stdout()).isEqualTo(local);
        // A second command, and a second agent connection within one command, work as well.
        Ran twice = run(comm, "ssh-add -l && ssh-add -l");
        assertThat(twice.status()).isZero();
        assertThat(twice.stdout()).containsExactly(local.get(0), local.get(0));
      }
    }
  }

  @Test
  void disabledForwardingLeavesTheMachineWithoutAnAgent() throws Exception {
    try (TestSshAgent agent =
        TestSshAgent.start(
            tmp.resolve("agent.sock"), tmp.resolve("agent.log"), sshd.unauthorizedKey())) {
      SshConfigBuilder config = SshConfigBuilder.forServer(sshd).sshDisableAgentForwarding(true);
      try (Communicator comm = connect(config, agent.socket())) {
        assertThat(run(comm, "echo \"${SSH_AUTH_SOCK:-unset}\"").stdout()).containsExactly("unset");
        // 2: ssh-add could not reach an agent.
        assertThat(run(comm, "ssh-add -l").status()).isEqualTo(2);
      }
    }
  }

  @Test
  void anUnreachableLocalAgentFailsOnlyTheRemoteAgentUse() throws Exception {
    try (Communicator comm =
        connect(SshConfigBuilder.forServer(sshd), tmp.resolve("no-agent-here.sock"))) {
      Ran listing = run(comm, "ssh-add -l");
      // The remote ssh-add reaches sshd's socket, whose channel is refused: it fails (1, "error
      // fetching identities"), and the connection stays usable.
      assertThat(listing.status()).as(listing.toString()).isNotZero();
      assertThat(listing.stdout()).noneMatch(line -> line.contains("SHA256:"));
      assertThat(run(comm, "echo still here").stdout()).containsExactly("still here");
    }
  }
}
