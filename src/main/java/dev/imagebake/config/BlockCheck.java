package dev.imagebake.config;

import dev.imagebake.diag.Severity;
import dev.imagebake.sdk.LocalPaths;
import dev.imagebake.sdk.config.ConfigCheck;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
  private final Map<String, String> environment;
  private final List<Reported> reported = new ArrayList<>();

  /** A problem and the key the rule gave it (a path like {@code scripts/2}), null for none. */
  private record Reported(String key, Problem problem) {}

  private final ValueRenderer renderer;

  BlockCheck(
      ObjectNode block,
      Path workingDir,
      Path home,
      Map<String, String> environment,
      ValueRenderer renderer) {
    this.renderer = renderer;
    this.block = block;
    this.workingDir = workingDir;
    this.home = home;
    this.environment = environment;
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

  @Override
  public String environment(String name) {
    return environment.get(name);
  }

  @Override
  public String renderNow(String raw) {
    return renderer.renderNow(raw);
  }

  static Path resolve(String path, Path workingDir, Path home) {
    return LocalPaths.resolve(path, workingDir, home);
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
