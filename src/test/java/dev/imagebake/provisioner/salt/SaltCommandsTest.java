package dev.imagebake.provisioner.salt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagebake.provisioner.fixtures.Configs;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The remote command lines, against Packer's observed ones (reference §6.4) and its bugs. */
class SaltCommandsTest {
  private static SaltCommands commands(Object... keys) {
    Map<String, Object> map = new HashMap<>();
    map.put("local_state_tree", "salt");
    for (int i = 0; i < keys.length; i += 2) {
      map.put((String) keys[i], keys[i + 1]);
    }
    return new SaltCommands(Configs.of(SaltMasterlessConfig.class, map));
  }

  @Test
  void defaultsGivePackersSaltCallWithOneSudo() {
    assertThat(commands().runSaltCall())
        .isEqualTo(
            "sudo salt-call --local state.highstate --file-root=/srv/salt"
                + " --pillar-root=/srv/pillar --retcode-passthrough -l info");
  }

  @Test
  void everySaltCallKey() {
    assertThat(
            commands(
                    "custom_state", "web.nginx",
                    "salt_bin_dir", "/opt/salt/bin/",
                    "remote_state_tree", "/srv/my states",
                    "remote_pillar_roots", "/srv/it's pillar",
                    "no_exit_on_failure", true,
                    "log_level", "debug",
                    "disable_sudo", true,
                    "salt_call_args", "pillar='{\"a\": 1}' --state-output=terse")
                .runSaltCall())
        .isEqualTo(
            "/opt/salt/bin/salt-call --local state.sls web.nginx --file-root='/srv/my states'"
                + " --pillar-root='/srv/it'\"'\"'s pillar' -l debug pillar='{\"a\": 1}'"
                + " --state-output=terse");
  }

  @Test
  void aMinionConfigMeansNoRootsOnTheCommandLine() {
    assertThat(commands("minion_config", "minion").runSaltCall())
        .isEqualTo("sudo salt-call --local state.highstate --retcode-passthrough -l info");
  }

  @Test
  void aCustomStateWithBlanksIsOneWord() {
    assertThat(commands("custom_state", "a b").runSaltCall()).contains(" state.sls 'a b' ");
  }

  @Test
  void movingReplacesTheOldTreeInsteadOfNestingIntoIt() {
    assertThat(commands().moveIntoPlace("/tmp/u", "states", "/srv/salt/"))
        .isEqualTo(
            "sudo rm -rf /tmp/salt/states && sudo mv /tmp/u/states /tmp/salt/states"
                + " && sudo rm -rf /srv/salt && sudo mkdir -p /srv && sudo mv /tmp/salt/states"
                + " /srv/salt");
    assertThat(
            commands("disable_sudo", true, "temp_config_dir", "/tmp/my salt/")
                .moveIntoPlace("/tmp/u 1", "grains", "/etc/salt/grains"))
        .isEqualTo(
            "rm -rf '/tmp/my salt/grains' && mv '/tmp/u 1/grains' '/tmp/my salt/grains'"
                + " && rm -rf /etc/salt/grains && mkdir -p /etc/salt && mv '/tmp/my salt/grains'"
                + " /etc/salt/grains");
  }

  @Test
  void bootstrapAndDirectories() {
    assertThat(SaltCommands.downloadBootstrap("/tmp/u/install_salt.sh"))
        .isEqualTo(
            "curl -fsSL -o /tmp/u/install_salt.sh "
                + SaltCommands.BOOTSTRAP_URL
                + " || wget -q -O /tmp/u/install_salt.sh "
                + SaltCommands.BOOTSTRAP_URL);
    assertThat(
            commands("bootstrap_args", "-X stable 3006").installBootstrap("/tmp/u/install_salt.sh"))
        .isEqualTo("sudo sh /tmp/u/install_salt.sh -X stable 3006");
    assertThat(commands().installBootstrap("/tmp/u/install_salt.sh"))
        .isEqualTo("sudo sh /tmp/u/install_salt.sh");
    assertThat(commands().makeTempDir())
        .isEqualTo(
            "if sudo test -d /tmp/salt; then :; else sudo mkdir -p /tmp/salt && echo created; fi");
    assertThat(commands("disable_sudo", true).removeTempDir()).isEqualTo("rm -rf /tmp/salt");
    assertThat(commands("clean", true).removeTrees())
        .isEqualTo("sudo rm -rf /srv/salt /srv/pillar");
  }

  @Test
  void pathHelpers() {
    assertThat(SaltCommands.parent("/srv/salt")).isEqualTo("/srv");
    assertThat(SaltCommands.parent("/srv")).isEqualTo("/");
    assertThat(SaltCommands.parent("salt/")).isEqualTo(".");
    assertThat(SaltCommands.join("/tmp/", "x")).isEqualTo("/tmp/x");
    assertThat(SaltCommands.quote("$(id)")).isEqualTo("'$(id)'");
    assertThat(SaltCommands.quote("~/my salt")).isEqualTo("~/'my salt'");
    assertThat(SaltCommands.quote("~")).isEqualTo("'~'");
  }
}
