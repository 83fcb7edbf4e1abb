package dev.imagebake.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.PullImageResultCallback;
import com.github.dockerjava.api.model.AuthConfig;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import dev.imagebake.docker.DockerEngine;
import dev.imagebake.testing.DockerTestEngine;
import dev.imagebake.testing.TestRegistry;
import dev.imagebake.testing.ecr.FakeEcr;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The docker builder and post-processors through the launcher, against the real engine (and a real
 * registry for docker-push); the images made are run and inspected afterwards.
 */
class DockerIT {
  private static DockerEngine engine;
  private static String base;

  @TempDir Path work;

  @BeforeAll
  static void engine() {
    base = DockerTestEngine.baseImage();
    engine = DockerTestEngine.engine();
  }

  @AfterAll
  static void close() {
    engine.close();
  }

  /** A run_command that labels the container, so the test can find it (or its absence). */
  private static String runCommandWithLabel(String label) {
    return "[\"-d\", \"-i\", \"-t\", \"--label\", \"imagebake-test="
        + label
        + "\", \"--entrypoint=/bin/sh\", \"--\", \"{{.Image}}\"]";
  }

  private static List<?> containersLabelled(String label) {
    return engine
        .api()
        .listContainersCmd()
        .withShowAll(true)
        .withLabelFilter(Map.of("imagebake-test", label))
        .exec();
  }

  /** Runs {@code image} with {@code args} (no network) and returns what it printed. */
  private static String runContainer(String image, String... args) throws Exception {
    DockerClient docker = engine.api();
    String id =
        docker
            .createContainerCmd(image)
            .withCmd(args)
            .withHostConfig(HostConfig.newHostConfig().withNetworkMode("none"))
            .exec()
            .getId();
    try {
      docker.startContainerCmd(id).exec();
      int status = docker.waitContainerCmd(id).start().awaitStatusCode(2, TimeUnit.MINUTES);
      StringBuilder out = new StringBuilder();
      docker
          .logContainerCmd(id)
          .withStdOut(true)
          .withStdErr(true)
          .exec(
              new ResultCallback.Adapter<Frame>() {
                @Override
                public void onNext(Frame frame) {
                  out.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
                }
              })
          .awaitCompletion();
      assertThat(status).as(out.toString()).isZero();
      return out.toString();
    } finally {
      docker.removeContainerCmd(id).withForce(true).exec();
    }
  }

