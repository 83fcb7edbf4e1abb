package dev.imagebake.provisioner.ansible;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class AnsibleCommandsTest {
  @Test
  void thePlaybookCommandIsPackersWithoutTheStrayIdentitiesOnly() {
    assertThat(
            AnsibleCommands.playbook(
                "/tmp/packer-provisioner-ansible-local/u1",
                AnsibleLocalConfig.DEFAULT_COMMAND,
                "/tmp/packer-provisioner-ansible-local/u1/site.yml",
                "null",
                "null",
                "ERR_HTTP_ADDR_NOT_IMPLEMENTED_BY_BUILDER",
                List.of("--extra-vars", "foo=bar", "-v"),
                "/tmp/packer-provisioner-ansible-local/u1/packer-provisioner-ansible-local21"))
        .isEqualTo(
            "cd /tmp/packer-provisioner-ansible-local/u1 && ANSIBLE_FORCE_COLOR=1"
                + " PYTHONUNBUFFERED=1 ansible-playbook"
                + " /tmp/packer-provisioner-ansible-local/u1/site.yml --extra-vars"
                + " \"packer_build_name=null packer_builder_type=null"
                + " packer_http_addr=ERR_HTTP_ADDR_NOT_IMPLEMENTED_BY_BUILDER\" --extra-vars"
                + " foo=bar -v -c local -i"
                + " /tmp/packer-provisioner-ansible-local/u1/packer-provisioner-ansible-local21");
  }

  @Test
  void awkwardPathsAndBuildNamesAreQuoted() {
    assertThat(
            AnsibleCommands.playbook(
                "~/my stage",
                "ansible-playbook",
                "~/my stage/it's.yml",
                "my \"$build\"",
                "null",
                "h",
                List.of(),
                "~/my stage/inv"))
        .isEqualTo(
            "cd ~/'my stage' && ansible-playbook ~/'my stage/it'\"'\"'s.yml' --extra-vars"
                + " \"packer_build_name='my \\\"\\$build\\\"' packer_builder_type=null"
                + " packer_http_addr=h\" -c local -i ~/'my stage/inv'");
  }

  @Test
  void galaxyAndHousekeeping() {
    assertThat(AnsibleCommands.galaxy("/s", "ansible-galaxy", "/s/req.yml", "/s/roles"))
        .isEqualTo("cd /s && ansible-galaxy install -r /s/req.yml -p /s/roles");
    assertThat(AnsibleCommands.mkdir("/a b")).isEqualTo("mkdir -p '/a b'");
    assertThat(AnsibleCommands.remove("/a")).isEqualTo("rm -rf /a");
    assertThat(AnsibleCommands.join("/s/", "/home/u/site.yml")).isEqualTo("/s/home/u/site.yml");
    assertThat(AnsibleCommands.join("/s", "site.yml")).isEqualTo("/s/site.yml");
  }
}
