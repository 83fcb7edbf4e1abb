package dev.imagebake.provisioner.ansible;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagebake.communicator.docker.DockerCommunicatorFactory;
import dev.imagebake.docker.DockerEngine;
import dev.imagebake.provisioner.fixtures.Configs;
import dev.imagebake.sdk.Communicator;
import dev.imagebake.sdk.CommunicatorConfig;
import dev.imagebake.sdk.ConnectTarget;
import dev.imagebake.testing.DockerTestEngine;
import dev.imagebake.testing.TestBuildContext;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The remote ansible provisioner through the docker communicator (a container of the Debian base
 * image, which has python3): Ansible's commands and files reach the container only through the
 * proxy, as in a Packer docker build.
 */
class AnsibleDockerTest {
  private static DockerEngine engine;
  private static String container;

  @TempDir Path dir;

  @BeforeAll
  static void startContainer() {
    engine = DockerTestEngine.engine();
    container = DockerTestEngine.startContainer(engine.api());
  }

  @AfterAll
  static void removeContainer() {
    engine.api().removeContainerCmd(container).withForce(true).exec();
    engine.close();
  }

  @Test
  void thePlaybookChangesTheContainer() throws Exception {
    Files.writeString(
        dir.resolve("site.yml"),
        """
        - hosts: all
          gather_facts: false
          tasks:
            - name: write into the container
              copy:
                content: "made by {{ packer_builder_type }}\\n"
                dest: /etc/imagebake-ansible
                mode: "0644"
            - name: read the container's os-release
              command: "grep -c bookworm /etc/os-release"
        """);
    TestBuildContext test =
        TestBuildContext.create().withWorkingDirectory(dir).withBuild("box", "docker");
    try (Communicator comm =
        new DockerCommunicatorFactory()
            .connect(
                new CommunicatorConfig("docker", null, null, null),
                new ConnectTarget(null, 0, null, Map.of("container_id", container)),
                test)) {
      try {
        new AnsibleProvisioner(
                Configs.of(
                    AnsibleConfig.class,
                    Map.of(
                        "playbook_file",
                        "site.yml",
                        "extra_arguments",
                        List.of("-v"),
                        // Every module goes to python on its standard input.
                        "ansible_env_vars",
                        List.of("ANSIBLE_PIPELINING=True"))))
            .provision(test, comm, Map.of("ConnType", "docker"));
      } catch (Exception e) {
        test.ui().lines().forEach(System.err::println);
        throw e;
      }

      ByteArrayOutputStream written = new ByteArrayOutputStream();
      comm.download("/etc/imagebake-ansible", written);
      assertThat(written.toString(StandardCharsets.UTF_8)).isEqualTo("made by docker\n");
    }
    // The file is in the container, not on this machine.
    assertThat(Path.of("/etc/imagebake-ansible")).doesNotExist();
    assertThat(test.ui().said())
        .anySatisfy(
            l ->
                assertThat(l)
                    .startsWith("Executing Ansible: ansible-playbook -e packer_build_name=\"box\"")
                    // No ssh connection type: Packer adds no --ssh-extra-args.
                    .doesNotContain("--ssh-extra-args"));
    assertThat(test.ui().messages())
        .anySatisfy(m -> assertThat(m).contains("\"stdout\": \"3\""))
        // Interpreter discovery's script reached python on its standard input.
        .noneMatch(m -> m.contains("WARNING"));
  }
}
