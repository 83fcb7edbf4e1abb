package dev.imagebake.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fingerprint's git commit: the folder's commit when git reports it clean, else none. */
class FingerprintsGitTest {
  @TempDir Path repo;

  @Test
  void theCommitOnlyWhileTheTemplatesFolderIsClean() throws Exception {
    Path folder = Files.createDirectories(repo.resolve("images"));
    Path template = Files.writeString(folder.resolve("web.json"), "{}");
    assertThat(Fingerprints.gitCommit(template)).as("no repository").isNull();

    git("init", "-q");
    assertThat(Fingerprints.gitCommit(template)).as("no commit yet").isNull();

    git("add", "-A");
    git("-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-m", "one");
    String head = git("rev-parse", "HEAD").strip();
    assertThat(Fingerprints.gitCommit(template)).isEqualTo(head);

    Files.writeString(repo.resolve("elsewhere.txt"), "outside the folder");
    assertThat(Fingerprints.gitCommit(template)).as("a change outside the folder").isEqualTo(head);

    Files.writeString(folder.resolve("new.sh"), "echo");
    assertThat(Fingerprints.gitCommit(template)).as("an untracked file in the folder").isNull();
    Files.delete(folder.resolve("new.sh"));

    Files.writeString(template, "{\"builders\": []}");
    assertThat(Fingerprints.gitCommit(template)).as("a modified template").isNull();
    git("checkout", "-q", "--", ".");

    git("checkout", "-q", "--detach");
    assertThat(Fingerprints.gitCommit(template)).as("a detached HEAD").isEqualTo(head);
  }

  private String git(String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of("git", "-C", repo.toString()));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as("git %s: %s", args, out).isZero();
    return out;
  }
}
