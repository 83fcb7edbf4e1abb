package dev.imagebake.provisioner.salt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

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
}
