package dev.imagebake.config;

import dev.imagebake.diag.Severity;
import dev.imagebake.sdk.config.ConfigCheck;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@link ConfigCheck} a plugin's cross-field rules report to: problems about a key point at the
 * key when the block has it, otherwise at the block. A message spanning lines (Packer has a few)
 * becomes its first line plus a hint made of the rest.
 */
final class BlockCheck implements ConfigCheck {
  private final ObjectNode block;
  private final Path workingDir;
  private final Path home;
  private final List<Reported> reported = new ArrayList<>();

  /** A problem and the key the rule gave it (a path like {@code scripts/2}), null for none. */
  private record Reported(String key, Problem problem) {}

  BlockCheck(ObjectNode block, Path workingDir, Path home) {
    this.block = block;
    this.workingDir = workingDir;
    this.home = home;
  }

  List<Problem> problems() {
    return reported.stream().map(Reported::problem).toList();
  }

  /**
   * The problems reported for a key whose top-level key is not one of {@code keys}; those about the
   * block as a whole are left out too.
   */
  List<Problem> problemsWithKeysOtherThan(Set<String> keys) {
    return reported.stream()
        .filter(r -> r.key() != null && !keys.contains(r.key().split("/", 2)[0]))
        .map(Reported::problem)
        .toList();
  }

  @Override
  public void error(String key, String message) {
    add(Severity.ERROR, key, message);
  }

  @Override
  public void error(String message) {
    add(Severity.ERROR, null, message);
  }

  @Override
  public void warn(String key, String message) {
    add(Severity.WARNING, key, message);
  }

  @Override
  public Path resolve(String path) {
    return resolve(path, workingDir, home);
  }

  static Path resolve(String path, Path workingDir, Path home) {
    // No file has a NUL in its name and Path refuses one; Go's spelling of it names a file that
    // does not exist, so the rule's own "does not exist" message reports it instead of a crash.
    path = path.replace("\0", "\\x00");
    if (path.equals("~")) {
      return home;
    }
    if (path.startsWith("~/")) {
      return home.resolve(path.substring(2)).normalize();
    }
    return workingDir.resolve(path).normalize();
  }

  private void add(Severity severity, String key, String message) {
    String pointer = "";
    boolean present = false;
    if (key != null) {
      // "scripts/2" names an element; when it is absent (a single string given for a list) the
      // key itself is the best place to point at.
      String exact = "/" + key;
      String first = "/" + key.split("/", 2)[0];
      if (!block.at(exact).isMissingNode()) {
        pointer = exact;
        present = true;
      } else if (!block.at(first).isMissingNode()) {
        pointer = first;
        present = true;
      }
    }
    int newline = message.indexOf('\n');
    String first = newline < 0 ? message : message.substring(0, newline).strip();
    String rest =
        newline < 0 ? null : message.substring(newline + 1).strip().replaceAll("\\s+", " ");
    reported.add(new Reported(key, new Problem(severity, pointer, present, -1, first, rest)));
  }
}
