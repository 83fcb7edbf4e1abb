package dev.imagebake.testing;

import dev.imagebake.sdk.config.ConfigCheck;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link ConfigCheck} that records what a factory reports; paths resolve against the working
 * directory, {@code ~} against this user's home. Errors and warnings read as {@code key: message}
 * (the message alone without a key), as {@link Problem}s, or as messages only.
 */
public final class RecordingConfigCheck implements ConfigCheck {
  /** One reported problem; {@code key} is null for block-level errors. */
  public record Problem(String key, String message) {
    @Override
    public String toString() {
      return key == null ? message : key + ": " + message;
    }
  }

  private final Path workingDirectory;
  private final List<Problem> errors = new ArrayList<>();
  private final List<Problem> warnings = new ArrayList<>();

  public RecordingConfigCheck(Path workingDirectory) {
    this.workingDirectory = workingDirectory;
  }

  @Override
  public void error(String key, String message) {
    errors.add(new Problem(key, message));
  }

  @Override
  public void error(String message) {
    errors.add(new Problem(null, message));
  }

  @Override
  public void warn(String key, String message) {
    warnings.add(new Problem(key, message));
  }

  @Override
  public String environment(String name) {
    return System.getenv(name);
  }

  @Override
  public Path resolve(String path) {
    if (path.equals("~") || path.startsWith("~/")) {
      return Path.of(System.getProperty("user.home") + path.substring(1));
    }
    return workingDirectory.resolve(path);
  }

  /** The errors as {@code key: message}. */
  public List<String> errors() {
    return errors.stream().map(Problem::toString).toList();
  }

  /** The warnings as {@code key: message}. */
  public List<String> warnings() {
    return warnings.stream().map(Problem::toString).toList();
  }

  public List<Problem> errorProblems() {
    return List.copyOf(errors);
  }

  public List<Problem> warningProblems() {
    return List.copyOf(warnings);
  }

  /** The errors' messages without their keys. */
  public List<String> messages() {
    return errors.stream().map(Problem::message).toList();
  }
}
