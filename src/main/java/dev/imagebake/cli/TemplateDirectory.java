package dev.imagebake.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The templates a directory argument of {@code validate} stands for: every {@code *.json} file
 * under it, recursively, in path order. Every one is taken as a template (a JSON file that is not
 * one gets validate's errors, which is how a stray file shows); HCL2's {@code *.pkr.json} are left
 * out, as imagebake does not read HCL2.
 */
final class TemplateDirectory {
  private TemplateDirectory() {}

  static List<Path> templates(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(Files::isRegularFile)
          .filter(p -> p.getFileName().toString().endsWith(".json"))
          .filter(p -> !p.getFileName().toString().endsWith(".pkr.json"))
          .sorted()
          .toList();
    }
  }
}
