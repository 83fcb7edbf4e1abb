package dev.imagebake.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code -force} deletes only an earlier output directory of imagebake: never the working
 * directory, a parent of it, the template's folder or the home directory, nor a directory that
 * imagebake did not create. Each refused build fails with one line and deletes nothing.
 */
class ForceIT {
  @TempDir Path work;

  /** A qemu build that stops at QEMU's start (a bad option): the output directory step is run. */
  private Path template(Path dir, String outputDirectory) throws Exception {
    Files.createDirectories(dir);
    Files.write(dir.resolve("blank.raw"), new byte[1 << 16]);
    Files.writeString(dir.resolve("input.txt"), "mine");
    return Files.writeString(
        dir.resolve("t.json"),
        """
        {"builders": [{"type": "qemu", "disk_image": true, "iso_url": "%s",
          "iso_checksum": "none", "format": "raw", "accelerator": "tcg", "headless": true,
          "communicator": "none", "output_directory": "%s",
          "qemuargs": [["-no-such-option"]]}]}
        """
            .formatted(dir.resolve("blank.raw"), outputDirectory));
  }

  private static void assertRefused(Launcher.Result r, String why) {
    assertThat(r.exitCode()).as(r.all()).isEqualTo(1);
    assertThat(r.all())
        .contains(why)
        .contains("-force never deletes")
        .doesNotContain("Deleting previous output directory")
        .doesNotContain("\tat ");
  }

  @Test
  void theWorkingDirectoryIsKept() throws Exception {
    for (String dot : new String[] {".", "./", work.toString()}) {
      Path t = template(work, dot);
      Launcher.Result r = Launcher.run(work, "build", "-force", t.toString());
      assertRefused(r, "the working directory");
      assertThat(t).exists();
      assertThat(work.resolve("input.txt")).hasContent("mine");
    }
  }

  @Test
  void aParentOfTheWorkingDirectoryIsKept() throws Exception {
    Path sub = work.resolve("a/b");
    Path t = template(sub, "..");
    Launcher.Result r = Launcher.run(sub, "build", "-force", t.toString());
    assertRefused(r, "the working directory");
    assertThat(sub.resolve("input.txt")).hasContent("mine");
  }

  @Test
  void theTemplatesFolderIsKept() throws Exception {
    Path t = template(work.resolve("tpl"), "tpl");
    Launcher.Result r = Launcher.run(work, "build", "-force", t.toString());
    assertRefused(r, "the template's folder");
    assertThat(t).exists();
  }

  @Test
  void theHomeDirectoryIsKept() throws Exception {
    Path home = Files.createDirectories(work.resolve("home"));
    Files.writeString(home.resolve(".profile"), "mine");
    Path t = template(work.resolve("w"), home.toString());
    Launcher.Result r =
        Launcher.run(
            work.resolve("w"), Map.of("HOME", home.toString()), "build", "-force", "t.json");
    assertRefused(r, "the home directory");
    assertThat(home.resolve(".profile")).hasContent("mine");
  }

  @Test
  void aDirectoryImagebakeDidNotCreateIsKept() throws Exception {
    Path t = template(work, "out");
    Files.createDirectories(work.resolve("out"));
    Files.writeString(work.resolve("out/photo.jpg"), "mine");
    Launcher.Result r = Launcher.run(work, "build", "-force", t.toString());
    assertThat(r.exitCode()).as(r.all()).isEqualTo(1);
    assertThat(r.all())
        .contains("Output directory 'out' already exists and was not created by imagebake")
        .doesNotContain("Deleting previous output directory");
    assertThat(work.resolve("out/photo.jpg")).hasContent("mine");
  }

  @Test
  void anEarlierOutputIsReplaced() throws Exception {
    Path t = template(work, "out");
    Files.createDirectories(work.resolve("out"));
    Files.writeString(work.resolve("out/.imagebake-output"), "");
    Files.writeString(work.resolve("out/old.qcow2"), "old");
    Launcher.Result r = Launcher.run(work, "build", "-force", t.toString());
    // The build then fails at QEMU's start, which removes the new output directory too.
    assertThat(r.all())
        .contains("Deleting previous output directory...")
        .contains("-no-such-option");
    assertThat(work.resolve("out/old.qcow2")).doesNotExist();
    assertThat(work.resolve("input.txt")).hasContent("mine");
  }

  @Test
  void withoutForceAnExistingOutputIsRefused() throws Exception {
    Path t = template(work, "out");
    Files.createDirectories(work.resolve("out"));
    Files.writeString(work.resolve("out/.imagebake-output"), "");
    Launcher.Result r = Launcher.run(work, "build", t.toString());
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.all()).contains("Output directory 'out' already exists. It must not exist.");
    assertThat(work.resolve("out/.imagebake-output")).exists();
  }
}
