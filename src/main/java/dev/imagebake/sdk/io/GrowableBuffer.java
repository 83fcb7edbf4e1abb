package dev.imagebake.sdk.io;

import java.util.Arrays;

/** A reusable byte array with a fill level, grown on demand. Used by one thread at a time. */
final class GrowableBuffer {
  private byte[] bytes;
  private int length;

  GrowableBuffer(int capacity) {
    bytes = new byte[capacity];
  }

  byte[] bytes() {
    return bytes;
  }

  int length() {
    return length;
  }

  void clear() {
    length = 0;
  }

  /** Free space after {@link #length()}, at least {@code min} bytes (grows the array if needed). */
  int ensureFree(int min) {
    if (bytes.length - length < min) {
      bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + min));
    }
    return bytes.length - length;
  }

  /** Marks {@code n} more bytes, written into {@link #bytes()} at {@link #length()}, as used. */
  void advance(int n) {
    length += n;
  }

  void write(byte[] b, int off, int n) {
    ensureFree(n);
    System.arraycopy(b, off, bytes, length, n);
    length += n;
  }
}
