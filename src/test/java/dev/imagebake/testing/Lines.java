package dev.imagebake.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Appends lines to a file, for the fake clouds run as processes by bench/cloud.sh: the public keys
 * their machines are made with go to a throwaway sshd's authorized_keys, so those machines answer
 * SSH there.
 */
public final class Lines {
  private Lines() {}

  /** Appends {@code line} and a newline to {@code file}, creating it if needed. */
  public static synchronized void append(Path file, String line) {
    try {
      Files.writeString(
          file,
          line + "\n",
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
