package dev.imagebake.builder.docker;

import dev.imagebake.sdk.BuildContext;
import dev.imagebake.sdk.StateBag;
import dev.imagebake.sdk.Step;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Packer's {@code StepTempDir}: a host directory shared with the container at {@code
 * container_dir}, under {@code PACKER_TMP_DIR} when set, else the system's temporary directory.
 * Cleanup deletes it.
 */
final class StepContainerDir implements Step {
  private final String packerTmpDir;

  StepContainerDir(String packerTmpDir) {
    this.packerTmpDir = packerTmpDir;
  }

  @Override
  public void run(BuildContext ctx, StateBag state) throws Exception {
    ctx.ui().say("Creating a temporary directory for sharing data...");
    Path parent =
        packerTmpDir == null || packerTmpDir.isEmpty()
            ? Path.of(System.getProperty("java.io.tmpdir"))
            : ctx.workingDirectory().resolve(packerTmpDir).toAbsolutePath();
    try {
      Files.createDirectories(parent);
      Path dir = Files.createTempDirectory(parent, "imagebake-docker");
      state.put(DockerState.TEMP_DIR, dir);
    } catch (IOException e) {
      throw new IOException("Error making temp dir: " + e.getMessage(), e);
    }
  }

  @Override
  public void cleanup(BuildContext ctx, StateBag state) {
    state
        .find(DockerState.TEMP_DIR)
        .ifPresent(
            dir -> {
              try (Stream<Path> walk = Files.walk(dir)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
              } catch (IOException e) {
                ctx.ui()
                    .error(
                        "Could not delete the temporary directory " + dir + ": " + e.getMessage());
              }
            });
  }

  /** Packer's name for this step (step timings, -on-error prompts). */
  @Override
  public String name() {
    return "StepTempDir";
  }
}
