package dev.imagebake.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The registry from the command line: real builds (file builder) recorded with {@code --registry},
 * then every registry command, text and JSON, and bad input. Each subclass names the database.
 */
abstract class RegistryCliContract {
  @TempDir Path dir;
  Map<String, String> env;
  Path template;

  record Run(int code, String out, String err) {
    JsonNode json() {
      return JsonMapper.builder().build().readTree(out);
    }
  }

  /** IMAGEBAKE_REGISTRY for a fresh database. */
  abstract String registry() throws Exception;

  @BeforeEach
  void setUp() throws Exception {
    env = new HashMap<>();
    env.put("IMAGEBAKE_REGISTRY", registry());
    env.put("USER", "alice");
    env.put("NO_COLOR", "1");
    Files.writeString(dir.resolve("notes.txt"), "v1 notes\n");
    template =
        Files.writeString(
            dir.resolve("web.json"),
            """
            {"variables": {"out": "%s", "notes": "%s"},
             "builders": [{"type": "file", "name": "notes", "source": "{{user `notes`}}",
                           "target": "{{user `out`}}/notes.txt"}]}
            """
                .formatted(dir.resolve("out"), dir.resolve("notes.txt")));
  }

  Run run(String... args) {
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
  void theTemplateFoldersCommitIsRecordedWhileTheFolderIsClean() throws Exception {
    // The out directory stays outside the repository, so the build leaves the folder clean.
    Path repo = Files.createDirectories(dir.resolve("repo"));
    Path inRepo = Files.copy(template, repo.resolve("web.json"));
    git(repo, "init", "-q");
    git(repo, "add", "-A");
    git(repo, "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-m", "one");
    String head = git(repo, "rev-parse", "HEAD").strip();

    Run clean = run("build", "--registry", inRepo.toString());
    assertThat(clean.code()).as(clean.err()).isZero();
    JsonNode v1 = run("registry", "show", "web", "1", "--format", "json").json();
    assertThat(v1.get("fingerprint").get("gitCommit").asString()).isEqualTo(head);

    Files.writeString(inRepo, Files.readString(inRepo) + "\n");
    Run dirty = run("build", "--registry", inRepo.toString());
    assertThat(dirty.code()).as(dirty.err()).isZero();
    JsonNode v2 = run("registry", "show", "web", "2", "--format", "json").json();
    assertThat(
            v2.get("fingerprint").path("gitCommit").isMissingNode()
                || v2.get("fingerprint").get("gitCommit").isNull())
        .as("no commit for a modified template: %s", v2.get("fingerprint"))
        .isTrue();
  }

  private static String git(Path repo, String... args) throws Exception {
    java.util.List<String> cmd =
        new java.util.ArrayList<>(java.util.List.of("git", "-C", repo.toString()));
    cmd.addAll(java.util.List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as("git %s: %s", java.util.List.of(args), out).isZero();
    return out;
  }

  @Test
  void buildsAreRecordedAndChannelsMoveAndRollBack() throws Exception {
    Run first = run("build", "--label", "team=web", template.toString());
    assertThat(first.code()).as(first.err()).isZero();
    assertThat(first.out()).contains("==> Registry: recorded web/v1 (succeeded)");

    Run show = run("registry", "show", "web", "1", "--format", "json");
    assertThat(show.code()).as(show.err()).isZero();
    JsonNode v1 = show.json();
    assertThat(v1.get("status").asString()).isEqualTo("succeeded");
    assertThat(v1.get("who").asString()).isEqualTo("alice");
    assertThat(v1.get("labels").get("team").asString()).isEqualTo("web");
    assertThat(v1.get("fingerprint").get("contentHash").asString()).startsWith("sha256:");
    JsonNode artifact = v1.get("builds").get(0).get("artifacts").get(0);
    assertThat(artifact.get("builderId").asString()).isEqualTo("packer.file");
    JsonNode file = artifact.get("files").get(0);
    assertThat(file.get("size").asLong()).isEqualTo(9);
    assertThat(file.get("sha256").asString())
        .isEqualTo(dev.imagebake.registry.FingerprintsAccess.sha256(dir.resolve("out/notes.txt")));

    // Same inputs: skipped. Changed local file: a new version.
    Run skipped = run("build", "--skip-unchanged", template.toString());
    assertThat(skipped.code()).isZero();
    assertThat(skipped.out())
        .contains("web/v1 has the same fingerprint")
        .doesNotContain("recorded");
    Files.writeString(dir.resolve("notes.txt"), "v2 notes\n");
    Run second = run("build", "--skip-unchanged", template.toString());
    assertThat(second.out()).contains("recorded web/v2");

    assertThat(run("registry", "channel", "set", "web", "prod", "v1").out())
        .isEqualTo("channel 'prod' of web: (new) -> v1\n");
    assertThat(run("registry", "channel", "set", "web", "prod", "2").out())
        .isEqualTo("channel 'prod' of web: v1 -> v2\n");
    Run get = run("registry", "get", "web", "prod");
    assertThat(get.code()).as(get.err()).isZero();
    assertThat(get.out()).isEqualTo("File\n"); // the file builder's artifact id, as in Packer
    assertThat(run("registry", "rollback", "web", "prod").out())
        .isEqualTo("channel 'prod' of web: v2 -> v1 (rollback)\n");
    JsonNode history =
        run("registry", "channel", "history", "web", "prod", "--format", "json").json();
    assertThat(history).hasSize(3);
    assertThat(history.get(2).get("action").asString()).isEqualTo("rollback");
    assertThat(history.get(2).get("who").asString()).startsWith("alice@");

    Run revoke = run("registry", "revoke", "web", "1", "--reason", "leaked key");
    assertThat(revoke.out())
        .contains("web/v1 revoked: leaked key", "channels still pointing at it");
    Run revokedGet = run("registry", "get", "web", "prod");
    assertThat(revokedGet.code()).isEqualTo(1);
    assertThat(revokedGet.out()).isEmpty();
    assertThat(revokedGet.err().lines()).hasSize(1);
    assertThat(revokedGet.err()).contains("points at web/v1, which is revoked: leaked key");

    Run buckets = run("registry", "buckets");
    assertThat(buckets.out()).isEqualTo("web  2 versions, latest v2  prod=v1 (REVOKED)\n");
    assertThat(run("registry", "versions", "web").out()).contains("web/v1", "REVOKED: leaked key");
    assertThat(run("registry", "buckets", "--format", "json").json().get(0).get("name").asString())
        .isEqualTo("web");
  }

  @Test
  void aFailedBuildIsRecordedButCannotBeAssigned() throws Exception {
    Files.writeString(
        template,
        """
        {"builders": [{"type": "null", "communicator": "none"}],
         "provisioners": [{"type": "shell-local", "inline": ["exit 3"]}]}
        """);
    Run r = run("build", "--bucket", "broken", template.toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).contains("recorded broken/v1 (failed, cannot be assigned to a channel)");
    Run set = run("registry", "channel", "set", "broken", "prod", "1");
    assertThat(set.code()).isEqualTo(1);
    assertThat(set.err())
        .isEqualTo(
            "imagebake: broken/v1 failed; only a successful version can be assigned to a channel\n");
  }

  @Test
  void badInputGetsOneLineAndAnExitCode() throws Exception {
    run("build", template.toString());
    assertOneLine(run("registry", "versions", "nope"), 1, "no bucket 'nope'");
    assertOneLine(run("registry", "show", "web", "9"), 1, "bucket 'web' has no version 9");
    assertOneLine(run("registry", "show", "web", "nine"), 2, "not a version number: 'nine'");
    assertOneLine(run("registry", "get", "web", "prod"), 1, "bucket 'web' has no channel 'prod'");
    assertOneLine(run("registry", "channel", "history", "web", "prod"), 1, "has no channel 'prod'");
    assertOneLine(run("registry", "rollback", "web", "prod"), 1, "has no channel 'prod'");
    assertOneLine(
        run("registry", "buckets", "--format", "xml"), 2, "--format must be text or json");
    assertOneLine(
        run("build", "--label", "nolabel", template.toString()), 2, "--label must be KEY=VALUE");

    env.put("IMAGEBAKE_REGISTRY", "postgresql://al:s3cret@/nohost");
    Run malformed = run("registry", "buckets");
    assertOneLine(malformed, 2, "IMAGEBAKE_REGISTRY: malformed URL 'postgresql://al:***@/nohost'");
    assertThat(malformed.err()).doesNotContain("s3cret");
    env.put("IMAGEBAKE_REGISTRY", "mysql://x/y");
    assertOneLine(run("registry", "buckets"), 2, "not a registry location: 'mysql://x/y'");
    env.put("IMAGEBAKE_REGISTRY", "postgresql://al:s3cret@127.0.0.1:1/db");
    Run unreachable = run("registry", "buckets");
    assertOneLine(unreachable, 1, "cannot open the registry postgresql://al:***@127.0.0.1:1/db");
    assertThat(unreachable.err()).doesNotContain("s3cret");
    // The registry opens while the build runs: the build is not held up, but its run is not
    // recorded, which fails the command.
    Run build = run("build", "--registry", template.toString());
    assertOneLine(build, 1, "the run was not recorded: cannot open the registry");
    assertThat(build.out()).contains("Stored file:");
    // --skip-unchanged must ask the registry first: nothing is built.
    Files.delete(dir.resolve("out/notes.txt"));
    Run skip = run("build", "--skip-unchanged", template.toString());
    assertOneLine(skip, 1, "cannot open the registry");
    assertThat(dir.resolve("out/notes.txt")).doesNotExist();
  }

  private static void assertOneLine(Run r, int code, String message) {
    assertThat(r.code()).as(r.err()).isEqualTo(code);
    assertThat(r.err().lines()).as(r.err()).hasSize(1);
    assertThat(r.err()).startsWith("imagebake: ").contains(message);
  }
}
