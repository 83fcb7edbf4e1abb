package dev.imagebake.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagebake.testing.OpenSshServer;
import dev.imagebake.testing.digitalocean.DoLeaks;
import dev.imagebake.testing.digitalocean.FakeDigitalOcean;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code templates/digitalocean.json} through {@code imagebake validate} and {@code build}: the
 * real CLI, engine, digitalocean builder, shell provisioner, SSH communicator and manifest, against
 * the local DigitalOcean API endpoint (api_url from DIGITALOCEAN_API_URL, the token from
 * DIGITALOCEAN_API_TOKEN) whose droplets are a local sshd.
 */
class DigitalOceanTemplateTest {
  private static final Path TEMPLATE = Path.of("templates/digitalocean.json").toAbsolutePath();

  record Run(int code, String out, String err) {}

  private static Run run(Map<String, String> env, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        Main.run(
            args,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            env);
    return new Run(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void theExampleBuildsASnapshotInTwoRegionsAndRecordsIt(@TempDir Path dir) throws IOException {
    try (FakeDigitalOcean api = FakeDigitalOcean.start();
        OpenSshServer sshd = OpenSshServer.start()) {
      // Everything completes at the first poll, so the builder's 3 s pauses never happen.
      api.world().pollsToComplete(0).keyAuthorizer(sshd::authorize);
      Set<Long> baseline = DoLeaks.baseline(api.world());
      Map<String, String> env =
          Map.of(
              "DIGITALOCEAN_API_TOKEN", api.token(),
              "DIGITALOCEAN_API_URL", api.url().toString(),
              "HOME", System.getProperty("user.home"),
              "PATH", System.getenv("PATH"));
      Path manifest = dir.resolve("manifest.json");
      Run r =
          run(
              env,
              "build",
              "-color=false",
              "-var",
              "ssh_username=" + sshd.user(),
              "-var",
              "ssh_port=" + sshd.port(),
              "-var",
              "manifest=" + manifest,
              TEMPLATE.toString());
      String console = r.out() + r.err();
      assertThat(r.code()).as(console).isZero();
      Set<Long> made =
          api.world().images().stream()
              .map(i -> i.id)
              .filter(id -> !baseline.contains(id))
              .collect(Collectors.toSet());
      assertThat(made).hasSize(1);
      long id = made.iterator().next();
      assertThat(console)
          .contains("digitalocean: provisioned digitalocean on droplet ")
          .containsPattern(
              "--> digitalocean: A snapshot was created: 'web-\\d+' \\(ID: "
                  + id
                  + "\\) in regions 'ams3,nyc3'")
          .doesNotContain(api.token());
      assertThat(DoLeaks.find(api.world(), baseline, made)).isEmpty();
      JsonNode build =
          JsonMapper.builder().build().readTree(manifest.toFile()).path("builds").get(0);
      assertThat(build.path("builder_type").asString()).isEqualTo("digitalocean");
      assertThat(build.path("artifact_id").asString()).isEqualTo("ams3,nyc3:" + id);
      assertThat(build.path("files").isNull() || build.path("files").isEmpty()).isTrue();
    }
  }

  @Test
  void validateNeedsTheTokenAndCallsNothing() {
    try (FakeDigitalOcean api = FakeDigitalOcean.start()) {
      Run without = run(Map.of(), "validate", TEMPLATE.toString());
      assertThat(without.code()).isNotZero();
      assertThat(without.out() + without.err()).contains("api_token for auth must be specified");
      Run with = run(Map.of("DIGITALOCEAN_API_TOKEN", "t"), "validate", TEMPLATE.toString());
      assertThat(with.code()).as(with.out() + with.err()).isZero();
      assertThat(api.calls()).isEmpty();
    }
  }
}
