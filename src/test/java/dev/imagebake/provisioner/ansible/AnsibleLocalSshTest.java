package dev.imagebake.provisioner.ansible;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imagebake.communicator.ssh.SshCommunicatorFactory;
import dev.imagebake.provisioner.fixtures.Configs;
import dev.imagebake.sdk.Communicator;
import dev.imagebake.sdk.ConnectTarget;
import dev.imagebake.testing.OpenSshServer;
import dev.imagebake.testing.SshConfigBuilder;
import dev.imagebake.testing.TestBuildContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ansible-local with the real {@code ansible-playbook} (Debian's ansible-core) on a real OpenSSH
 * server: the target is this machine, so what the playbooks did is looked at directly afterwards.
 */
class AnsibleLocalSshTest {
  private static final String SECRET = "p4ss\\w0rd";

  static OpenSshServer sshd;

  @TempDir Path dir;
  private Path out;
  private Path staging;
  private TestBuildContext ctx;
  private Communicator comm;

  @BeforeAll
  static void startServer() {
    sshd = OpenSshServer.start();
  }

  @AfterAll
  static void stopServer() {
    sshd.stop();
  }

  @BeforeEach
  void connect() throws Exception {
    out = Files.createDirectories(dir.resolve("out"));
    // A space and a quote: every remote path must be quoted.
    staging = dir.resolve("remote staging's dir");
    ctx = TestBuildContext.create().withWorkingDirectory(dir).withBuild("web-1", "null");
    comm =
        new SshCommunicatorFactory()
            .connect(
                SshConfigBuilder.forServer(sshd).communicatorConfig(),
                ConnectTarget.fromConfig(),
                ctx);
  }

  @AfterEach
  void disconnect() {
    comm.close();
  }

  private void write(String relative, String text) throws IOException {
    Path file = dir.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }

  private void provision(Map<String, Object> keys) throws Exception {
    Map<String, Object> all = new HashMap<>(keys);
    all.putIfAbsent("staging_directory", staging.toString());
    new AnsibleLocalProvisioner(Configs.of(AnsibleLocalConfig.class, all))
        .provision(ctx, comm, Map.of());
  }

  /** What the console would show: every UI line through the build's secret filter. */
  private List<String> shown() {
    return ctx.ui().lines().stream().map(ctx::mask).toList();
  }

  @Test
  void roleGroupVarsAndTemplateChangeTheMachine() throws Exception {
    write(
        "site.yml",
        """
        - hosts: web
          gather_facts: false
          roles:
            - motd
        """);
    write(
        "roles/motd/tasks/main.yml",
        """
        - name: render the motd
          template:
            src: motd.j2
            dest: "{{ out_dir }}/motd"
            mode: "0640"
        - name: show the password
          debug:
            var: db_password
        """);
    write(
        "roles/motd/templates/motd.j2",
        "{{ greeting }} from {{ packer_build_name }} ({{ packer_builder_type }}), {{ role }}\n");
    write("vars/all.yml", "greeting: Hello\nrole: any\n");
    write("vars/web.yml", "role: web server\n");
    ctx.addSecret(SECRET);

    provision(
        Map.of(
            "playbook_file",
            "site.yml",
            "role_paths",
            List.of("roles/motd"),
            "group_vars",
            "vars",
            "inventory_groups",
            List.of("web", "db"),
            "extra_arguments",
            List.of(
                "--extra-vars",
                "'out_dir=" + out + "'",
                "--extra-vars",
                "'db_password=" + SECRET + "'"),
            "clean_staging_directory",
            true));

    assertThat(out.resolve("motd")).content().isEqualTo("Hello from web-1 (null), web server\n");
    assertThat(Files.getPosixFilePermissions(out.resolve("motd")))
        .extracting(Object::toString)
        .containsExactlyInAnyOrder("OWNER_READ", "OWNER_WRITE", "GROUP_READ");
    List<String> shown = shown();
    assertThat(shown)
        .anySatisfy(
            l ->
                assertThat(l)
                    .startsWith(
                        "message: Executing Ansible: cd '"
                            + staging.toString().replace("'", "'\"'\"'")
                            + "' && ANSIBLE_FORCE_COLOR=1 PYTHONUNBUFFERED=1 ansible-playbook '")
                    .contains(
                        "site.yml' --extra-vars \"packer_build_name=web-1 packer_builder_type=null"
                            + " packer_http_addr=ERR_HTTP_ADDR_NOT_IMPLEMENTED_BY_BUILDER\""
                            + " --extra-vars 'out_dir=")
                    .contains("--extra-vars 'db_password=<sensitive>' -c local -i '")
                    .doesNotContain("IdentitiesOnly"))
        .anySatisfy(l -> assertThat(l).contains("\"db_password\": \"<sensitive>\""))
        .anySatisfy(l -> assertThat(l).contains("TASK [motd : render the motd]"));
    assertThat(String.join("\n", shown)).doesNotContain("p4ss").doesNotContain("w0rd");
    assertThat(staging).doesNotExist();
  }

  @Test
  void playbookFilesRunInOrderWithEveryKindOfUpload() throws Exception {
    write("pb/first.yml", play("first {{ lookup('file', 'data/note.txt') }} {{ who }}"));
    write("pb/data/note.txt", "from the playbook dir");
    write("elsewhere/second.yml", play("second"));
    write("hosts.ini", "[mine]\n127.0.0.1\n");
    write("hv/127.0.0.1.yml", "who: from host_vars\n");
    write("extra/tasks.yml", "- debug: {msg: included}\n");

    provision(
        Map.of(
            "playbook_dir",
            "pb",
            "playbook_files",
            List.of("elsewhere/second.yml", "pb/first.yml"),
            "inventory_file",
            "hosts.ini",
            "host_vars",
            "hv",
            "playbook_paths",
            List.of("extra")));

    List<String> messages =
        ctx.ui().messages().stream().filter(m -> m.contains("\"msg\": ")).toList();
    assertThat(messages)
        .map(m -> m.replaceAll("\u001B\\[[0-9;]*m", "").strip())
        .containsExactly(
            "\"msg\": \"second\"", "\"msg\": \"first from the playbook dir from host_vars\"");
    assertThat(ctx.ui().messages())
        .filteredOn(m -> m.startsWith("Executing Ansible: "))
        .allSatisfy(
            m ->
                assertThat(m)
                    .endsWith(" -c local -i " + AnsibleCommands.path(staging + "/hosts.ini")));
    // Packer's layout: playbook_dir's contents at the top, other playbooks under their absolute
    // path, playbook_paths under playbooks/.
    assertThat(staging.resolve("first.yml")).exists();
    assertThat(staging.resolve("data/note.txt")).exists();
    assertThat(Path.of(staging + "/" + dir.resolve("elsewhere/second.yml"))).exists();
    assertThat(staging.resolve("playbooks/extra/tasks.yml")).exists();
    assertThat(staging.resolve("host_vars/127.0.0.1.yml")).exists();
  }

  @Test
  void aPlaybookThatCannotBeLoadedReportsAnsiblesError() throws Exception {
    write("site.yml", "- hosts: all\n  gather_facts: false\n  roles: [no_such_role]\n");

    assertThatThrownBy(() -> provision(Map.of("playbook_file", "site.yml")))
        .hasMessageStartingWith(
            "Error executing Ansible: "
                + staging
                + "/site.yml: ERROR! the role 'no_such_role' was"
                + " not found")
        .hasMessageEndingWith("(Non-zero exit status: 1)");
  }

  @Test
  void aFailedTaskFailsTheBuildAndIsNamed() throws Exception {
    write(
        "site.yml",
        """
        - hosts: all
          gather_facts: false
          tasks:
            - name: tolerated failure
              fail:
                msg: not this one
              ignore_errors: true
            - name: break on purpose
              fail:
                msg: "the disk is full"
            - name: never reached
              debug:
                msg: not reached
        """);

    assertThatThrownBy(
            () -> provision(Map.of("playbook_file", "site.yml", "clean_staging_directory", true)))
        .isInstanceOf(AnsibleFailedException.class)
        .hasMessage(
            "Error executing Ansible: "
                + staging
                + "/site.yml: task \"break on purpose\" failed on 127.0.0.1: the disk is full"
                + " (Non-zero exit status: 2)");
    assertThat(String.join("\n", ctx.ui().messages())).doesNotContain("TASK [never reached]");
    // clean_staging_directory also cleans up after a failure.
    assertThat(staging).doesNotExist();
  }

  @Test
  void galaxyRequirementsAreInstalledIntoTheStagedRolesFirst() throws Exception {
    write(
        "role/greeter/tasks/main.yml",
        """
        - debug:
            msg: hello from a galaxy role
        """);
    write(
        "role/greeter/meta/main.yml",
        """
        galaxy_info: {author: imagebake, description: test, license: MIT, platforms: []}
        dependencies: []
        """);
    Path tarball = dir.resolve("greeter.tar.gz");
    Process tar =
        new ProcessBuilder(
                "tar", "-C", dir.resolve("role").toString(), "-czf", tarball.toString(), "greeter")
            .inheritIO()
            .start();
    assertThat(tar.waitFor()).isZero();
    write("requirements.yml", "- src: file://" + tarball + "\n  name: greeter\n");
    write(
        "site.yml",
        """
        - hosts: all
          gather_facts: false
          roles: [greeter]
        """);

    provision(Map.of("playbook_file", "site.yml", "galaxy_file", "requirements.yml"));

    assertThat(ctx.ui().messages())
        .anySatisfy(
            m ->
                assertThat(m)
                    .isEqualTo(
                        "Executing Ansible Galaxy: cd "
                            + AnsibleCommands.path(staging.toString())
                            + " && ansible-galaxy install -r "
                            + AnsibleCommands.path(staging + "/requirements.yml")
                            + " -p "
                            + AnsibleCommands.path(staging + "/roles")))
        .anySatisfy(m -> assertThat(m).contains("\"msg\": \"hello from a galaxy role\""));
    assertThat(staging.resolve("roles/greeter/tasks/main.yml")).exists();
  }

  @Test
  void aMissingCommandGetsPackersMessage() throws Exception {
    write("site.yml", play("never"));

    assertThatThrownBy(
            () ->
                provision(
                    Map.of("playbook_file", "site.yml", "command", "no-such-ansible-playbook")))
        .hasMessage(
            "Error executing Ansible: no-such-ansible-playbook could not be found. Verify that it"
                + " is available on the\nPATH after connecting to the machine.");
    assertThat(staging.resolve("site.yml")).exists();
  }

  private static String play(String message) {
    return """
        - hosts: all
          gather_facts: false
          tasks:
            - debug:
                msg: "%s"
        """
        .formatted(message);
  }
}
