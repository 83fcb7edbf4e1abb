package dev.imagebake.provisioner.ansible;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imagebake.communicator.ssh.SshCommunicatorFactory;
import dev.imagebake.provisioner.fixtures.Configs;
import dev.imagebake.sdk.BuildContext;
import dev.imagebake.sdk.CancelledException;
import dev.imagebake.sdk.Communicator;
import dev.imagebake.sdk.ConnectTarget;
import dev.imagebake.testing.OpenSshServer;
import dev.imagebake.testing.SshConfigBuilder;
import dev.imagebake.testing.TestBuildContext;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The remote ansible provisioner running the real {@code ansible-playbook} (Debian's ansible-core)
 * against a real OpenSSH server on this machine: through the proxy (every command and file of
 * Ansible carried by imagebake's SSH communicator) and without it (Ansible's own ssh to the
 * server).
 */
class AnsibleSshTest {
  private static final String SECRET = "s3cret-not-for-logs";

  static OpenSshServer sshd;

  @TempDir Path dir;
  private Path out;
  private TestBuildContext test;
  private BuildContext ctx;
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
    test = TestBuildContext.create().withWorkingDirectory(dir).withBuild("web-1", "null");
    ctx = test;
    comm =
        new SshCommunicatorFactory()
            .connect(
                SshConfigBuilder.forServer(sshd).communicatorConfig(),
                ConnectTarget.fromConfig(),
                test);
    write(
        "site.yml",
        """
        - hosts: web
          gather_facts: false
          tasks:
            - name: write the greeting
              copy:
                content: "Hello from {{ packer_build_name }} ({{ packer_builder_type }}) as {{ ansible_user }}\\n"
                dest: "{{ out_dir }}/greeting"
                mode: "0640"
            - name: read it back
              fetch:
                src: "{{ out_dir }}/greeting"
                dest: "{{ out_dir }}/fetched/"
                flat: true
            - name: run a command
              command: "id -un"
              register: who
            - debug:
                var: who.stdout
            - debug:
                var: db_password
        """);
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

  private Map<String, Object> keys(Object... more) {
    Map<String, Object> keys = new HashMap<>();
    keys.put("playbook_file", "site.yml");
    keys.put("groups", List.of("web"));
    keys.put("user", sshd.user());
    keys.put("extra_arguments", List.of("-e", "out_dir=" + out, "-e", "db_password=" + SECRET));
    for (int i = 0; i < more.length; i += 2) {
      keys.put((String) more[i], more[i + 1]);
    }
    return keys;
  }

  private void provision(Map<String, Object> keys, Communicator c, Map<String, String> data)
      throws Exception {
    new AnsibleProvisioner(Configs.of(AnsibleConfig.class, keys)).provision(ctx, c, data);
  }

  private List<String> shown() {
    return test.ui().lines().stream().map(test::mask).toList();
  }

  @Test
  void throughTheProxyThePlaybookChangesTheMachine() throws Exception {
    test.addSecret(SECRET);
    provision(keys(), comm, Map.of("ConnType", "ssh", "Host", "127.0.0.1"));

    assertThat(out.resolve("greeting"))
        .content()
        .isEqualTo("Hello from web-1 (null) as " + sshd.user() + "\n");
    assertThat(Files.getPosixFilePermissions(out.resolve("greeting")))
        .extracting(Object::toString)
        .containsExactlyInAnyOrder("OWNER_READ", "OWNER_WRITE", "GROUP_READ");
    assertThat(out.resolve("fetched/greeting")).hasSameTextualContentAs(out.resolve("greeting"));
    List<String> shown = shown();
    assertThat(shown)
        .contains("say: Provisioning with Ansible...")
        .contains("message: Setting up proxy adapter for Ansible....")
        // Interpreter discovery feeds a script on stdin: the proxy carries it.
        .noneMatch(l -> l.contains("interpreter discovery"))
        .anySatisfy(l -> assertThat(l).contains("\"who.stdout\": \"" + sshd.user() + "\""))
        .anySatisfy(l -> assertThat(l).contains("\"db_password\": \"<sensitive>\""))
        .anySatisfy(
            l ->
                assertThat(l)
                    .matches(
                        "say: Executing Ansible: ansible-playbook -e packer_build_name=\"web-1\""
                            + " -e packer_builder_type=null --ssh-extra-args '-o"
                            + " IdentitiesOnly=yes' -e out_dir=.* -e db_password=<sensitive>"
                            + " -e ansible_ssh_private_key_file=/.*ansible-key[0-9]* -i"
                            + " /.*packer-provisioner-ansible[0-9]* "
                            + dir.resolve("site.yml")));
    assertThat(String.join("\n", shown)).doesNotContain(SECRET);
    // The key and the inventory made for the run are gone.
    String executing =
        shown.stream().filter(l -> l.contains("Executing Ansible")).findFirst().get();
    Matcher key = Pattern.compile("ansible_ssh_private_key_file=(\\S+)").matcher(executing);
    assertThat(key.find()).isTrue();
    assertThat(Path.of(key.group(1))).doesNotExist();
    Matcher inventory = Pattern.compile(" -i (\\S+)").matcher(executing);
    assertThat(inventory.find()).isTrue();
    assertThat(Path.of(inventory.group(1))).doesNotExist();
  }

  @Test
  void throughTheProxySftpAndPipeliningCarryTheFiles() throws Exception {
    // use_sftp: Ansible transfers through the proxy's sftp subsystem (the machine's sftp-server);
    // pipelining: every module goes to python on its standard input.
    provision(
        keys("use_sftp", true, "ansible_env_vars", List.of("ANSIBLE_PIPELINING=False")),
        comm,
        Map.of("ConnType", "ssh"));
    assertThat(out.resolve("fetched/greeting"))
        .content()
        .isEqualTo("Hello from web-1 (null) as " + sshd.user() + "\n");
    Files.delete(out.resolve("greeting"));
    Files.delete(out.resolve("fetched/greeting"));

    provision(
        keys("ansible_env_vars", List.of("ANSIBLE_PIPELINING=True")),
        comm,
        Map.of("ConnType", "ssh"));
    assertThat(out.resolve("fetched/greeting"))
        .content()
        .isEqualTo("Hello from web-1 (null) as " + sshd.user() + "\n");
    assertThat(shown()).noneMatch(l -> l.contains("WARNING"));
  }

  @Test
  void theInventoryNamesTheProxyAndTheGroupsAndCanBeKept() throws Exception {
    Path inventories = Files.createDirectories(dir.resolve("inventories"));
    provision(
        keys(
            "inventory_directory",
            inventories.toString(),
            "keep_inventory_file",
            true,
            "host_alias",
            "box",
            "empty_groups",
            List.of("db"),
            "local_port",
            0),
        comm,
        Map.of("ConnType", "ssh"));

    try (var files = Files.list(inventories)) {
      List<Path> kept = files.toList();
      assertThat(kept).hasSize(1);
      assertThat(kept.get(0).getFileName().toString()).startsWith("packer-provisioner-ansible");
      assertThat(kept.get(0))
          .content()
          .matches(
              "box ansible_host=127\\.0\\.0\\.1 ansible_user="
                  + sshd.user()
                  + " ansible_port=(\\d+)\n\\[web\\]\nbox ansible_host=127\\.0\\.0\\.1"
                  + " ansible_user="
                  + sshd.user()
                  + " ansible_port=\\d+\n\\[db\\]\n");
    }
    assertThat(out.resolve("greeting")).exists();
  }

  @Test
  void withoutTheProxyAnsibleLogsInWithTheCommunicatorsKey() throws Exception {
    provision(
        keys("use_proxy", false, "user", ""),
        comm,
        Map.of(
            "ConnType",
            "ssh",
            "Host",
            sshd.host(),
            "Port",
            Integer.toString(sshd.port()),
            "User",
            sshd.user(),
            "SSHPrivateKeyFile",
            sshd.clientKey().toString(),
            "SSHAgentAuth",
            "false"));

    assertThat(out.resolve("greeting"))
        .content()
        .isEqualTo("Hello from web-1 (null) as " + sshd.user() + "\n");
    assertThat(test.ui().messages())
        .contains(
            "Not using Proxy adapter for Ansible run:\n"
                + "\tUsing ssh keys from Packer communicator...")
        .noneMatch(m -> m.contains("Setting up proxy adapter"));
    assertThat(test.ui().said())
        .anySatisfy(
            l ->
                assertThat(l)
                    .contains("-e ansible_ssh_private_key_file=" + sshd.clientKey())
                    .doesNotContain("IdentitiesOnly=no"));
  }

  @Test
  void aFailingTaskFailsTheBuildWithAnsiblesOutput() throws Exception {
    write(
        "fail.yml",
        """
        - hosts: all
          gather_facts: false
          tasks:
            - name: break on purpose
              command: "sh -c 'echo broken >&2; exit 3'"
        """);
    assertThatThrownBy(
            () -> provision(keys("playbook_file", "fail.yml"), comm, Map.of("ConnType", "ssh")))
        .isInstanceOf(AnsibleFailedException.class)
        .hasMessageStartingWith("Error executing Ansible: Non-zero exit status: exit status 2")
        .hasMessageContaining("task \"break on purpose\" failed on default");
    assertThat(test.ui().messages())
        .anySatisfy(m -> assertThat(m).contains("TASK [break on purpose]"))
        .anySatisfy(m -> assertThat(m).contains("broken"));
  }

  @Test
  void anInterruptStopsAnsibleAndTheProxy() throws Exception {
    write(
        "slow.yml",
        """
        - hosts: all
          gather_facts: false
          tasks:
            - name: wait
              shell: "echo $$ > %s/remote.pid; exec sleep 87.5"
        """
            .formatted(out));
    Path inventories = Files.createDirectories(dir.resolve("inv"));
    CompletableFuture<Void> run =
        CompletableFuture.runAsync(
            () -> {
              try {
                provision(
                    keys(
                        "playbook_file",
                        "slow.yml",
                        "inventory_directory",
                        inventories.toString(),
                        "keep_inventory_file",
                        true),
                    comm,
                    Map.of("ConnType", "ssh"));
              } catch (Exception e) {
                throw new CompletionException(e);
              }
            });
    awaitTrue(() -> Files.exists(out.resolve("remote.pid")), "the remote command started");
    int port = proxyPort(inventories);
    test.cancellation().cancel("interrupted");
    assertThatThrownBy(() -> run.get(60, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(CancelledException.class);
    // Nothing is left: no ansible-playbook, no remote sleep, nobody listening on the proxy's port.
    awaitTrue(
        () -> ProcessHandle.current().descendants().noneMatch(AnsibleSshTest::isAnsible),
        "ansible-playbook ended");
    assertThatThrownBy(
            () -> {
              try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
              }
            })
        .isInstanceOf(ConnectException.class);
    long remote = Long.parseLong(Files.readString(out.resolve("remote.pid")).strip());
    awaitTrue(
        () -> ProcessHandle.of(remote).map(h -> !h.isAlive()).orElse(true),
        "the remote command ended");
  }

  private static boolean isAnsible(ProcessHandle h) {
    return h.info().commandLine().map(c -> c.contains("ansible-playbook")).orElse(false);
  }

  private static int proxyPort(Path inventories) throws IOException {
    try (var files = Files.list(inventories)) {
      String text = Files.readString(files.findFirst().orElseThrow());
      Matcher m = Pattern.compile("ansible_port=(\\d+)").matcher(text);
      assertThat(m.find()).isTrue();
      return Integer.parseInt(m.group(1));
    }
  }

  /** Waits (bounded) until {@code condition} holds: effects of other processes are asynchronous. */
  static void awaitTrue(java.util.function.BooleanSupplier condition, String what)
      throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime() - deadline).as("waiting for: " + what).isNegative();
      new ProcessBuilder("sleep", "0.05").start().waitFor();
    }
  }
}
