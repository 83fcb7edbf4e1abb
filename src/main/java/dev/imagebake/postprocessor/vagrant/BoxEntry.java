package dev.imagebake.postprocessor.vagrant;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** One member of a box, at its root. */
sealed interface BoxEntry {
  /** The member's name in the archive, e.g. {@code box.img}. */
  String name();

  /** A local file streamed into the box (a disk, an include). */
  record FileEntry(String name, Path source) implements BoxEntry {}

  /** A file generated in memory ({@code Vagrantfile}, {@code metadata.json}). */
  record TextEntry(String name, String text) implements BoxEntry {
    byte[] bytes() {
      return text.getBytes(StandardCharsets.UTF_8);
    }
  }
}
