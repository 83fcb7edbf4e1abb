package dev.imagebake.builder.qemu;

import dev.imagebake.sdk.BuildContext;
import dev.imagebake.sdk.OutputDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Deleting and listing directory trees. */
final class Trees {
  private Trees() {}

  static void delete(Path dir) throws IOException {
    OutputDirectory.deleteTree(dir);
  }

  /** Deletes {@code dir}; says what to remove by hand when that fails. Never throws. */
  static void deleteOrReport(BuildContext ctx, Path dir) {
    try {
      delete(dir);
      ctx.resources().deleted(QemuResources.directory(dir));
    } catch (IOException e) {
      ctx.ui().error("Error removing " + dir + ": " + e.getMessage() + "; remove it by hand");
    }
  }

  /** Every regular file under {@code dir}, sorted, but the output directory's marker. */
  static List<Path> files(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(Files::isRegularFile)
          .filter(p -> !(p.getParent().equals(dir) && OutputDirectory.isMarker(p)))
          .sorted()
          .toList();
    }
  }
}
