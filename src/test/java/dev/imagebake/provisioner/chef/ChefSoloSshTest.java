package dev.imagebake.provisioner.chef;

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
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * chef-solo through a real OpenSSH server on this machine. No Chef is packaged for Debian 12: the
 * stand-in {@code chef-solo} of {@code src/test/resources/chef} plays it, checking the rendered
 * solo.rb, the node JSON and the uploaded trees, and converging its small subset of Chef.
 */
class ChefSoloSshTest {
  private static final Path STAND_IN = Path.of("src/test/resources/chef/chef-solo");

  static OpenSshServer sshd;

  @TempDir Path dir;
  private Path out;
  private Path staging;
  private Path chefSolo;
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
    // Packer puts the staging paths into execute_command unquoted: no blanks here.
    staging = dir.resolve("staging");
    Path bin = Files.createDirectories(dir.resolve("chef bin"));
    chefSolo = bin.resolve("chef-solo");
    Files.copy(STAND_IN, chefSolo, StandardCopyOption.REPLACE_EXISTING);
    Files.setPosixFilePermissions(chefSolo, PosixFilePermissions.fromString("rwxr-xr-x"));
    test = TestBuildContext.create().withWorkingDirectory(dir).withBuild("app", "null");
    ctx = test.withUserVariables(Map.of("chef_solo", "'" + chefSolo + "'"));
    comm =
        new SshCommunicatorFactory()
            .connect(
                SshConfigBuilder.forServer(sshd).communicatorConfig(),
                ConnectTarget.fromConfig(),
                test);
    write(
        "cookbooks/base/recipes/default.rb",
        """
        file '%s/motd' do
          content "Welcome to #{node['app']['name']} on port #{node['app']['port']}\\n"
          mode '0644'
        end
        """
            .formatted(out));
    write(
        "site-cookbooks/web/recipes/config.rb",
        """
        file '%s/app.conf' do
          content "password = #{data_bag_item('app', 'db')['password']}\\n"
          mode '0600'
        end
        """
            .formatted(out));
    write(
        "roles/web.json",
        """
        {"name": "web", "run_list": ["recipe[base]", "recipe[web::config]"],
         "default_attributes": {"app": {"port": 80, "name": "default"}}}
        """);
    write("data_bags/app/db.json", "{\"id\": \"db\", \"password\": \"hunter2\"}\n");
    write("environments/production.json", "{\"name\": \"production\"}\n");
    write("secret", "not-a-real-secret\n");
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
    keys.put("skip_install", true);
    keys.put("chef_license", "accept-no-persist");
    keys.put("staging_directory", staging.toString());
    keys.put(
        "execute_command",
        "{{if .Sudo}}sudo {{end}}{{user `chef_solo`}} --no-color -c {{.ConfigPath}} -j"
            + " {{.JsonPath}}");
    for (int i = 0; i < more.length; i += 2) {
      keys.put((String) more[i], more[i + 1]);
    }
    return keys;
  }

  private void provision(Map<String, Object> keys) throws Exception {
    new ChefSoloProvisioner(Configs.of(ChefSoloConfig.class, keys)).provision(ctx, comm, Map.of());
  }

  @Test
  void cookbooksRolesDataBagsAndAttributesReachChefSolo() throws Exception {
    provision(
        keys(
            "cookbook_paths",
            List.of("cookbooks", "site-cookbooks"),
            "roles_path",
            "roles",
            "data_bags_path",
            "data_bags",
            "encrypted_data_bag_secret_path",
            "secret",
            "environments_path",
            "environments",
            "chef_environment",
            "production",
            "json",
            Map.of("app", Map.of("name", "shop", "port", 8080L)),
            "run_list",
            List.of("role[web]")));

    assertThat(out.resolve("motd")).hasContent("Welcome to shop on port 8080");
    assertThat(out.resolve("app.conf")).hasContent("password = hunter2");
    String s = staging.toString();
    assertThat(test.ui().said()).contains("Provisioning with chef-solo");
    assertThat(test.ui().messages())
        .contains(
            "Creating directory: " + s,
            "Creating directory: " + s + "/cookbooks-0",
            "Creating directory: " + s + "/cookbooks-1",
            "Creating directory: " + s + "/roles",
            "Creating directory: " + s + "/data_bags",
            "Creating directory: " + s + "/environments",
            "Creating configuration file 'solo.rb'",
            "Creating JSON attribute file",
            "Executing Chef: sudo '"
                + chefSolo
                + "' --no-color -c "
                + s
                + "/solo.rb -j "
                + s
                + "/node.json",
            "Using environment production",
            "Recipe: web::config",
            "Chef Infra Client finished, 2/2 resources updated in 01 seconds");
    assertThat(staging.resolve("solo.rb"))
        .hasContent(
            "\nchef_license \t\t\"accept-no-persist\"\ncookbook_path \t[\""
                + s
                + "/cookbooks-0\",\""
                + s
                + "/cookbooks-1\"]\n\nrole_path\t\t\""
                + s
                + "/roles\"\n\n\ndata_bag_path\t\""
                + s
                + "/data_bags\"\n\n\nencrypted_data_bag_secret \""
                + s
                + "/encrypted_data_bag_secret\"\n\n\nenvironment_path \""
                + s
                + "/environments\"\nenvironment \"production\"\n\n");
    assertThat(staging.resolve("node.json"))
        .hasContent(
            """
            {
              "app": {
                "name": "shop",
                "port": 8080
              },
              "run_list": [
                "role[web]"
              ]
            }""");
    assertThat(staging.resolve("cookbooks-1/web/recipes/config.rb")).exists();
    assertThat(staging.resolve("data_bags/app/db.json")).exists();
    // The secret was there with mode 0600 while chef-solo ran (the stand-in checks), then removed.
    assertThat(staging.resolve("encrypted_data_bag_secret")).doesNotExist();
  }

  @Test
  void remoteCookbookPathsComeFirstAndAConfigTemplateReplacesSoloRb() throws Exception {
    write(
        "solo.rb.tpl",
        "chef_license \"{{.ChefLicense}}\"\ncookbook_path [{{.CookbookPaths}}]\n"
            + "# for {{user `chef_solo`}}\n");
    Path remoteCookbooks = Files.createDirectories(dir.resolve("remote cookbooks"));
    Files.createDirectories(remoteCookbooks.resolve("base/recipes"));
    Files.writeString(
        remoteCookbooks.resolve("base/recipes/default.rb"),
        "file '" + out + "/remote' do\n  content 'from the remote cookbook'\nend\n");
    provision(
        keys(
            "config_template",
            "solo.rb.tpl",
            "cookbook_paths",
            List.of("cookbooks"),
            "remote_cookbook_paths",
            List.of(remoteCookbooks.toString()),
            "run_list",
            List.of("recipe[base]"),
            "prevent_sudo",
            true));
    assertThat(out.resolve("remote")).hasContent("from the remote cookbook");
    assertThat(staging.resolve("solo.rb"))
        .hasContent(
            "chef_license \"accept-no-persist\"\ncookbook_path [\""
                + remoteCookbooks
                + "\",\""
                + staging
                + "/cookbooks-0\"]\n# for '"
                + chefSolo
                + "'");
  }

  @Test
  void theInstallCommandRunsFirstAndTheLicenseIsPackersRule() throws Exception {
    // A custom install_command: Packer then leaves chef_license empty, which Chef refuses.
    Map<String, Object> keys =
        keys(
            "skip_install",
            false,
            "version",
            "18.2.7",
            "install_command",
            "echo installing Chef {{.Version}} sudo={{.Sudo}}",
            "cookbook_paths",
            List.of("cookbooks"),
            "run_list",
            List.of("recipe[base]"));
    keys.remove("chef_license");
    assertThatThrownBy(() -> provision(keys))
        .isInstanceOf(ChefFailedException.class)
        .hasMessage("Error executing Chef: Non-zero exit status: 172");
    assertThat(test.ui().messages())
        .containsSubsequence("Installing Chef...", "installing Chef 18.2.7 sudo=true");
    assertThat(test.ui().errors())
        .contains("Chef Infra Client cannot execute without accepting the license");
  }

  @Test
  void aFailingInstallOrAMissingCookbookFailsWithPackersMessage() {
    assertThatThrownBy(() -> provision(keys("skip_install", false, "install_command", "exit 3")))
        .hasMessage("Error installing Chef: Install script exited with non-zero exit status 3");
    assertThatThrownBy(
            () ->
                provision(
                    keys("cookbook_paths", List.of("cookbooks"), "run_list", List.of("nope"))))
        .hasMessage("Error executing Chef: Non-zero exit status: 1");
    assertThat(test.ui().errors())
        .anyMatch(l -> l.contains("Chef::Exceptions::CookbookNotFound: Cookbook nope not found"));
  }

  @Test
  void anInterruptStopsTheRunAndRemovesTheStagingDirectoryItMade() throws Exception {
    // As the unprivileged user .ci/run creates (root's logins here run slow rc files, and sshd
    // refuses signal requests for root): the staging directory must be one that user can make.
    Path remoteStaging = Path.of("/tmp/imagebake-interrupt-" + System.nanoTime());
    Map<String, Object> keys =
        keys(
            "encrypted_data_bag_secret_path",
            "secret",
            "prevent_sudo",
            true,
            "staging_directory",
            remoteStaging.toString(),
            "execute_command",
            "echo started && sleep 78.25");
    try (Communicator asTestUser =
        new SshCommunicatorFactory()
            .connect(
                SshConfigBuilder.forServer(sshd).sshUsername("imagebake-test").communicatorConfig(),
                ConnectTarget.fromConfig(),
                test)) {
      CompletableFuture<Void> run =
          CompletableFuture.runAsync(
              () -> {
                try {
                  new ChefSoloProvisioner(Configs.of(ChefSoloConfig.class, keys))
                      .provision(ctx, asTestUser, Map.of());
                } catch (Exception e) {
                  throw new java.util.concurrent.CompletionException(e);
                }
              });
      awaitTrue(() -> test.ui().messages().contains("started"), "the command started");
      test.cancellation().cancel("interrupted");
      assertThatThrownBy(() -> run.get(60, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .hasCauseInstanceOf(CancelledException.class);
      awaitTrue(() -> !Files.exists(remoteStaging), "the staging directory is removed");
    } finally {
      new ProcessBuilder("rm", "-rf", remoteStaging.toString()).start().waitFor();
    }
  }

  /** Waits (bounded) until {@code condition} holds: remote effects arrive asynchronously. */
  private static void awaitTrue(java.util.function.BooleanSupplier condition, String what)
      throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime() - deadline).as("waiting for: " + what).isNegative();
      new ProcessBuilder("sleep", "0.05").start().waitFor();
    }
  }
}
