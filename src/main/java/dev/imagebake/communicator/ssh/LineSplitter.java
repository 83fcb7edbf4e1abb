package dev.imagebake.communicator.ssh;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Turns a byte stream into lines as Packer shows them: split on {@code \n}, a trailing {@code \r}
 * dropped, and of a line containing {@code \r} only the text after the last one kept (what a
 * terminal would show of a progress bar). A last line without newline is emitted on close.
 *
 * <p>Memory is bounded: a line longer than {@link #MAX_LINE} bytes is cut into pieces of at most
 * that size (never inside a UTF-8 character), so a command printing gigabytes without a newline
 * cannot exhaust the heap; text before a {@code \r} is dropped as soon as more text follows it. A
 * cut keeps the last {@link #KEEP} bytes back, so a short trailer at the end of a long line (the
 * end-of-command marker of {@link RemoteShell}) always arrives whole in the last piece.
 */
final class LineSplitter extends OutputStream {
  /** The longest line passed on, in bytes. */
  static final int MAX_LINE = 64 * 1024;

  /** Bytes a cut keeps for the next piece. */
  static final int KEEP = 1024;

  private final Consumer<String> lines;
  private final byte[] current = new byte[MAX_LINE + 1];
  private int size;
  private boolean pendingCr;

  LineSplitter(Consumer<String> lines) {
    this.lines = lines;
  }

  @Override
  public void write(int b) {
    if (pendingCr) {
      pendingCr = false;
      if (b != '\n') {
        // A carriage return followed by more text: the terminal would overwrite what came before.
        size = 0;
      }
    }
    if (b == '\n') {
      emit(size);
    } else if (b == '\r') {
      pendingCr = true;
    } else {
      current[size++] = (byte) b;
      if (size > MAX_LINE) {
        cut();
      }
    }
  }

  @Override
  public void write(byte[] b, int off, int len) {
    for (int i = off; i < off + len; i++) {
      write(b[i]);
    }
  }

  @Override
  public void close() {
    if (size > 0 || pendingCr) {
      emit(size);
    }
    pendingCr = false;
  }

  /** Passes on a piece of an overlong line, keeping its last {@link #KEEP} bytes or so. */
  private void cut() {
    int at = size - KEEP;
    // Never inside a UTF-8 sequence: back up over continuation bytes (10xxxxxx).
    while (at > 0 && (current[at] & 0xC0) == 0x80) {
      at--;
    }
    emit(at);
  }

  /** Passes on the first {@code n} bytes as a line and keeps the rest. */
  private void emit(int n) {
    lines.accept(new String(current, 0, n, StandardCharsets.UTF_8));
    System.arraycopy(current, n, current, 0, size - n);
    size -= n;
  }
}
