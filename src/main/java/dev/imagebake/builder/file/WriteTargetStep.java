package dev.imagebake.builder.file;

import dev.imagebake.sdk.BuildContext;
import dev.imagebake.sdk.StateBag;
import dev.imagebake.sdk.Step;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;

/**
 * Creates the target's parent directories (0755) and copies {@code source} into the target, or
 * writes {@code content} (0600, as Packer). Produces {@link FileBuilder#TARGET}. No cleanup: as in
 * Packer, the file stays when a later step fails.
 */
final class WriteTargetStep implements Step {
  private final FileBuilderConfig config;

  WriteTargetStep(FileBuilderConfig config) {
    this.config = config;
  }

  @Override
  public void run(BuildContext ctx, StateBag state) throws Exception {
    Path target = ctx.workingDirectory().resolve(config.target());
    Path parent = target.getParent();
    if (parent != null) {
      Files.createDirectories(
          parent,
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
    }
    if (config.hasSource()) {
      Path source = ctx.workingDirectory().resolve(config.source());
      ctx.ui().say("Copying " + config.source() + " to " + config.target());
      long bytes;
      try (InputStream in = Files.newInputStream(source);
          OutputStream out = Files.newOutputStream(target)) {
        bytes = in.transferTo(out);
      } catch (NoSuchFileException e) {
        throw new NoSuchFileException(
            "open " + config.source() + ": no such file or directory", null, null);
      }
      ctx.ui().say("Copied " + bytes + " bytes");
    } else {
      byte[] bytes =
          config.hasContent() ? config.content().getBytes(StandardCharsets.UTF_8) : new byte[0];
      try (OutputStream out =
          Channels.newOutputStream(
              Files.newByteChannel(
                  target,
                  EnumSet.of(
                      StandardOpenOption.CREATE,
                      StandardOpenOption.WRITE,
                      StandardOpenOption.TRUNCATE_EXISTING),
                  PosixFilePermissions.asFileAttribute(
                      PosixFilePermissions.fromString("rw-------"))))) {
        out.write(bytes);
      }
    }
    state.put(FileBuilder.TARGET, target);
  }

  @Override
  public String name() {
    return "StepWriteTarget";
  }
}
