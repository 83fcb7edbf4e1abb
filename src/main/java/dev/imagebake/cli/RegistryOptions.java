package dev.imagebake.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** {@code build}'s registry flags (docs/registry.md). */
final class RegistryOptions {
  @Option(
      names = {"-registry", "--registry"},
      description =
          "Record the run as a new version in the image registry (also when "
              + "IMAGEBAKE_REGISTRY is set).")
  boolean registry;

  @Option(
      names = {"-bucket", "--bucket"},
      paramLabel = "NAME",
      description = "The registry bucket (default: the template's file name without extension).")
  String bucket;

  @Option(
      names = {"-label", "--label"},
      paramLabel = "KEY=VALUE",
      description = "A label on the recorded version; repeatable.")
  List<String> labels = new ArrayList<>();

  @Option(
      names = {"-skip-unchanged", "--skip-unchanged"},
      description =
          "Build nothing when a successful, non-revoked version with the same "
              + "fingerprint exists; print it instead. Implies --registry.")
  boolean skipUnchanged;

  /** Whether this run records: a flag, or IMAGEBAKE_REGISTRY set to anything but 0/false/off. */
  boolean enabled(Map<String, String> env) {
    if (registry || skipUnchanged || bucket != null || !labels.isEmpty()) {
      return true;
    }
    String v = env.getOrDefault("IMAGEBAKE_REGISTRY", "").trim();
    return !v.isEmpty()
        && !v.equals("0")
        && !v.equalsIgnoreCase("false")
        && !v.equalsIgnoreCase("off");
  }
}
