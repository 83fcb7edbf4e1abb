package dev.imagebake.communicator.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagebake.sdk.Communicator;
import dev.imagebake.sdk.ConnectTarget;
import dev.imagebake.sdk.OutputSink;
import dev.imagebake.sdk.RemoteCommand;
import dev.imagebake.testing.OpenSshServer;
import dev.imagebake.testing.SshConfigBuilder;
import dev.imagebake.testing.TestBuildContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.Security;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every key type users bring works with the JDK's cryptography alone: BouncyCastle is never
 * registered as a provider (its registration is most of a build's start-up cost).
 */
class SshCryptoTest {
  static OpenSshServer sshd;

  @BeforeAll
  static void start() {
    sshd = OpenSshServer.start();
  }

  @AfterAll
  static void stop() {
    sshd.stop();
  }

  @ParameterizedTest
  @ValueSource(strings = {"ecdsa openssh", "ecdsa PEM", "rsa PEM", "rsa PKCS8", "ed25519 openssh"})
  void keyTypeAuthenticatesWithoutBouncyCastleRegistered(String kind) throws Exception {
    String[] parts = kind.split(" ");
    Path key = sshd.directory().resolve("key-" + parts[0] + "-" + parts[1]);
    ProcessBuilder keygen =
        new ProcessBuilder("ssh-keygen", "-q", "-t", parts[0], "-N", "", "-f", key.toString());
    if (!parts[1].equals("openssh")) {
      keygen.command().addAll(java.util.List.of("-m", parts[1]));
    }
    assertThat(keygen.start().waitFor()).isZero();
    Files.writeString(
        sshd.directory().resolve("authorized_keys"),
        Files.readString(Path.of(key + ".pub")),
        StandardOpenOption.APPEND);

    try (Communicator comm =
        new SshConnector()
            .connect(
                SshConfigBuilder.forServer(sshd)
                    .sshPrivateKeyFile(key.toString())
                    .communicatorConfig(),
                ConnectTarget.fromConfig(),
                TestBuildContext.create())) {
      assertThat(
              comm.run(RemoteCommand.of("true"), OutputSink.of(TestBuildContext.create().ui()))
                  .exitStatus())
          .isZero();
    }
    assertThat(Security.getProvider("BC")).isNull();
  }
}
