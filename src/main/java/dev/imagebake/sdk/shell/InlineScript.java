package dev.imagebake.sdk.shell;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The local temporary script Packer writes for {@code inline}: {@code #!<shebang>} then one line
 * per (already rendered) entry, in {@code $TMPDIR} as {@code packer-shell<random>}.
 */
public final class InlineScript {
  private InlineScript() {}

  /**
   * Writes the script and returns its path; the caller deletes it.
   *
   * @param shebang the interpreter line without {@code #!}; none is written when empty
   * @param extension appended as {@code .<extension>} when not empty ({@code tempfile_extension})
   */
  public static Path write(String shebang, List<String> lines, String extension)
      throws IOException {
    return write(text(shebang, lines), extension);
  }

  /**
   * Writes {@code text} (as {@link #text} made it) and returns its path; the caller deletes it.
   *
   * @param extension appended as {@code .<extension>} when not empty ({@code tempfile_extension})
   */
  public static Path write(String text, String extension) throws IOException {
    String suffix = extension.isEmpty() ? "" : "." + extension;
    Path file = Files.createTempFile(tempDirectory(), "packer-shell", suffix);
    Files.writeString(file, text, StandardCharsets.UTF_8);
    return file;
  }

  /**
   * The script's text: {@code #!<shebang>} (none when empty) then one line per entry.
   *
   * @param shebang the interpreter line without {@code #!}
   */
  public static String text(String shebang, List<String> lines) {
    StringBuilder text = new StringBuilder();
    if (!shebang.isEmpty()) {
      text.append("#!").append(shebang).append('\n');
    }
    for (String line : lines) {
      text.append(line).append('\n');
    }
    return text.toString();
  }

  /** {@code $TMPDIR} as Go's {@code os.TempDir}, else Java's temporary directory. */
  private static Path tempDirectory() {
    String tmpdir = System.getenv("TMPDIR");
    return Path.of(
        tmpdir == null || tmpdir.isEmpty() ? System.getProperty("java.io.tmpdir") : tmpdir);
  }
}
