package dev.imagebake.postprocessor.checksum;

import dev.imagebake.sdk.Artifact;
import dev.imagebake.sdk.BuildContext;
import dev.imagebake.sdk.PostProcessor;
import java.io.IOException;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Appends {@code <hex>\t<file name>\n} lines to one checksum file per type, as Packer's {@code
 * checksum} post-processor (reference §7.2). Unlike Packer, each input file is read once for all
 * types, and every input is read before any checksum file is touched.
 */
final class ChecksumPostProcessor implements PostProcessor {
  private final ChecksumConfig config;

  ChecksumPostProcessor(ChecksumConfig config) {
    this.config = config;
  }

  @Override
  public Result postProcess(BuildContext ctx, Artifact input) throws Exception {
    List<ChecksumType> types =
        config.typesOrDefault().stream()
            .map(t -> ChecksumType.of(t).orElseThrow(() -> unrecognized(t)))
            .toList();
    Path workDir = ctx.workingDirectory();
    Map<Path, Map<ChecksumType, String>> digests = new LinkedHashMap<>();
    for (Path file : input.files()) {
      ctx.cancellation().throwIfCancelled();
      try {
        digests.put(file, FileDigests.of(workDir.resolve(file), new LinkedHashSet<>(types)));
      } catch (IOException e) {
        throw new IOException("unable to open file " + file + ": " + e.getMessage(), e);
      }
    }

    List<Path> files = new ArrayList<>(input.files());
    Set<Path> seen = new LinkedHashSet<>();
    for (ChecksumType type : types) {
      if (digests.isEmpty()) {
        break;
      }
      Path checksumFile = Path.of(renderOutput(ctx, input, type));
      Path resolved = workDir.resolve(checksumFile);
      // Packer lists a checksum file when it did not exist before this post-processor wrote it.
      if (!Files.exists(resolved) && seen.add(checksumFile)) {
        files.add(checksumFile);
      }
      Path parent = resolved.getParent();
      if (parent != null) {
        Files.createDirectories(
            parent,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
      }
      try (Writer out = openForAppend(resolved)) {
        for (Map.Entry<Path, Map<ChecksumType, String>> e : digests.entrySet()) {
          out.write(e.getValue().get(type) + "\t" + baseName(e.getKey()) + "\n");
        }
      } catch (IOException e) {
        throw new IOException("unable to create file " + checksumFile + ": " + e.getMessage(), e);
      }
    }
    return new Result(new ChecksumArtifact(files, workDir), true, true);
  }

  private static IllegalArgumentException unrecognized(String type) {
    return new IllegalArgumentException("Unrecognized checksum type: " + type);
  }

  /** Template data: the artifact's generated data, then BuildName, BuilderType, ChecksumType. */
  private String renderOutput(BuildContext ctx, Artifact input, ChecksumType type) {
    Map<String, String> fields = new HashMap<>(input.generatedData());
    fields.put("BuildName", ctx.buildName());
    fields.put("BuilderType", ctx.builderType());
    fields.put("ChecksumType", type.key());
    return ctx.renderer().render(config.outputOrDefault(), input.generatedData(), fields);
  }

  private static String baseName(Path file) {
    Path name = file.getFileName();
    return name == null ? file.toString() : name.toString();
  }

  /** Appends; a new file gets 0644 less the umask, as in Packer. */
  private static Writer openForAppend(Path file) throws IOException {
    return Channels.newWriter(
        Files.newByteChannel(
            file,
            EnumSet.of(
                StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND),
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r--r--"))),
        StandardCharsets.UTF_8);
  }
}