  @Test
  void thePythonAppTemplateMakesAnImageThatRuns() throws Exception {
    Launcher.Result r =
        Launcher.run(
            work,
            "build",
            "-var",
            "base_image=" + base,
            Launcher.HOME.resolve("templates/docker-python-app.json").toString());
    assertThat(r.exitCode()).as(r.all()).isZero();
    assertThat(r.stdout()).contains("hello, build check, from pyapp 1.0.0");

    assertThat(runContainer("imagebake-example/pyapp:1.0.0", "from", "a", "test"))
        .isEqualTo("hello, from a test, from pyapp 1.0.0\n");
    var config = engine.api().inspectImageCmd("imagebake-example/pyapp:1.0.0").exec().getConfig();
    assertThat(config.getLabels()).containsEntry("version", "1.0.0");
    assertThat(config.getEntrypoint()).containsExactly("pyapp");

    // docker save's tarball names the tag, so docker load restores it.
    Path saved = work.resolve("out/pyapp-1.0.0.tar");
    String manifest = null;
    try (TarArchiveInputStream tar = new TarArchiveInputStream(Files.newInputStream(saved))) {
      for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
        if (e.getName().equals("manifest.json")) {
          manifest = new String(tar.readAllBytes(), StandardCharsets.UTF_8);
        }
      }
    }
    assertThat(manifest).contains("imagebake-example/pyapp:1.0.0");
  }

  @Test
  void pushGoesToARealRegistryWithCredentialsAndComesBack() throws Exception {
    try (TestRegistry registry = TestRegistry.start()) {
      String repo = registry.address() + "/imagebake/pushed";
      String tag = "t" + UUID.randomUUID().toString().substring(0, 8);
      Path template =
          Files.writeString(
              work.resolve("push.json"),
              """
          {"variables": {"password": ""},
           "builders": [{"type": "docker", "image": "%s", "pull": false, "commit": true,
                         "changes": ["LABEL pushed=%s"]}],
           "provisioners": [{"type": "shell", "inline": ["echo pushed > /pushed.txt"]}],
           "post-processors": [[
             {"type": "docker-tag", "repository": "%s", "tags": ["%s"]},
             {"type": "docker-push", "login": true, "login_server": "%s",
              "login_username": "%s", "login_password": "{{user `password`}}"}
           ]]}
          """
                  .formatted(base, tag, repo, tag, registry.address(), TestRegistry.USER));

      Launcher.Result wrong =
          Launcher.run(work, "build", "-var", "password=not-the-password", template.toString());
      assertThat(wrong.exitCode()).as(wrong.all()).isEqualTo(1);
      assertThat(wrong.all())
          .contains("Error logging in to Docker")
          .doesNotContain("not-the-password");

      Launcher.Result r =
          Launcher.run(
              work, "build", "-var", "password=" + TestRegistry.PASSWORD, template.toString());
      assertThat(r.exitCode()).as(r.all()).isZero();
      assertThat(r.all())
          .contains("Pushing: " + repo + ":" + tag)
          .doesNotContain(TestRegistry.PASSWORD);

      // Gone locally, then pulled back from the registry with the credentials.
      engine.api().removeImageCmd(repo + ":" + tag).withForce(true).exec();
      engine
          .api()
          .pullImageCmd(repo)
          .withTag(tag)
          .withAuthConfig(
              new AuthConfig()
                  .withUsername(TestRegistry.USER)
                  .withPassword(TestRegistry.PASSWORD)
                  .withRegistryAddress(registry.address()))
          .exec(new PullImageResultCallback())
          .awaitCompletion();
      assertThat(engine.api().inspectImageCmd(repo + ":" + tag).exec().getConfig().getLabels())
          .containsEntry("pushed", tag);
      // The committed image keeps run_command's entrypoint, /bin/sh, as in Packer.
      assertThat(runContainer(repo + ":" + tag, "-c", "cat /pushed.txt")).isEqualTo("pushed\n");
    }
  }

  /**
   * ecr_login: the token comes from a local ECR endpoint (AWS_ENDPOINT_URL_ECR) and decodes to the
   * real registry's htpasswd user and password, which docker-push and then the builder's pull log
   * in and authenticate with. No name of the form ACCOUNT.dkr.ecr.REGION.amazonaws.com resolves
   * here, so login_server puts the registry's address first: Packer's expression finds the account
   * and region anywhere in it, and the engine logs in to the host part.
   */
  @Test
  void ecrLoginGetsATokenFromEcrThenPushesAndPullsWithItOnARealRegistry() throws Exception {
    try (TestRegistry registry = TestRegistry.start();
        FakeEcr ecr = FakeEcr.start(TestRegistry.USER, TestRegistry.PASSWORD)) {
      String server = registry.address() + "/123456789012.dkr.ecr.eu-west-3.amazonaws.com";
      String repo = registry.address() + "/imagebake/ecr";
      String tag = "t" + UUID.randomUUID().toString().substring(0, 8);
      String aws = "\"aws_access_key\": \"AKIDECRTEST\", \"aws_secret_key\": \"ecr-test-secret\"";
      Path push =
          Files.writeString(
              work.resolve("ecr-push.json"),
              """
          {"builders": [{"type": "docker", "image": "%s", "pull": false, "commit": true}],
           "provisioners": [{"type": "shell", "inline": ["echo %s > /ecr.txt"]}],
           "post-processors": [[
             {"type": "docker-tag", "repository": "%s", "tags": ["%s"]},
             {"type": "docker-push", "ecr_login": true, "login_server": "%s", %s}
           ]]}
          """
                  .formatted(base, tag, repo, tag, server, aws));
      Map<String, String> env = Map.of("AWS_ENDPOINT_URL_ECR", ecr.endpoint().toString());

      Launcher.Result pushed = Launcher.run(work, env, "build", push.toString());
      assertThat(pushed.exitCode()).as(pushed.all()).isZero();
      assertThat(pushed.all())
          .contains("Fetching ECR credentials...", "Logging in...", "Pushing: " + repo + ":" + tag)
          .doesNotContain(TestRegistry.PASSWORD)
          .doesNotContain("ecr-test-secret");
      assertThat(ecr.calls())
          .singleElement()
          .satisfies(
              c -> {
                assertThat(c.target())
                    .isEqualTo("AmazonEC2ContainerRegistry_V20150921.GetAuthorizationToken");
                assertThat(c.body().path("registryIds").toString()).isEqualTo("[\"123456789012\"]");
                assertThat(c.region()).isEqualTo("eu-west-3");
                assertThat(c.service()).isEqualTo("ecr");
                assertThat(c.accessKey()).isEqualTo("AKIDECRTEST");
              });

      // The builder pulls it back with a new token, after the local copy is gone.
      engine.api().removeImageCmd(repo + ":" + tag).withForce(true).exec();
      Path pull =
          Files.writeString(
              work.resolve("ecr-pull.json"),
              """
          {"builders": [{"type": "docker", "image": "%s:%s", "discard": true,
                         "ecr_login": true, "login_server": "%s", %s}],
           "provisioners": [{"type": "shell", "inline": ["cat /ecr.txt"]}]}
          """
                  .formatted(repo, tag, server, aws));
      Launcher.Result pulled = Launcher.run(work, env, "build", pull.toString());
      assertThat(pulled.exitCode()).as(pulled.all()).isZero();
      assertThat(pulled.all())
          .contains("Fetching ECR credentials...", "Logging in...", tag)
          .doesNotContain(TestRegistry.PASSWORD);
      assertThat(ecr.calls()).hasSize(2);

      // A token for another password: the registry refuses it.
      ecr.token(TestRegistry.USER, "not-the-password");
      engine.api().removeImageCmd(repo + ":" + tag).withForce(true).exec();
      Launcher.Result refused = Launcher.run(work, env, "build", pull.toString());
      assertThat(refused.exitCode()).as(refused.all()).isEqualTo(1);
      assertThat(refused.all()).contains("Error logging in:").doesNotContain("not-the-password");

      // ECR refuses: its error, in Packer's words.
      ecr.fail(
          "AccessDeniedException", "User is not authorized to perform ecr:GetAuthorizationToken");
      Launcher.Result denied = Launcher.run(work, env, "build", pull.toString());
      assertThat(denied.exitCode()).as(denied.all()).isEqualTo(1);
      assertThat(denied.all())
          .contains("Error fetching ECR credentials: User is not authorized to perform");
    }
  }

  @Test
  void aFailingCommandFailsTheBuildAndRemovesTheContainer() throws Exception {
    String label = UUID.randomUUID().toString();
    Path template =
        Files.writeString(
            work.resolve("fail.json"),
            """
        {"builders": [{"type": "docker", "image": "%s", "pull": false, "discard": true,
                       "run_command": %s}],
         "provisioners": [{"type": "shell", "inline": ["echo about to fail", "exit 7"]}]}
        """
                .formatted(base, runCommandWithLabel(label)));
    Launcher.Result r = Launcher.run(work, "build", template.toString());
    assertThat(r.exitCode()).as(r.all()).isEqualTo(1);
    assertThat(r.all()).contains("about to fail").contains("non-zero exit status: 7");
    assertThat(containersLabelled(label)).isEmpty();
  }

  @Test
  void aMissingImageIsNamedAndNothingIsLeft() throws Exception {
    Path template =
        Files.writeString(
            work.resolve("missing.json"),
            """
        {"builders": [{"type": "docker", "image": "imagebake-test/no-such-image:1", "pull": false,
                       "export_path": "out/x.tar"}]}
        """);
    Launcher.Result r = Launcher.run(work, "build", template.toString());
    assertThat(r.exitCode()).as(r.all()).isEqualTo(1);
    assertThat(r.all())
        .contains("Error running container: image imagebake-test/no-such-image:1 not found");
    assertThat(work.resolve("out/x.tar")).doesNotExist();
  }

  @Test
  void exportWritesTheFileSystemAndDockerImportMakesItAnImage() throws Exception {
    String repo = "imagebake-test/imported";
    Path template =
        Files.writeString(
            work.resolve("export.json"),
            """
        {"builders": [{"type": "docker", "image": "%s", "pull": false, "export_path": "out/fs.tar"}],
         "provisioners": [{"type": "shell", "inline": ["echo exported > /exported.txt"]}],
         "post-processors": [{"type": "docker-import", "repository": "%s", "tag": "1",
                              "changes": ["CMD [\\"cat\\", \\"/exported.txt\\"]"],
                              "keep_input_artifact": true}]}
        """
                .formatted(base, repo));
    Launcher.Result r = Launcher.run(work, "build", template.toString());
    assertThat(r.exitCode()).as(r.all()).isZero();
    assertThat(work.resolve("out/fs.tar")).isRegularFile();
    assertThat(runContainer(repo + ":1")).isEqualTo("exported\n");
  }

  @Test
  void ctrlCStopsTheCommandAndRemovesTheContainer() throws Exception {
    String label = UUID.randomUUID().toString();
    Path template =
        Files.writeString(
            work.resolve("int.json"),
            """
        {"builders": [{"type": "docker", "image": "%s", "pull": false, "commit": true,
                       "run_command": %s}],
         "provisioners": [{"type": "shell", "inline": ["echo waiting-for-signal", "sleep 600"]}]}
        """
                .formatted(base, runCommandWithLabel(label)));
    Path out = work.resolve("out.txt");
    Process p =
        new ProcessBuilder(Launcher.BIN.toString(), "build", template.toString())
            .directory(work.toFile())
            .redirectErrorStream(true)
            .redirectOutput(out.toFile())
            .start();
    p.getOutputStream().close();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (!Files.readString(out).contains("waiting-for-signal")) {
      if (!p.isAlive() || System.nanoTime() > deadline) {
        p.destroyForcibly();
        throw new AssertionError("no output before the signal:\n" + Files.readString(out));
      }
      p.waitFor(20, TimeUnit.MILLISECONDS);
    }
    new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("imagebake ends after the signal").isTrue();
    String output = Files.readString(out);
    assertThat(p.exitValue()).as(output).isEqualTo(130);
    assertThat(output).contains("Killing the container").doesNotContain("Committing the container");
    assertThat(containersLabelled(label)).as(output).isEmpty();
  }
}
