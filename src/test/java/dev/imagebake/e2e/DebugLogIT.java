package dev.imagebake.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagebake.testing.OpenSshServer;
import dev.imagebake.testing.digitalocean.FakeDigitalOcean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Packer's debug log through {@code bin/imagebake}: {@code PACKER_LOG=1} with {@code
 * PACKER_LOG_PATH} writes the remote commands of a build against a real sshd to the file, each line
 * time-stamped, and leaves stdout as it is without the log; {@code IMAGEBAKE_LOG} logs the cloud
 * API's HTTP calls and masks a sensitive variable, an ssh_password and an API token.
 */
class DebugLogIT {
  /** Packer's line start: {@code 2026/12/07 18:00:00 }. */
  private static final Pattern STAMPED =
      Pattern.compile("^\\d{4}/\\d{2}/\\d{2} \\d{2}:\\d{2}:\\d{2} \\[[A-Z]+\\] .*");

  private static final Pattern ANY_STAMPED_LINE =
      Pattern.compile("(?m)^\\d{4}/\\d{2}/\\d{2} \\d{2}:\\d{2}:\\d{2} \\[");

  private static OpenSshServer sshd;

  @TempDir Path work;

  @BeforeAll
  static void startSshd() {
    sshd = OpenSshServer.start();
  }

  @AfterAll
  static void stopSshd() {
    sshd.close();
  }

  @Test
  void packerLogPathGetsTheRemoteCommandsAndStdoutStaysTheSame() throws Exception {
    Path template =
        Files.writeString(
            work.resolve("t.json"),
            """
            {"builders": [%s],
             "provisioners": [{"type": "shell", "inline": ["echo hello from the guest"],
                               "environment_vars": ["GREETING=logged-in-the-command"]}]}
            """
                .formatted(sshd.nullBuilder()));
    Path log = work.resolve("packer.log");
    Files.writeString(log, "kept from before\n");

    Launcher.Result plain = Launcher.run(work, "build", template.toString());
    Launcher.Result logged =
        Launcher.run(
            work,
            Map.of("PACKER_LOG", "1", "PACKER_LOG_PATH", log.toString()),
            "build",
            template.toString());

    assertThat(plain.exitCode()).as(plain.all()).isZero();
    assertThat(logged.exitCode()).as(logged.all()).isZero();
    assertThat(withoutDurations(logged.stdout())).isEqualTo(withoutDurations(plain.stdout()));
    assertThat(logged.stdout()).contains("null: hello from the guest");
    assertThat(logged.stderr()).doesNotContainPattern(ANY_STAMPED_LINE);
    List<String> lines = Files.readAllLines(log);
    assertThat(lines.get(0)).as("appended, as Packer").isEqualTo("kept from before");
    assertThat(lines.subList(1, lines.size()))
        .isNotEmpty()
        .allSatisfy(line -> assertThat(line).matches(STAMPED));
    String text = String.join("\n", lines);
    assertThat(text)
        .as(text)
        .containsPattern("\\[DEBUG\\] communicator\\.ssh: connected to \\S+ after \\d+ ms")
        .containsPattern("\\[DEBUG\\] communicator\\.ssh: starting remote command: chmod ")
        // The command's later lines, each time-stamped too.
        .containsPattern("\\[DEBUG\\] communicator\\.ssh: .*GREETING='logged-in-the-command'")
        .containsPattern("\\[DEBUG\\] communicator\\.ssh: remote command exited with: 0 after")
        .containsPattern("\\[DEBUG\\] engine: null: step StepProvision OK after \\d+ ms");
  }

  @Test
  void imagebakeLogMasksEverySecretAndLogsTheApiCalls() throws Exception {
    String variableSecret = "variable-secret-4711";
    String sshPassword = "ssh-password-0815";
    try (FakeDigitalOcean api = FakeDigitalOcean.start()) {
      api.world().pollsToComplete(0).keyAuthorizer(sshd::authorize);
      Path template =
          Files.writeString(
              work.resolve("do.json"),
              """
              {"variables": {"secret": "%s", "token": "{{env `DIGITALOCEAN_API_TOKEN`}}",
                             "password": "%s"},
               "sensitive-variables": ["secret"],
               "builders": [{"type": "digitalocean", "api_url": "%s", "region": "nyc3",
                             "size": "s-1vcpu-1gb", "image": "ubuntu-20-04-x64",
                             "ssh_username": "%s", "ssh_port": %d,
                             "ssh_password": "{{user `password`}}"}],
               "provisioners": [{"type": "shell", "inline": ["true"],
                                 "environment_vars": ["A={{user `secret`}}",
                                                      "B={{user `token`}}",
                                                      "C={{user `password`}}"]}]}
              """
                  .formatted(variableSecret, sshPassword, api.url(), sshd.user(), sshd.port()));
      Launcher.Result r =
          Launcher.run(
              work,
              Map.of("IMAGEBAKE_LOG", "1", "DIGITALOCEAN_API_TOKEN", api.token()),
              "build",
              template.toString());

      assertThat(r.exitCode()).as(r.all()).isZero();
      assertThat(r.stderr())
          .as(r.stderr())
          .containsPattern(
              "\\[DEBUG\\] builder\\.digitalocean: POST \\S+/v2/droplets \\(attempt 1\\): 201 in \\d+ ms")
          .containsPattern("\\[DEBUG\\] communicator\\.ssh: starting remote command: ")
          .containsPattern(
              "\\[DEBUG\\] communicator\\.ssh: .*A='<sensitive>' B='<sensitive>' C='<sensitive>'");
      assertThat(r.all()).doesNotContain(variableSecret, sshPassword, api.token());
    }
  }

  /** Build and wait times and the uploaded script's local name differ between runs. */
  private static String withoutDurations(String out) {
    return out.replaceAll("after [^\\n]*", "after <duration>")
        .replaceAll("packer-shell\\d+", "packer-shell<n>");
  }
}
