package dev.imagebake.postprocessor.manifest;

import dev.imagebake.sdk.Artifact;
import dev.imagebake.sdk.BuildContext;
import dev.imagebake.sdk.PostProcessor;
import dev.imagebake.sdk.io.LockFiles;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Appends the artifact to the manifest file, as Packer's {@code manifest} post-processor (reference
 * §7.1), and hands the input artifact on (kept, whatever the user said).
 *
 * <p>{@code custom_data} values are rendered from the template with the artifact's generated data,
 * with every secret masked: a manifest is an artifact people share, unlike Packer's, which keeps
 * sensitive values there.
 */
final class ManifestPostProcessor implements PostProcessor {
  private final ManifestConfig config;
  private final LockFiles locks;
  private final ManifestJson json = new ManifestJson();

  ManifestPostProcessor(ManifestConfig config, LockFiles locks) {
    this.config = config;
    this.locks = locks;
  }

  @Override
  public Result postProcess(BuildContext ctx, Artifact input) throws Exception {
    ManifestEntry entry = entryFor(ctx, input);
    Path output = ctx.workingDirectory().resolve(config.outputOrDefault());
    String shown = config.outputOrDefault();
    Path parent = output.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    LockFiles.Held held =
        locks.acquire(output.resolveSibling(output.getFileName() + ".lock"), ctx.cancellation());
    try {
      ManifestDocument doc = read(output, shown);
      // -force starts the file over, but only once per run: later builds of the same run append.
      if (ctx.force() && !ctx.runUuid().equals(doc.lastRunUuid())) {
        doc = ManifestDocument.empty();
      }
      write(output, shown, json.write(doc.append(entry, ctx.runUuid())));
    } finally {
      held.close();
    }
    return new Result(input, true, true);
  }

  private ManifestEntry entryFor(BuildContext ctx, Artifact input) {
    boolean stripPath = Boolean.TRUE.equals(config.stripPath());
    List<ManifestFileEntry> files = null;
    for (Path file : input.files()) {
      if (files == null) {
        files = new ArrayList<>();
      }
      String name = stripPath ? baseName(file) : file.toString();
      files.add(new ManifestFileEntry(name, sizeOrZero(ctx.workingDirectory().resolve(file))));
    }
    long buildTime = Boolean.TRUE.equals(config.stripTime()) ? 0 : Instant.now().getEpochSecond();
    return new ManifestEntry(
        ctx.buildName(),
        ctx.builderType(),
        buildTime,
        files,
        input.id(),
        ctx.runUuid(),
        renderCustomData(ctx, input.generatedData()));
  }

  private Map<String, String> renderCustomData(BuildContext ctx, Map<String, String> generated) {
    if (config.customData() == null) {
      return null;
    }
    Map<String, String> rendered = new LinkedHashMap<>();
    config
        .customData()
        .forEach(
            (k, v) -> rendered.put(k, ctx.mask(ctx.renderer().render(v, generated, generated))));
    return rendered;
  }

  private static String baseName(Path file) {
    Path name = file.getFileName();
    return name == null ? file.toString() : name.toString();
  }

  /** Packer records 0 when the file cannot be stat'ed. */
  private static long sizeOrZero(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      return 0;
    }
  }

  private ManifestDocument read(Path output, String shown) throws IOException {
    String text;
    try {
      text = Files.readString(output, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return ManifestDocument.empty();
    } catch (IOException e) {
      throw new IOException("Unable to open " + shown + " for reading: " + e.getMessage(), e);
    }
    if (text.isEmpty()) {
      return ManifestDocument.empty();
    }
    try {
      return json.parse(text);
    } catch (IllegalArgumentException e) {
      throw new IOException("Unable to parse content from " + shown + ": " + e.getMessage(), e);
    }
  }

  /** Replaces the content in place; a new file gets 0664 less the umask, as in Packer. */
  private static void write(Path output, String shown, String text) throws IOException {
    try (var out =
        Channels.newOutputStream(
            Files.newByteChannel(
                output,
                EnumSet.of(
                    StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING),
                PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rw-rw-r--"))))) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IOException("Unable to write " + shown + ": " + e.getMessage(), e);
    }
  }
}
