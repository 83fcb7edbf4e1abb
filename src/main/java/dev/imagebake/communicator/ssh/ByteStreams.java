package dev.imagebake.communicator.ssh;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** Copies a command's byte streams unchanged, flushing each chunk, for streamed commands. */
final class ByteStreams {
  private static final int CHUNK = 32 * 1024;

  private ByteStreams() {}

  /**
   * Copies {@code in} to {@code out} until {@code in} ends or breaks; true when it ended. A write
   * that fails runs {@code stop} (the receiver is gone, so the sender must not wait on it).
   */
  static boolean copy(InputStream in, OutputStream out, Runnable stop) {
    byte[] chunk = new byte[CHUNK];
    while (true) {
      int n;
      try {
        n = in.read(chunk);
      } catch (IOException e) {
        return false;
      }
      if (n < 0) {
        return true;
      }
      try {
        out.write(chunk, 0, n);
        out.flush();
      } catch (IOException e) {
        stop.run();
        return false;
      }
    }
  }

  /**
   * Reads the first line of {@code in} as a decimal number, leaving the stream after its newline; 0
   * when the stream ends first or the line is no number.
   */
  static long firstLineNumber(InputStream in) {
    StringBuilder line = new StringBuilder();
    try {
      int b;
      while ((b = in.read()) >= 0 && b != '\n') {
        line.append((char) b);
      }
    } catch (IOException e) {
      return 0;
    }
    try {
      return Long.parseLong(line.toString().strip());
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /** {@link #copy} on a daemon thread of its own. */
  static Thread copyInBackground(InputStream in, OutputStream out, Runnable stop, String name) {
    Thread thread = new Thread(() -> copy(in, out, stop), name);
    thread.setDaemon(true);
    thread.start();
    return thread;
  }

  /**
   * Feeds {@code in} to a command's standard input on a daemon thread, closing that input (end of
   * file for the command) when {@code in} ends or breaks; a command that stops reading ends it too.
   */
  static void copyInBackground(InputStream in, OutputStream commandInput, String name) {
    Thread thread =
        new Thread(
            () -> {
              try (commandInput) {
                copy(in, commandInput, () -> {});
              } catch (IOException ignored) {
                // The command's input is gone already: it ended or the session closed.
              }
            },
            name);
    thread.setDaemon(true);
    thread.start();
  }
}
