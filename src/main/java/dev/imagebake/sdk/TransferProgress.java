package dev.imagebake.sdk;

import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.function.LongConsumer;

/**
 * Bytes of one transfer as they pass, for the progress line the console shows on a terminal ({@link
 * Ui#transfer}). Closing it ends the line. Thread-safe: a tree may go in parallel streams.
 */
public interface TransferProgress extends AutoCloseable {
  /** Counts {@code bytes} more transferred. */
  void transferred(long bytes);

  /** The transfer ended (done or failed); never throws. */
  @Override
  void close();

  /** Shows nothing: no terminal, machine-readable output, or a {@link Ui} of a test. */
  static TransferProgress none() {
    return of(bytes -> {}, () -> {});
  }

  /** Passes counted bytes to {@code counted} and the end to {@code ended}. */
  static TransferProgress of(LongConsumer counted, Runnable ended) {
    return new TransferProgress() {
      @Override
      public void transferred(long bytes) {
        counted.accept(bytes);
      }

      @Override
      public void close() {
        ended.run();
      }
    };
  }

  /** {@code in}, counting every byte read from it. */
  default InputStream counting(InputStream in) {
    return new FilterInputStream(in) {
      @Override
      public int read() throws IOException {
        int b = in.read();
        if (b >= 0) {
          transferred(1);
        }
        return b;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        if (n > 0) {
          transferred(n);
        }
        return n;
      }
    };
  }

  /** {@code out}, counting every byte written to it. */
  default OutputStream counting(OutputStream out) {
    return new FilterOutputStream(out) {
      @Override
      public void write(int b) throws IOException {
        out.write(b);
        transferred(1);
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
        transferred(len);
      }
    };
  }
}
