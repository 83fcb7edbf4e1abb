package dev.imagebake.communicator.docker;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Turns a byte stream into lines as Packer shows them: split on {@code \n}, a trailing {@code \r}
 * dropped, and of a line containing {@code \r} only the text after the last one kept (what a
 * terminal would show of a progress bar). A last line without newline is emitted on close.
 */
final class ExecLineSplitter extends OutputStream {
  private final Consumer<String> lines;
  private final ByteArrayOutputStream current = new ByteArrayOutputStream();

  ExecLineSplitter(Consumer<String> lines) {
    this.lines = lines;
  }

  @Override
  public void write(int b) {
    if (b == '\n') {
      emit();
    } else {
      current.write(b);
    }
  }

  @Override
  public void write(byte[] b, int off, int len) {
    int start = off;
    for (int i = off; i < off + len; i++) {
      if (b[i] == '\n') {
        current.write(b, start, i - start);
        emit();
        start = i + 1;
      }
    }
    current.write(b, start, off + len - start);
  }

  @Override
  public void close() {
    if (current.size() > 0) {
      emit();
    }
  }

  private void emit() {
    String line = current.toString(StandardCharsets.UTF_8);
    current.reset();
    if (line.endsWith("\r")) {
      line = line.substring(0, line.length() - 1);
    }
    int cr = line.lastIndexOf('\r');
    lines.accept(cr < 0 ? line : line.substring(cr + 1));
  }
}
