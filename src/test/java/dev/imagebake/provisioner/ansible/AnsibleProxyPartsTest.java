package dev.imagebake.provisioner.ansible;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagebake.provisioner.fixtures.Configs;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The small pure parts of the remote ansible provisioner, against Packer 1.6.6's behaviour. */
class AnsibleProxyPartsTest {
  @Test
  void argumentsFollowPackersOrder() {
    AnsibleConfig config =
        Configs.of(AnsibleConfig.class, Map.of("extra_arguments", List.of("-v", "-e", "a=b")));
    assertThat(
            PlaybookArguments.of(
                config,
                "web \"1\"",
                "qemu",
                "10.0.2.2:8080",
                "ssh",
                "/k",
                List.of(),
                "/inv",
                "/pb.yml"))
        .containsExactly(
            "-e",
            "packer_build_name=\"web \\\"1\\\"\"",
            "-e",
            "packer_builder_type=qemu",
            "-e",
            "packer_http_addr=10.0.2.2:8080",
            "--ssh-extra-args",
            "'-o IdentitiesOnly=yes'",
            "-v",
            "-e",
            "a=b",
            "-e",
            "ansible_ssh_private_key_file=/k",
            "-i",
            "/inv",
            "/pb.yml");
  }

  @Test
  void aPasswordReplacesTheKeyAndNoHttpServerNoSshMeansFewerArguments() {
    AnsibleConfig config =
        Configs.of(
            AnsibleConfig.class,
            Map.of(
                "extra_arguments", List.of("-e", "ansible_password=x"),
                "ansible_ssh_extra_args", List.of("-o A=b ", "-o C=d")));
    assertThat(
            PlaybookArguments.of(
                config,
                "",
                "null",
                PlaybookArguments.HTTP_ADDR_NOT_IMPLEMENTED,
                "ssh",
                "/k",
                List.of(),
                "/inv",
                "/pb.yml"))
        .containsExactly(
            "-e",
            "packer_builder_type=null",
            "--ssh-extra-args",
            "'-o A=b -o C=d'",
            "-e",
            "ansible_password=x",
            "-e",
            "ansible_host_key_checking=False",
            "-i",
            "/inv",
            "/pb.yml");
    assertThat(
            PlaybookArguments.of(
                Configs.of(AnsibleConfig.class),
                "b",
                "docker",
                null,
                "docker",
                "/k",
                List.of(),
                "/inv",
                "/pb.yml"))
        .doesNotContain("--ssh-extra-args")
        .contains("ansible_ssh_private_key_file=/k");
  }

  @Test
  void packersEnvironmentDefaultsAndTheScpProtocolFlag() {
    AnsibleConfig plain =
        Configs.of(AnsibleConfig.class, Map.of("ansible_env_vars", List.of("A=1")));
    assertThat(new AnsibleProvisioner(plain).envVars())
        .containsExactly(
            "A=1",
            "ANSIBLE_HOST_KEY_CHECKING=False",
            "ANSIBLE_SCP_IF_SSH=True",
            "ANSIBLE_SCP_EXTRA_ARGS=-O");
    AnsibleConfig own =
        Configs.of(
            AnsibleConfig.class,
            Map.of(
                "ansible_env_vars",
                List.of("ANSIBLE_SCP_EXTRA_ARGS=-l 10"),
                "ssh_host_key_file",
                "k"));
    assertThat(new AnsibleProvisioner(own).envVars())
        .containsExactly("ANSIBLE_SCP_EXTRA_ARGS=-l 10", "ANSIBLE_SCP_IF_SSH=True");
    AnsibleConfig sftp = Configs.of(AnsibleConfig.class, Map.of("use_sftp", true));
    assertThat(new AnsibleProvisioner(sftp).envVars())
        .containsExactly("ANSIBLE_HOST_KEY_CHECKING=False");
  }

  @Test
  void scpCommandsAreRecognisedAndTheirPathUnquotedAsPackerDoes() {
    assertThat(ScpSession.serves("scp -t /tmp/x")).isTrue();
    assertThat(ScpSession.serves("scp -v -f -- '/tmp/a b'")).isTrue();
    assertThat(ScpSession.serves("scp /a /b")).isFalse();
    assertThat(ScpSession.serves("/bin/sh -c 'scp -t x'")).isFalse();
    assertThat(ScpSession.options("-v -f -- '/tmp/a b'")).containsExactly("vf", "'/tmp/a b'");
    assertThat(ShellWords.join("'/tmp/it'\"'\"'s'")).isEqualTo("/tmp/it's");
    assertThat(ShellWords.join("\"/a/\\$b\"")).isEqualTo("/a/$b");
  }
}
