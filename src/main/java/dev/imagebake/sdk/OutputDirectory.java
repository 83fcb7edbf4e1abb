package dev.imagebake.sdk;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A build's output directory, as every builder or post-processor that honours {@code -force} must
 * prepare it: an existing directory is refused, or with {@code -force} deleted and made anew, but
 * only when it is an earlier output of imagebake. imagebake marks each output directory it creates
 * with a {@link #MARKER} file; {@code -force} deletes only a directory that carries it, and never
 * the working directory, the template's folder, the home directory, {@code /} or a directory that
 * holds one of them, marker or not. (Packer deletes whatever the path names: {@code "./"} takes the
 * template and its inputs with it.)
 */
public final class OutputDirectory {
  /** The file that marks a directory as imagebake's output; not part of any artifact. */
  public static final String MARKER = ".imagebake-output";

  private static final String MARKER_TEXT =
      "imagebake created this directory for a build's output; `imagebake build -force` may delete"
          + " it and everything in it.\n";

  private OutputDirectory() {}

  /**
   * Makes {@code dir} an empty, marked output directory. An existing {@code dir} is refused without
   * {@code -force}; with it, it is deleted first, once {@link #checkReplaceable} allows it.
   *
   * @throws IOException with a one-line message naming the directory when it is refused
   */
  public static void prepare(BuildContext ctx, Path dir) throws IOException {
    if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
      if (!ctx.force()) {
        throw new IOException(
            "Output directory '" + shown(ctx, dir) + "' already exists. It must not exist.");
      }
      checkReplaceable(dir, protectedDirectories(ctx), shown(ctx, dir));
      ctx.ui().say("Deleting previous output directory...");
      deleteTree(dir);
    }
    Files.createDirectories(dir);
    Files.writeString(dir.resolve(MARKER), MARKER_TEXT, StandardCharsets.UTF_8);
  }

  /**
   * Refuses to let {@code -force} delete {@code dir} unless it is a directory imagebake created (it
   * holds the {@link #MARKER}) and holds none of {@code keep} (nor is one of them).
   *
   * @param shown how the error names {@code dir}
   * @throws IOException naming why, in one line
   */
  static void checkReplaceable(Path dir, List<Kept> keep, String shown) throws IOException {
    if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      throw new IOException(
          "Output directory '"
              + shown
              + "' exists and is not a directory; -force replaces only"
              + " an earlier output directory of imagebake. Remove it by hand.");
    }
    Path real = dir.toRealPath();
    for (Kept k : keep) {
      if (realOrSelf(k.path()).startsWith(real)) {
        throw new IOException(
            "Output directory '"
                + shown
                + "' is or holds "
                + k.what()
                + " "
                + k.path()
                + "; -force never deletes it. Choose another output_directory.");
      }
    }
    if (!Files.isRegularFile(dir.resolve(MARKER), LinkOption.NOFOLLOW_LINKS)) {
      throw new IOException(
          "Output directory '"
              + shown
              + "' already exists and was not created by imagebake (no "
              + MARKER
              + " in it); -force deletes only earlier output directories. Remove it by hand or"
              + " choose another output_directory.");
    }
  }

  /** Whether {@code file} is the marker rather than an output (artifacts leave it out). */
  public static boolean isMarker(Path file) {
    Path name = file.getFileName();
    return name != null && name.toString().equals(MARKER);
  }

  /** Deletes {@code dir} and everything in it, without following symbolic links. */
  public static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  /** A directory {@code -force} never deletes, and how an error names it. */
  record Kept(Path path, String what) {}

  /** The working directory, the template's folder, the home directory and {@code /}. */
  static List<Kept> protectedDirectories(BuildContext ctx) {
    List<Kept> keep = new ArrayList<>();
    keep.add(new Kept(ctx.workingDirectory().toAbsolutePath(), "the working directory"));
    templateDirectory(ctx).ifPresent(t -> keep.add(new Kept(t, "the template's folder")));
    // The account's home and $HOME, which differ when HOME is set by hand.
    keep.add(new Kept(ctx.homeDirectory().toAbsolutePath(), "the home directory"));
    String home = ctx.environment().get("HOME");
    if (home != null && !home.isEmpty()) {
      keep.add(new Kept(Path.of(home).toAbsolutePath(), "the home directory"));
    }
    keep.add(new Kept(Path.of("/"), "the root directory"));
    return keep;
  }

  /** The folder of the template file, when the build came from one. */
  private static Optional<Path> templateDirectory(BuildContext ctx) {
    try {
      // The renderer knows it ({{template_dir}}); a template read from stdin has none.
      String rendered = ctx.renderer().render("{{template_dir}}", Map.of(), Map.of());
      Path p = Path.of(rendered);
      return p.isAbsolute() ? Optional.of(p) : Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static Path realOrSelf(Path p) {
    try {
      return p.toRealPath();
    } catch (IOException e) {
      return p.toAbsolutePath().normalize();
    }
  }

  private static String shown(BuildContext ctx, Path dir) {
    Path wd = ctx.workingDirectory();
    return dir.startsWith(wd) && !dir.equals(wd) ? wd.relativize(dir).toString() : dir.toString();
  }
}
