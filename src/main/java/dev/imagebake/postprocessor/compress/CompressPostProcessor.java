package dev.imagebake.postprocessor.compress;

import dev.imagebake.sdk.Artifact;
import dev.imagebake.sdk.BuildContext;
import dev.imagebake.sdk.PostProcessor;
import dev.imagebake.sdk.Ui;
import dev.imagebake.sdk.io.Abortable;
import dev.imagebake.sdk.io.ByteSizes;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Packer's {@code compress} post-processor (reference §7.3): writes the artifact's files into one
 * tar or zip archive, or compresses its single file, with the codec the output's extension names. A
 * failed or interrupted run removes the partial output.
 */
final class CompressPostProcessor implements PostProcessor {
  private final CompressConfig config;
  private final int cores;

  /**
   * @param cores how many threads the parallel codecs (gzip, bgzf, zstd) use
   */
  CompressPostProcessor(CompressConfig config, int cores) {
    this.config = config;
    this.cores = cores;
  }

  @Override
  public Result postProcess(BuildContext ctx, Artifact input) throws Exception {
    Format format = config.detectedFormat();
    Codec codec = format.codec();
    int level = codec.level(config.compressionLevel());
    String target = renderOutput(ctx, input);
    Path written = ctx.workingDirectory().resolve(target);
    List<Archives.Input> inputs =
        input.files().stream()
            .map(f -> new Archives.Input(f, ctx.workingDirectory().resolve(f)))
            .toList();
    if (format.archive() == Format.Archive.NONE && inputs.size() != 1) {
      throw new IllegalArgumentException(
          "Can only have 1 input file when not using tar/zip. Found "
              + inputs.size()
              + " files: "
              + input.files().stream()
                  .map(Path::toString)
                  .collect(Collectors.joining(" ", "[", "]")));
    }
    for (Archives.Input in : inputs) {
      if (in.path().normalize().equals(written.normalize())) {
        throw new IllegalArgumentException(
            "output " + target + " is the input file " + in.name() + "; choose another output");
      }
    }
    long bytesIn = 0;
    for (Archives.Input in : inputs) {
      if (!Files.isRegularFile(in.path())) {
        throw new IOException(
            "Failed to open source file "
                + in.name()
                + " for reading: "
                + (Files.exists(in.path()) ? "not a regular file" : "no such file or directory"));
      }
      bytesIn += Files.size(in.path());
    }
    Path parent = written.getParent();
    if (parent != null) {
      try {
        Files.createDirectories(
            parent,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
      } catch (IOException e) {
        throw new IOException(
            "Unable to create dir for archive " + target + ": " + describe(e, parent), e);
      }
    }

    Ui ui = ctx.ui();
    int threads = codec.threads(cores);
    if (codec != Codec.NONE) {
      ui.say(
          "Using "
              + codec.label()
              + " compression with "
              + threads
              + (threads == 1 ? " core" : " cores")
              + " for "
              + target);
      codec.memoryNote(level).ifPresent(ui::message);
    }
    long start = System.nanoTime();
    write(ctx, format, level, threads, target, inputs, written);
    ui.say("Archive " + target + " completed");
    ui.message(summary(bytesIn, Files.size(written), System.nanoTime() - start));
    return new Result(new CompressArtifact(Path.of(target), written), false, false);
  }

  private void write(
      BuildContext ctx,
      Format format,
      int level,
      int threads,
      String target,
      List<Archives.Input> inputs,
      Path written)
      throws IOException {
    Codec codec = format.codec();
    OutputStream compressed = null;
    FileChannel channel;
    try {
      channel =
          FileChannel.open(
              written,
              StandardOpenOption.CREATE,
              StandardOpenOption.TRUNCATE_EXISTING,
              StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw new IOException("Unable to create archive " + target + ": " + describe(e, written), e);
    }
    try {
      switch (format.archive()) {
        case ZIP -> {
          ctx.ui().say("Zipping " + target);
          Archives.zip(inputs, channel, level, ctx.cancellation());
        }
        case TAR -> {
          ctx.ui().say("Tarring " + target + " with " + codec.label());
          compressed = open(codec, channel, level, threads);
          // tar writes 512-byte records: batch them before the codec sees them.
          Archives.tar(inputs, new BufferedOutputStream(compressed, 1 << 20), ctx.cancellation());
        }
        case NONE -> {
          Archives.Input only = inputs.get(0);
          ctx.ui().say("Archiving " + only.name() + " with " + codec.label());
          compressed = open(codec, channel, level, threads);
          Archives.copy(only.path(), Files.size(only.path()), compressed, ctx.cancellation());
          compressed.close();
        }
      }
    } catch (IOException | RuntimeException | Error e) {
      channel.close(); // first, so that an unfinished codec cannot block on writing
      if (compressed instanceof Abortable a) {
        a.abort();
      } else if (compressed != null) {
        try {
          compressed.close();
        } catch (IOException | RuntimeException ignored) {
          // the output is deleted anyway
        }
      }
      Files.deleteIfExists(written);
      throw e;
    } finally {
      channel.close();
    }
  }

  private static OutputStream open(Codec codec, FileChannel channel, int level, int threads)
      throws IOException {
    return codec.open(
        new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16), level, threads);
  }

  /** The reason of a file-system error without Java's exception names. */
  private static String describe(IOException e, Path path) {
    if (e instanceof java.nio.file.FileAlreadyExistsException) {
      return path + " exists and is not a directory";
    }
    if (e instanceof java.nio.file.AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
      return f.getReason();
    }
    return String.valueOf(e.getMessage());
  }

  /**
   * E.g. {@code 1.0 GiB -> 301.2 MiB (29.4%) in 5.1 s, 200.8 MiB/s}; sizes in one unit family,
   * bytes for small files ({@link ByteSizes}).
   */
  static String summary(long bytesIn, long bytesOut, long nanos) {
    double seconds = Math.max(nanos, 1) / 1e9;
    return String.format(
        Locale.ROOT,
        "%s -> %s (%.1f%%) in %.1f s, %s/s",
        ByteSizes.format(bytesIn),
        ByteSizes.format(bytesOut),
        bytesIn == 0 ? 100.0 : 100.0 * bytesOut / bytesIn,
        seconds,
        ByteSizes.format(bytesIn / seconds));
  }

  /** Template data: the artifact's generated data, then BuildName and BuilderType. */
  private String renderOutput(BuildContext ctx, Artifact input) {
    Map<String, String> fields = new HashMap<>(input.generatedData());
    fields.put("BuildName", ctx.buildName());
    fields.put("BuilderType", ctx.builderType());
    return ctx.renderer().render(config.outputOrDefault(), input.generatedData(), fields);
  }
}
