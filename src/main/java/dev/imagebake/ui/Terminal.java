package dev.imagebake.ui;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where answers to questions ({@code -on-error=ask}, {@code -debug} pauses) come from. Packer reads
 * them from the controlling TTY only; without one every question is answered by its default.
 */
public interface Terminal {
  /** Whether someone can answer; when false the question is not even shown. */
  boolean available();

  /** Reads one line, or empty at end of input. */
  Optional<String> readLine();

  /** No terminal: CI, piped input, machine-readable mode. */
  static Terminal none() {
    return new Terminal() {
      @Override
      public boolean available() {
        return false;
      }

      @Override
      public Optional<String> readLine() {
        return Optional.empty();
      }
    };
  }

  /**
   * The controlling terminal ({@code /dev/tty}), as Packer reads answers; {@link #none()} when the
   * process has none (CI, cron, detached). Use {@link #none()} in machine-readable mode.
   */
  static Terminal controllingTty() {
    try {
      return of(Files.newBufferedReader(Path.of("/dev/tty"), StandardCharsets.UTF_8));
    } catch (IOException | SecurityException e) {
      return none();
    }
  }

  /** Answers read from {@code in} (the TTY, or a script of answers in tests). */
  static Terminal of(BufferedReader in) {
    return new Terminal() {
      @Override
      public boolean available() {
        return true;
      }

      @Override
      public Optional<String> readLine() {
        try {
          return Optional.ofNullable(in.readLine());
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    };
  }
}
