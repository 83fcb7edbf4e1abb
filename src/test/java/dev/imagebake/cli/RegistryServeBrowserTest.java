package dev.imagebake.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagebake.registry.Registry;
import dev.imagebake.registry.RegistryLocation;
import dev.imagebake.registry.RegistryServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code registry serve} in a real headless browser (Debian's chromium): the page shows a bucket a
 * build recorded, and a rollback after one. The JSON API is read with the JDK's HTTP client.
 */
class RegistryServeBrowserTest {
  @TempDir Path dir;

  private Map<String, String> env() {
    return Map.of("IMAGEBAKE_REGISTRY", "sqlite:" + dir.resolve("registry.db"), "USER", "alice");
  }

  private int run(String... args) {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        Main.run(
            args,
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            env());
    assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
    return code;
  }

  @Test
  void thePageShowsARecordedBucketAndARollback() throws Exception {
    Path template =
        Files.writeString(
            dir.resolve("web-app.json"),
            """
            {"builders": [{"type": "file", "content": "x", "target": "%s"}]}
            """
                .formatted(dir.resolve("out.txt")));
    run("build", "--label", "tier=<front>", template.toString());
    run("build", template.toString());
    try (Registry registry =
            Registry.open(RegistryLocation.parse("sqlite:" + dir.resolve("registry.db")));
        RegistryServer server = RegistryServer.start(registry, "127.0.0.1:0")) {
      String index = dumpDom(server.url());
      assertThat(index).contains("<tr class=\"bucket\" data-bucket=\"web-app\">");
      assertThat(index).contains("<a href=\"/buckets/web-app\">web-app</a>");

      run("registry", "channel", "set", "web-app", "prod", "1");
      run("registry", "channel", "set", "web-app", "prod", "2");
      String before = dumpDom(server.url() + "buckets/web-app");
      assertThat(before).contains("data-channel=\"prod\" data-version=\"2\"");
      assertThat(before).contains("tier=&lt;front&gt;"); // escaped, not markup
      assertThat(before).doesNotContain("class=\"move rollback\"");

      run("registry", "rollback", "web-app", "prod");
      run("registry", "revoke", "web-app", "2", "--reason", "bad <b>build</b>");
      String after = dumpDom(server.url() + "buckets/web-app");
      assertThat(after).contains("data-channel=\"prod\" data-version=\"1\"");
      assertThat(after).contains("<tr class=\"move rollback\">");
      assertThat(after).contains("<tr class=\"version succeeded revoked\" id=\"v2\">");
      assertThat(after).contains("bad &lt;b&gt;build&lt;/b&gt;");

      HttpClient http = HttpClient.newHttpClient();
      HttpResponse<String> history =
          http.send(
              HttpRequest.newBuilder(
                      URI.create(server.url() + "api/buckets/web-app/channels/prod/history"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(history.statusCode()).isEqualTo(200);
      assertThat(history.headers().firstValue("Content-Type"))
          .hasValue("application/json; charset=utf-8");
      assertThat(history.body()).contains("\"action\" : \"rollback\"");
      HttpResponse<String> missing =
          http.send(
              HttpRequest.newBuilder(URI.create(server.url() + "api/buckets/nope/versions"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(missing.statusCode()).isEqualTo(404);
      assertThat(missing.body()).contains("no bucket 'nope'");
      HttpResponse<String> post =
          http.send(
              HttpRequest.newBuilder(URI.create(server.url() + "api/buckets"))
                  .POST(HttpRequest.BodyPublishers.ofString("{}"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(post.statusCode()).isEqualTo(405);
    }
  }

  /** The DOM chromium builds from the page, after it loaded. */
  private String dumpDom(String url) throws Exception {
    Path profile = Files.createTempDirectory(dir, "chromium");
    List<String> cmd =
        List.of(
            "chromium",
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--user-data-dir=" + profile,
            "--dump-dom",
            url);
    Path out = dir.resolve("dom.html");
    Process p =
        new ProcessBuilder(cmd)
            .redirectOutput(out.toFile())
            .redirectError(dir.resolve("chromium.log").toFile())
            .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
            .start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      throw new AssertionError("chromium timed out on " + url);
    }
    assertThat(p.exitValue()).as(Files.readString(dir.resolve("chromium.log"))).isZero();
    return Files.readString(out);
  }
}
