package dev.imagebake.provisioner.ansible;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagebake.provisioner.fixtures.Configs;
import dev.imagebake.testing.RecordingConfigCheck;
import dev.imagebake.testing.RecordingConfigCheck.Problem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnsibleLocalCheckTest {
  @TempDir Path dir;

  @BeforeEach
  void files() throws IOException {
    Files.writeString(dir.resolve("site.yml"), "- hosts: all\n");
    Files.createDirectories(dir.resolve("roles/web"));
  }

  private List<Problem> check(Map<String, ?> keys) {
    RecordingConfigCheck check = new RecordingConfigCheck(dir);
    new AnsibleLocalProvisionerFactory().check(Configs.of(AnsibleLocalConfig.class, keys), check);
    return check.errorProblems();
  }

  @Test
  void everyLocalPathThatExistsIsValid() {
    assertThat(
            check(
                Map.of(
                    "playbook_files", List.of("site.yml", "site.yml"),
                    "playbook_dir", "roles",
                    "role_paths", List.of("roles/web"),
                    "playbook_paths", List.of("roles"),
                    "group_vars", "roles",
                    "host_vars", "roles/web",
                    "inventory_file", "site.yml",
                    "galaxy_file", "site.yml")))
        .isEmpty();
  }

  @Test
  void exactlyOnePlaybookKey() {
    assertThat(check(Map.of()))
        .containsExactly(
            new Problem(null, "Either playbook_file or playbook_files must be specified"));
    assertThat(check(Map.of("playbook_file", "site.yml", "playbook_files", List.of("site.yml"))))
        .containsExactly(
            new Problem(
                "playbook_file",
                "Either playbook_file or playbook_files can be specified, not both"));
  }

  @Test
  void everyBadPathIsReportedAtItsKey() {
    assertThat(
            check(
                Map.of(
                    "playbook_files", List.of("site.yml", "roles"),
                    "role_paths", List.of("roles/web", "site.yml", "site.yml/x"))))
        .containsExactly(
            new Problem("playbook_files/1", "playbook_files: roles must point to a file"),
            new Problem("role_paths/1", "role_paths: site.yml must point to a directory"),
            new Problem(
                "role_paths/2",
                "role_paths: site.yml/x is invalid: stat site.yml/x: not a directory"));
  }
}
