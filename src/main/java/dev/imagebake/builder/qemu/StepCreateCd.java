package dev.imagebake.builder.qemu;

import dev.imagebake.sdk.BuildContext;
import dev.imagebake.sdk.StateBag;
import dev.imagebake.sdk.Step;
import java.io.File;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Stream;

/**
 * Packer's {@code StepCreateCD}: copies {@code cd_files} (files at the CD's root, directories with
 * their contents under their own name, globs in the last path part) into a staging directory and
 * makes an ISO of it with the first of xorriso, mkisofs or genisoimage found on the PATH. Uses
 * {@link QemuState#TEMP_DIR}; produces {@link QemuState#CD} (removed with the temporary directory).
 */
final class StepCreateCd implements Step {
  static final List<String> TOOLS = List.of("xorriso", "mkisofs", "genisoimage");

  private final MediaConfig media;

  StepCreateCd(MediaConfig media) {
    this.media = media;
  }

  @Override
  public void run(BuildContext ctx, StateBag state) throws Exception {
    if (media.cdEntries().isEmpty()) {
      return;
    }
    ctx.ui().say("Creating CD disk...");
    Path temp = state.require(QemuState.TEMP_DIR);
    Path root = Files.createDirectories(temp.resolve("cd-root"));
    for (String entry : media.cdEntries()) {
      List<Path> sources = expand(ctx.workingDirectory(), entry);
      if (sources.isEmpty()) {
        throw new IOException("cd_files: nothing matches " + entry);
      }
      for (Path source : sources) {
        copy(source, root.resolve(source.getFileName().toString()));
      }
    }
    Path iso = temp.resolve("cd.iso");
    String tool = findTool(ctx.environment().get("PATH"));
    if (tool == null) {
      throw new IOException(
          "could not find a supported CD ISO creation command (the supported commands are:"
              + " xorriso, mkisofs, genisoimage)");
    }
    List<String> command = new ArrayList<>(List.of(tool));
    if (Path.of(tool).getFileName().toString().equals("xorriso")) {
      command.addAll(List.of("-as", "genisoimage", "-rock", "-joliet"));
    } else {
      command.addAll(List.of("-joliet", "-rock"));
    }
    if (media.cdLabel() != null && !media.cdLabel().isEmpty()) {
      command.addAll(List.of("-volid", media.cdLabel()));
    }
    command.addAll(List.of("-output", iso.toString(), root.toString()));
    HostCommand.run(ctx.cancellation(), command);
    state.put(QemuState.CD, iso);
    ctx.ui().message("Done copying paths from cd_files");
  }

  /** The first CD tool on {@code path}, as an absolute path, or null. */
  static String findTool(String path) {
    for (String tool : TOOLS) {
      for (String dir : (path == null ? "" : path).split(File.pathSeparator)) {
        Path candidate = Path.of(dir.isEmpty() ? "." : dir, tool);
        if (Files.isExecutable(candidate)) {
          return candidate.toString();
        }
      }
    }
    return null;
  }

  /** The paths an entry names: itself, or the matches of a glob in its last part. */
  static List<Path> expand(Path workingDir, String entry) throws IOException {
    Path path;
    try {
      path = workingDir.resolve(entry).normalize();
    } catch (InvalidPathException e) {
      // Go's os.Stat refuses a NUL the same way; Packer says "stat <entry>: invalid argument".
      throw new IOException("stat " + entry + ": invalid argument", e);
    }
    String last = path.getFileName() == null ? "" : path.getFileName().toString();
    if (!last.matches(".*[*?\\[{].*")) {
      return Files.exists(path) ? List.of(path) : List.of();
    }
    List<Path> matches = new ArrayList<>();
    Path parent = path.getParent();
    if (parent == null || !Files.isDirectory(parent)) {
      return matches;
    }
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(parent, last)) {
      stream.forEach(matches::add);
    } catch (PatternSyntaxException e) {
      throw new IOException("syntax error in pattern", e);
    }
    matches.sort(null);
    return matches;
  }

  private static void copy(Path source, Path target) throws IOException {
    if (!Files.isDirectory(source)) {
      Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
      return;
    }
    try (Stream<Path> walk = Files.walk(source)) {
      for (Path p : walk.toList()) {
        Path to = target.resolve(source.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(to);
        } else {
          Files.copy(p, to, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }

  @Override
  public String name() {
    return "StepCreateCD";
  }
}
