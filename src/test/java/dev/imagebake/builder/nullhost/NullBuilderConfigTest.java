package dev.imagebake.builder.nullhost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.imagebake.config.BindResult;
import dev.imagebake.config.Blocks;
import dev.imagebake.config.ConfigBinder;
import dev.imagebake.config.PluginRegistry;
import dev.imagebake.config.TestLocations;
import dev.imagebake.config.TestRenderers;
import dev.imagebake.diag.Diagnostic;
import dev.imagebake.diag.Severity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NullBuilderConfigTest {
  @TempDir Path dir;

  private BindResult<NullBuilderConfig> bind(String json, Map<String, String> env) {
    ConfigBinder binder =
        new ConfigBinder(dir, dir.resolve("home"), env, PluginRegistry.load()::communicator);
    return binder.bind(
        new NullBuilderFactory(),
        Blocks.at(json, "/builders/0"),
        "/builders/0",
        TestLocations.of(json),
        TestRenderers.variables(Map.of("user", "ubuntu")));
  }

  private BindResult<NullBuilderConfig> bind(String json) {
    return bind(json, Map.of("SSH_AUTH_SOCK", "/tmp/agent.sock"));
  }

  @Test
  void missingHostUserAndAuthAreReportedTogetherAtTheBlock() {
    String json = "{\n  \"builders\": [\n    {\n      \"type\": \"null\"\n    }\n  ]\n}\n";

    BindResult<NullBuilderConfig> result = bind(json);

    assertThat(result.config()).isNull();
    assertThat(result.diagnostics())
        .extracting(Diagnostic::message, d -> d.source().line(), d -> d.source().column())
        .containsExactly(
            tuple("An ssh_username must be specified", 3, 5),
            tuple(
                "a Host must be specified, please reference your communicator documentation", 3, 5),
            tuple(
                "a Username must be specified, please reference your communicator documentation",
                3,
                5),
            tuple(
                "one authentication method must be specified, please reference your communicator"
                    + " documentation",
                3,
                5));
    assertThat(result.diagnostics().get(0).hint())
        .isEqualTo("Note: some builders used to default ssh_username to \"root\".");
  }

  @Test
  void twoAuthMethodsAreOneErrorAtThePresentKeys() {
    String json =
        """
        {"builders": [{"type": "null", "ssh_host": "h", "ssh_username": "u",
          "ssh_password": "p", "ssh_agent_auth": true}]}
        """;

    BindResult<NullBuilderConfig> result = bind(json);

    assertThat(result.diagnostics())
        .extracting(Diagnostic::message)
        .containsExactly(
            "only one of ssh_agent_auth, ssh_password, and ssh_private_key_file must be"
                + " specified");
  }

  @Test
  void validBlockBindsWithWeakValuesAndRenderedStrings() {
    String json =
        """
        {"builders": [{"type": "null", "ssh_host": "10.0.0.5", "ssh_username": "{{user `user`}}",
          "ssh_password": "pw", "ssh_port": "2222", "ssh_pty": "true", "ssh_timeout": "1h30m",
          "ssh_ciphers": "aes128-ctr,aes256-ctr", "packer_build_name": "x"}]}
        """;

    BindResult<NullBuilderConfig> result = bind(json);

    assertThat(result.diagnostics()).isEmpty();
    var ssh = result.config().comm().ssh();
    assertThat(ssh.sshUsername()).isEqualTo("ubuntu");
    assertThat(ssh.port()).isEqualTo(2222);
    assertThat(ssh.pty()).isTrue();
    assertThat(ssh.timeout()).isEqualTo(Duration.ofMinutes(90));
    assertThat(ssh.sshCiphers()).containsExactly("aes128-ctr", "aes256-ctr");
    assertThat(result.config().comm().type()).isEqualTo("ssh");
  }

  @Test
  void noneCommunicatorNeedsNothingElse() {
    String json = "{\"builders\": [{\"type\": \"null\", \"communicator\": \"none\"}]}";

    BindResult<NullBuilderConfig> result = bind(json);

    assertThat(result.diagnostics()).isEmpty();
    assertThat(result.config().comm().type()).isEqualTo("none");
  }

  @Test
  void unknownKeyPointsAtTheKeyWithASuggestion() {
    String json =
        "{\"builders\": [{\"type\": \"null\", \"communicator\": \"none\",\n"
            + "  \"ssh_usernme\": \"u\"}]}";

    BindResult<NullBuilderConfig> result = bind(json);

    assertThat(result.config()).isNull();
    Diagnostic d = result.diagnostics().get(0);
    assertThat(d.message()).isEqualTo("unknown configuration key: 'ssh_usernme'");
    assertThat(d.hint()).isEqualTo("did you mean 'ssh_username'?");
    assertThat(d.source().line()).isEqualTo(2);
    assertThat(d.source().column()).isEqualTo(3);
    assertThat(d.source().pointer()).isEqualTo("/builders/0/ssh_usernme");
  }

  /**
   * The keys Packer 1.6.6's null builder refuses as "Deprecated" (packer validate, side by side).
   */
  @Test
  void packersDeprecatedKeysAreDeprecatedHereToo() {
    String json =
        "{\"builders\": [{\"type\": \"null\", \"communicator\": \"none\","
            + " \"iso_md5\": \"x\", \"iso_checksum_type\": \"md5\", \"iso_checksum_url\": \"u\","
            + " \"ssh_disable_agent\": true, \"ssh_host_port_min\": 1, \"ssh_host_port_max\": 2,"
            + " \"ssh_skip_nat_mapping\": true}]}";

    BindResult<NullBuilderConfig> result = bind(json);

    assertThat(result.diagnostics())
        .extracting(d -> d.message().replaceAll("\\. Please call `imagebake fix`.*", ""))
        .containsExactlyInAnyOrder(
            "Deprecated configuration key: 'iso_md5'",
            "Deprecated configuration key: 'iso_checksum_type'",
            "Deprecated configuration key: 'iso_checksum_url'",
            "Deprecated configuration key: 'ssh_disable_agent'",
            "Deprecated configuration key: 'ssh_host_port_min'",
            "Deprecated configuration key: 'ssh_host_port_max'",
            "Deprecated configuration key: 'ssh_skip_nat_mapping'");
    assertThat(result.diagnostics()).allMatch(Diagnostic::isError);
  }

  @Test
  void renamedKeyGetsPackersDeprecationMessage() {
    String json =
        "{\"builders\": [{\"type\": \"null\", \"communicator\": \"none\","
            + " \"ssh_key_path\": \"k\"}]}";

    BindResult<NullBuilderConfig> result = bind(json);

    assertThat(result.diagnostics())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.message())
                  .startsWith(
                      "Deprecated configuration key: 'ssh_key_path'. Please call `imagebake fix` (Packer's `packer fix`)");
              assertThat(d.hint()).isEqualTo("use 'ssh_private_key_file' instead");
            });
  }

  @Test
  void sshWaitTimeoutIsStillAcceptedAndWins() {
    String json =
        """
        {"builders": [{"type": "null", "ssh_host": "h", "ssh_username": "u", "ssh_password": "p",
          "ssh_timeout": "5m", "ssh_wait_timeout": "10m"}]}
        """;

    BindResult<NullBuilderConfig> result = bind(json);

    assertThat(result.diagnostics()).isEmpty();
    assertThat(result.config().comm().ssh().timeout()).isEqualTo(Duration.ofMinutes(10));
  }

  @Test
  void templateErrorPointsInsideTheString() {
    String json =
        "{\"builders\": [{\"type\": \"null\", \"communicator\": \"none\",\n"
            + "  \"ssh_host\": \"ab{{bad}}\"}]}";

    BindResult<NullBuilderConfig> result = bind(json);

    Diagnostic d = result.diagnostics().get(0);
    assertThat(d.message()).isEqualTo("invalid 'ssh_host': function \"bad\" not defined");
    assertThat(d.source().line()).isEqualTo(2);
    // The value's quote is at column 15; "ab" comes first.
    assertThat(d.source().column()).isEqualTo(18);
  }

  @Test
  void wrongTypesAreReportedPerValue() {
    String json =
        """
        {"builders": [{"type": "null", "communicator": "none", "ssh_port": "abc",
          "ssh_pty": "yes", "ssh_timeout": "30", "ssh_ciphers": [{}], "ssh_host": [1]}]}
        """;

    BindResult<NullBuilderConfig> result = bind(json);

    assertThat(result.diagnostics())
        .extracting(Diagnostic::message)
        .containsExactlyInAnyOrder(
            "ssh_port: expected an integer, got \"abc\"",
            "ssh_pty: expected a boolean, got \"yes\"",
            "error decoding 'ssh_timeout': time: missing unit in duration \"30\"",
            "ssh_ciphers[0]: expected a string, got an object",
            "ssh_host: expected a string, got an array");
  }

  @Test
  void renderedValueOfTheWrongTypeIsReportedByTheBinder() {
    String json =
        """
        {"builders": [{"type": "null", "communicator": "none",
          "ssh_timeout": "{{user `user`}}"}]}
        """;

    BindResult<NullBuilderConfig> result = bind(json);

    assertThat(result.diagnostics())
        .extracting(Diagnostic::message)
        .containsExactly("error decoding 'ssh_timeout': time: invalid duration \"ubuntu\"");
  }

  @Test
  void communicatorChecksUsePackersWording() throws Exception {
    Path notAKey = Files.writeString(dir.resolve("notakey"), "hello\n");
    String json =
        """
        {"builders": [{"type": "null", "ssh_host": "h", "ssh_username": "u",
          "ssh_private_key_file": "%s", "ssh_bastion_host": "b", "ssh_proxy_host": "p",
          "ssh_local_tunnels": ["abc", "8080:localhost:80", "127.0.0.1:8080:localhost:80"],
          "ssh_remote_tunnels": "1:h"}]}
        """
            .formatted(notAKey.getFileName());

    BindResult<NullBuilderConfig> result = bind(json);

    assertThat(result.diagnostics())
        .extracting(Diagnostic::message)
        .containsExactlyInAnyOrder(
            "ssh_private_key_file is invalid: Error setting up SSH config: Failed to read key"
                + " 'notakey': no key found",
            "please specify either ssh_bastion_host or ssh_proxy_host, not both",
            "ssh_local_tunnels ('abc') is invalid: Error parsing tunnel 'abc': [abc]",
            "ssh_remote_tunnels ('1:h') is invalid: Error parsing forwarding, must be a tcp"
                + " address: address h: missing port in address");
  }

  @Test
  void missingKeyFileIsReportedLikePacker() {
    String json =
        """
        {"builders": [{"type": "null", "ssh_host": "h", "ssh_username": "u",
          "ssh_private_key_file": "/nonexistent/id"}]}
        """;

    assertThat(bind(json).diagnostics())
        .extracting(Diagnostic::message)
        .containsExactly(
            "ssh_private_key_file is invalid: stat /nonexistent/id: no such file or directory");
  }

  @Test
  void realKeysAreAcceptedAndEncryptedOnesRefused() throws Exception {
    Path plain = dir.resolve("id_plain");
    Path encrypted = dir.resolve("id_enc");
    keygen(plain, "ed25519", false, "");
    keygen(encrypted, "ed25519", false, "secret-passphrase");
    String template =
        """
        {"builders": [{"type": "null", "ssh_host": "h", "ssh_username": "u",
          "ssh_private_key_file": "%s"}]}
        """;

    assertThat(bind(template.formatted(plain)).diagnostics()).isEmpty();
    assertThat(bind(template.formatted(encrypted)).diagnostics())
        .extracting(Diagnostic::message)
        .containsExactly(
            "ssh_private_key_file is invalid: Error setting up SSH config: ssh: this private key"
                + " is passphrase protected");
  }

  @Test
  void agentAuthWithoutAgentIsOnlyAWarning() {
    String json =
        """
        {"builders": [{"type": "null", "ssh_host": "h", "ssh_username": "u",
          "ssh_agent_auth": true}]}
        """;

    BindResult<NullBuilderConfig> result = bind(json, Map.of());

    assertThat(result.config()).isNotNull();
    assertThat(result.diagnostics())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.severity()).isEqualTo(Severity.WARNING);
              assertThat(d.message()).startsWith("SSH_AUTH_SOCK is not set");
            });
  }

  @Test
  void winrmIsRefusedWithOneClearError() {
    String json =
        "{\"builders\": [{\"type\": \"null\", \"communicator\": \"winrm\","
            + " \"winrm_username\": \"Administrator\"}]}";

    assertThat(bind(json).diagnostics())
        .extracting(Diagnostic::message)
        .containsExactly("the winrm communicator is not supported by imagebake yet");
  }

  @Test
  void hostKeyOptionsAreExclusiveAndChecked() {
    String json =
        """
        {"builders": [{"type": "null", "ssh_host": "h", "ssh_username": "u", "ssh_password": "p",
          "ssh_host_key": "ssh-ed25519 AAAA", "ssh_known_hosts_file": "missing_known_hosts"}]}
        """;

    assertThat(bind(json).diagnostics())
        .extracting(Diagnostic::message)
        .containsExactlyInAnyOrder(
            "only one of ssh_host_key and ssh_known_hosts_file may be set",
            "ssh_host_key is invalid: the key data of the ssh-ed25519 key is not valid",
            "ssh_known_hosts_file is invalid: stat missing_known_hosts: no such file or"
                + " directory");
  }

  @Test
  void fingerprintHostKeyIsAccepted() {
    String json =
        """
        {"builders": [{"type": "null", "ssh_host": "h", "ssh_username": "u", "ssh_password": "p",
          "ssh_host_key": "SHA256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU"}]}
        """;

    assertThat(bind(json).diagnostics()).isEmpty();
  }

  @Test
  void pemKeysAreAcceptedAndEncryptedPemRefusedLikePacker() throws Exception {
    Path rsa = dir.resolve("id_rsa");
    Path ecdsa = dir.resolve("id_ecdsa");
    Path encrypted = dir.resolve("id_rsa_enc");
    keygen(rsa, "rsa", true, "");
    keygen(ecdsa, "ecdsa", true, "");
    keygen(encrypted, "rsa", true, "secret-passphrase");
    String template =
        """
        {"builders": [{"type": "null", "ssh_host": "h", "ssh_username": "u",
          "ssh_private_key_file": "%s"}]}
        """;

    assertThat(bind(template.formatted(rsa)).diagnostics()).isEmpty();
    assertThat(bind(template.formatted(ecdsa)).diagnostics()).isEmpty();
    assertThat(bind(template.formatted(encrypted)).diagnostics())
        .extracting(Diagnostic::message)
        .containsExactly(
            "ssh_private_key_file is invalid: Error setting up SSH config: Failed to read key '"
                + encrypted
                + "': password protected keys are not supported. Please decrypt the key prior to"
                + " use.");
  }

  private static void keygen(Path file, String type, boolean pem, String passphrase)
      throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of("ssh-keygen", "-q", "-t", type, "-N", passphrase, "-f", file.toString()));
    if (pem) {
      command.addAll(List.of("-m", "PEM"));
    }
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    p.getInputStream().readAllBytes();
    assertThat(p.waitFor()).isZero();
  }
}
