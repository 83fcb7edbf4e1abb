package dev.imagebake.builder.docker;

import dev.imagebake.docker.DockerEngine;
import dev.imagebake.docker.EngineErrors;
import dev.imagebake.sdk.BuildContext;
import dev.imagebake.sdk.StateBag;
import dev.imagebake.sdk.Step;
import dev.imagebake.sdk.StepFailedException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Packer's {@code StepExport}: the container's file system as a flat tarball at {@code export_path}
 * (its directory created). Written to a temporary file beside it and renamed when complete, so a
 * failed or interrupted export leaves no partial tarball.
 */
final class StepExport implements Step {
  private final Path exportPath;

  StepExport(Path exportPath) {
    this.exportPath = exportPath;
  }

  @Override
  public void run(BuildContext ctx, StateBag state) throws Exception {
    DockerEngine engine = state.require(DockerState.ENGINE);
    String container = state.require(DockerState.CONTAINER_ID);
    Path dir = exportPath.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path partial = Files.createTempFile(dir, "." + exportPath.getFileName(), ".part");
    ctx.ui().say("Exporting the container");
    try (InputStream in = engine.api().exportContainerCmd(container).exec();
        OutputStream out = Files.newOutputStream(partial);
        AutoCloseable hook = ctx.cancellation().onCancel(() -> closeQuietly(in))) {
      in.transferTo(out);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(partial);
      ctx.cancellation().throwIfCancelled();
      throw new StepFailedException(
          name(), "Error exporting the container: " + EngineErrors.describe(e), e);
    }
    ctx.cancellation().throwIfCancelled();
    // A new file as os.Create makes it (0644 under the usual umask), not the temp file's 0600.
    Files.setPosixFilePermissions(
        partial, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
    Files.move(partial, exportPath, StandardCopyOption.REPLACE_EXISTING);
  }

  private static void closeQuietly(InputStream in) {
    try {
      in.close();
    } catch (IOException ignored) {
      // the export is being abandoned
    }
  }
}
