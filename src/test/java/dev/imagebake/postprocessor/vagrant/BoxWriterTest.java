package dev.imagebake.postprocessor.vagrant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imagebake.sdk.CancelledException;
import dev.imagebake.sdk.Ui;
import dev.imagebake.testing.TestCancellation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BoxWriterTest {
  @TempDir Path dir;

  /** A Ui that cancels the build when the given member starts. */
  private static Ui cancellingAt(String member, TestCancellation cancellation) {
    return new Ui() {
      @Override
      public void say(String text) {}

      @Override
      public void message(String text) {
        if (text.equals("Compressing: " + member)) {
          cancellation.cancel("interrupted");
        }
      }

      @Override
      public void error(String text) {}

      @Override
      public Optional<String> ask(String prompt) {
        return Optional.empty();
      }
    };
  }

  @Test
  void interruptWhileStreamingTheDiskLeavesNeitherBoxNorPartialFile() throws Exception {
    Path disk = dir.resolve("disk.raw");
    Files.write(disk, new byte[3 << 20]);
    Path box = dir.resolve("out/a.box");
    Files.createDirectories(box.getParent());
    Files.writeString(box, "previous box");
    TestCancellation cancellation = new TestCancellation();
    BoxWriter writer = new BoxWriter(6, cancellation, cancellingAt("box.img", cancellation));
    List<BoxEntry> entries =
        List.of(
            new BoxEntry.TextEntry("Vagrantfile", "Vagrant.configure(\"2\") do |c| end\n"),
            new BoxEntry.FileEntry("box.img", disk),
            new BoxEntry.TextEntry("metadata.json", "{}\n"));

    assertThatThrownBy(() -> writer.write(box, entries)).isInstanceOf(CancelledException.class);
    assertThat(box)
        .as("an earlier box is only replaced by a complete one")
        .hasContent("previous box");
    assertThat(Files.list(box.getParent()).map(p -> p.getFileName().toString()))
        .containsExactly("a.box");
  }

  @Test
  void aStalePartialFileFromAKilledRunIsReplaced() throws Exception {
    Path box = dir.resolve("a.box");
    Files.writeString(dir.resolve(".a.box.partial"), "left by kill -9");
    new BoxWriter(0, new TestCancellation(), cancellingAt("none", new TestCancellation()))
        .write(box, List.of(new BoxEntry.TextEntry("metadata.json", "{}\n")));
    assertThat(Boxes.members(box)).containsOnlyKeys("metadata.json");
    assertThat(dir.resolve(".a.box.partial")).doesNotExist();
  }
}
