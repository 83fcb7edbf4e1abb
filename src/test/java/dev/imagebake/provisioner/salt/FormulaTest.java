package dev.imagebake.provisioner.salt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imagebake.testing.TestCancellation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** go-getter's git URL syntax as Packer's formulas use it. */
class FormulaTest {
  @Test
  void packersDocumentedExample() {
    assertThat(
            Formula.parse(
                "git::https://github.com/saltstack-formulas/vault-formula.git//vault?ref=v1.2.3"))
        .isEqualTo(
            new Formula(
                "git::https://github.com/saltstack-formulas/vault-formula.git//vault?ref=v1.2.3",
                "https://github.com/saltstack-formulas/vault-formula.git",
                "vault",
                "v1.2.3"));
  }

  @Test
  void fileUrlsScpStyleAndGithubShorthand() {
    Formula file = Formula.parse("git::file:///tmp/repo.git//a/b/");
    assertThat(file.repository()).isEqualTo("file:///tmp/repo.git");
    assertThat(file.subdir()).isEqualTo("a/b");
    assertThat(file.ref()).isNull();
    assertThat(Formula.parse("git@github.com:org/x.git//x?depth=1").repository())
        .isEqualTo("git@github.com:org/x.git");
    assertThat(Formula.parse("github.com/org/x-formula//x").repository())
        .isEqualTo("https://github.com/org/x-formula");
  }

  @Test
  void refusals() {
    assertThatThrownBy(() -> Formula.parse("git::https://github.com/org/x.git"))
        .hasMessage(Formula.NO_SUBDIR);
    assertThatThrownBy(() -> Formula.parse("git::https://github.com/org/x.git//"))
        .hasMessage(Formula.NO_SUBDIR);
    assertThatThrownBy(() -> Formula.parse("https://h/x.git//../etc"))
        .hasMessageContaining("plain relative path");
    assertThatThrownBy(() -> Formula.parse("https://h/x.git//x?sshkey=abc"))
        .hasMessageContaining("unsupported parameter 'sshkey=abc'");
  }

  @TempDir Path dir;

  @Test
  void fetchesABranchTagOrCommitWithTheLocalGit() throws Exception {
    Path repo = Files.createDirectories(dir.resolve("repo"));
    Files.createDirectories(repo.resolve("f"));
    git(repo, "init", "-q", "-b", "main");
    String first = commit(repo, "one");
    git(repo, "tag", "v1");
    commit(repo, "two");
    String url = "git::file://" + repo + "//f";
    TestCancellation never = new TestCancellation();
    assertThat(Formula.parse(url).fetch(dir.resolve("a"), never).resolve("init.sls"))
        .hasContent("two");
    assertThat(Formula.parse(url + "?ref=v1").fetch(dir.resolve("b"), never).resolve("init.sls"))
        .hasContent("one");
    assertThat(
            Formula.parse(url + "?ref=" + first).fetch(dir.resolve("c"), never).resolve("init.sls"))
        .hasContent("one");
    assertThatThrownBy(
            () -> Formula.parse("git::file://" + repo + "//g").fetch(dir.resolve("d"), never))
        .hasMessageEndingWith(": the repository has no directory g");
    assertThatThrownBy(() -> Formula.parse(url + "?ref=nope").fetch(dir.resolve("e"), never))
        .hasMessageStartingWith("Error downloading formula " + url + "?ref=nope: git exited");
  }

  private static String commit(Path repo, String content) throws Exception {
    Files.writeString(repo.resolve("f/init.sls"), content);
    git(repo, "add", ".");
    git(repo, "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qm", content);
    return git(repo, "rev-parse", "HEAD").strip();
  }

  /** Runs git in {@code repo}; fails the test when git fails. */
  static String git(Path repo, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("git", "-C", repo.toString()));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor()).as(output).isZero();
    return output;
  }
}
