package dev.imagebake.postprocessor.dockersave;

import dev.imagebake.docker.DockerEngine;
import dev.imagebake.docker.DockerIds;
import dev.imagebake.docker.EngineErrors;
import dev.imagebake.docker.ImageRef;
import dev.imagebake.sdk.Artifact;
import dev.imagebake.sdk.BuildContext;
import dev.imagebake.sdk.PostProcessor;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Packer's docker-save: {@code docker save} of the artifact's image into {@code path}. Written to a
 * temporary file beside it and renamed when complete, so a failure leaves no partial file. Returns
 * its input.
 */
final class DockerSavePostProcessor implements PostProcessor {
  private final DockerSaveConfig config;

  DockerSavePostProcessor(DockerSaveConfig config) {
    this.config = config;
  }

  @Override
  public Result postProcess(BuildContext ctx, Artifact input) throws Exception {
    if (!input.builderId().equals(DockerIds.IMPORT) && !input.builderId().equals(DockerIds.TAG)) {
      throw new IllegalArgumentException(
          "Unknown artifact type: "
              + input.builderId()
              + "\nCan only save Docker builder artifacts.");
    }
    Path path = ctx.workingDirectory().resolve(config.path());
    Path dir = path.toAbsolutePath().getParent();
    Path partial;
    try {
      partial = Files.createTempFile(dir, "." + path.getFileName(), ".part");
    } catch (IOException e) {
      throw new IOException("Error creating output file: " + e.getMessage(), e);
    }
    ctx.ui().message("Saving image: " + input.id());
    try (DockerEngine engine = DockerEngine.of(ctx);
        InputStream in = save(engine, input.id());
        OutputStream out = Files.newOutputStream(partial);
        AutoCloseable hook = ctx.cancellation().onCancel(() -> closeQuietly(in))) {
      in.transferTo(out);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(partial);
      ctx.cancellation().throwIfCancelled();
      throw new IllegalStateException(
          "Error saving image " + input.id() + ": " + EngineErrors.describe(e), e);
    }
    // A new file as os.Create makes it (0644 under the usual umask), not the temp file's 0600.
    Files.setPosixFilePermissions(
        partial, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
    Files.move(partial, path, StandardCopyOption.REPLACE_EXISTING);
    ctx.ui().message("Saved to: " + config.path());
    return new Result(input, true, false);
  }

  /** A name keeps its tag in the tarball (docker load restores it); an id is saved as is. */
  private static InputStream save(DockerEngine engine, String id) {
    if (id.startsWith("sha256:")) {
      return engine.api().saveImageCmd(id).exec();
    }
    ImageRef ref = ImageRef.parse(id);
    return engine.api().saveImageCmd(ref.repository()).withTag(ref.tagOrLatest()).exec();
  }

  private static void closeQuietly(InputStream in) {
    try {
      in.close();
    } catch (IOException ignored) {
      // the save is being abandoned
    }
  }
}
