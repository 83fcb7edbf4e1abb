package dev.imagebake.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code imagebake fix} through bin/imagebake against what {@code packer fix} 1.6.6 printed for the
 * same files (src/test/resources/fix/cli: NAME.json, Packer's output NAME.packer-output and exit
 * status NAME.exit, captured with {@code packer fix NAME.json > NAME.packer-output; echo $? >
 * NAME.exit}). Packer writes its errors to stdout too; imagebake writes them to stderr, so the
 * template alone is on stdout and stdout then stderr is Packer's output.
 */
class FixIT {
  private static final Path CASES = Path.of("src/test/resources/fix/cli").toAbsolutePath();

  @ParameterizedTest
  @ValueSource(
      strings = {
        "legacy",
        "dep",
        "nums",
        "nob",
        "trail",
        "trunc",
        "arr",
        "notmap",
        "nob-novalidate"
      })
  void printsWhatPackerFixPrints(String name) throws Exception {
    List<String> args =
        name.equals("nob-novalidate")
            ? List.of("fix", "-validate=false", "nob.json")
            : List.of("fix", name + ".json");
    Launcher.Result r = Launcher.run(CASES, args.toArray(String[]::new));
    String packer = read(name + ".packer-output");
    assertThat(r.stdout() + r.stderr()).isEqualTo(packer);
    assertThat(r.exitCode()).isEqualTo(Integer.parseInt(read(name + ".exit").trim()));
    assertThat(r.stdout()).doesNotContain("Error");
  }

  @Test
  void helpListsPackersFixersInOrder() throws Exception {
    Launcher.Result r = Launcher.run(CASES, "fix", "-h");
    assertThat(r.exitCode()).isZero();
    assertThat(r.stdout())
        .contains("Fixes that are run (in order):")
        .contains(
            "  iso-md5                    Replaces \"iso_md5\" in builders with \"iso_checksum\"")
        .contains("  proxmox-type               Updates the builder type proxmox to proxmox-iso");
    assertThat(r.stdout().indexOf("createtime")).isLessThan(r.stdout().indexOf("proxmox-type"));
  }

  @Test
  void aMissingTemplateIsAUsageError() throws Exception {
    Launcher.Result r = Launcher.run(CASES, "fix");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.stderr()).contains("TEMPLATE");
  }

  @Test
  void aMissingFileIsPackersError() throws Exception {
    Launcher.Result r = Launcher.run(CASES, "fix", "absent.json");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.stderr())
        .isEqualTo("Error opening template: open absent.json: no such file or directory\n");
  }

  private static String read(String file) throws Exception {
    return Files.readString(CASES.resolve(file), StandardCharsets.UTF_8);
  }
}
