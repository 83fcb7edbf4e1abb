package dev.imagebake.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagebake.testing.PostgresServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The registry through the packaged launcher: eight {@code imagebake build --registry} processes
 * recording into one registry at once (SQLite and PostgreSQL), and {@code registry serve}.
 */
class RegistryIT {
  private static final Pattern RECORDED = Pattern.compile("recorded web/v(\\d+) \\(succeeded\\)");

  @TempDir Path work;

  @Test
  void eightBuildsRecordingAtOnceOnSqlite() throws Exception {
    eightBuildsAtOnce("sqlite:" + work.resolve("data/registry.db"));
  }

  @Test
  void eightBuildsRecordingAtOnceOnPostgres() throws Exception {
    try (PostgresServer pg = PostgresServer.start()) {
      eightBuildsAtOnce(pg.createDatabase());
    }
  }

  private void eightBuildsAtOnce(String registry) throws Exception {
    Map<String, String> env = Map.of("IMAGEBAKE_REGISTRY", registry);
    Path template =
        Files.writeString(
            work.resolve("web.json"),
            """
            {"variables": {"n": "0"},
             "builders": [{"type": "file", "content": "build {{user `n`}}",
                           "target": "out/{{user `n`}}.txt"}]}
            """);
    // Creates the schema first, as a team's first build does.
    assertThat(Launcher.run(work, env, "registry", "buckets").exitCode()).isZero();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Launcher.Result>> runs = new ArrayList<>();
      for (int i = 1; i <= 8; i++) {
        String n = Integer.toString(i);
        runs.add(
            pool.submit(
                () -> Launcher.run(work, env, "build", "-var", "n=" + n, template.toString())));
      }
      Set<Integer> numbers = new HashSet<>();
      for (Future<Launcher.Result> f : runs) {
        Launcher.Result r = f.get(10, TimeUnit.MINUTES);
        assertThat(r.exitCode()).as(r.all()).isZero();
        Matcher m = RECORDED.matcher(r.stdout());
        assertThat(m.find()).as(r.stdout()).isTrue();
        numbers.add(Integer.parseInt(m.group(1)));
      }
      assertThat(numbers).containsExactlyInAnyOrder(1, 2, 3, 4, 5, 6, 7, 8);
    } finally {
      pool.shutdownNow();
    }
    Launcher.Result versions = Launcher.run(work, env, "registry", "versions", "web");
    assertThat(versions.stdout().lines()).hasSize(8);
    // Each version's fingerprint differs: its variable n differs.
    assertThat(versions.stdout().lines().map(l -> l.split("  ")[4]).distinct()).hasSize(8);
  }

  @Test
  void serveAnswersUntilStopped() throws Exception {
    Map<String, String> env = Map.of("IMAGEBAKE_REGISTRY", "sqlite:" + work.resolve("r.db"));
    Path template =
        Files.writeString(
            work.resolve("site.json"),
            """
            {"builders": [{"type": "file", "content": "x", "target": "out/x.txt"}]}
            """);
    assertThat(Launcher.run(work, env, "build", template.toString()).exitCode()).isZero();
    ProcessBuilder pb =
        new ProcessBuilder(Launcher.BIN.toString(), "registry", "serve", "--listen", "127.0.0.1:0")
            .directory(work.toFile())
            .redirectError(ProcessBuilder.Redirect.INHERIT);
    pb.environment().putAll(env);
    Process serve = pb.start();
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(serve.getInputStream(), StandardCharsets.UTF_8))) {
      String line = out.readLine();
      assertThat(line).startsWith("Serving the registry ");
      String url = line.substring(line.lastIndexOf(' ') + 1);
      HttpResponse<String> buckets =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(url + "api/buckets")).build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(buckets.statusCode()).isEqualTo(200);
      assertThat(buckets.body()).contains("\"name\" : \"site\"");
    } finally {
      serve.destroy();
      assertThat(serve.waitFor(60, TimeUnit.SECONDS)).isTrue();
    }
  }
}
