package dev.imagebake.testing;

import dev.imagebake.sdk.config.ConfigCheck;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Records errors as {@code key: message} (or the message alone) and warnings the same way. */
public final class RecordingConfigCheck implements ConfigCheck {
  private final Path workingDirectory;
  private final List<String> errors = new ArrayList<>();
  private final List<String> warnings = new ArrayList<>();

  public RecordingConfigCheck(Path workingDirectory) {
    this.workingDirectory = workingDirectory;
  }

  @Override
  public void error(String key, String message) {
    errors.add(key + ": " + message);
  }

  @Override
  public void error(String message) {
    errors.add(message);
  }

  @Override
  public void warn(String key, String message) {
    warnings.add(key + ": " + message);
  }

  @Override
  public String environment(String name) {
    return System.getenv(name);
  }

  @Override
  public Path resolve(String path) {
    return workingDirectory.resolve(path);
  }

  public List<String> errors() {
    return List.copyOf(errors);
  }

  public List<String> warnings() {
    return List.copyOf(warnings);
  }
}
