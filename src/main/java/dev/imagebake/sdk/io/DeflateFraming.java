package dev.imagebake.sdk.io;

import java.util.HexFormat;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * How {@link ParallelDeflateOutputStream} frames independently deflated chunks. Methods other than
 * {@link #compress} run on the writing thread, in order.
 */
public sealed interface DeflateFraming permits DeflateFraming.Gzip, DeflateFraming.Bgzf {
  /** Written before the first chunk. */
  byte[] header();

  /** Sees each chunk's data in order before it is compressed. */
  void consumed(byte[] data, int length);

  /**
   * Compresses one chunk on a worker thread.
   *
   * @param deflater a raw (no zlib header) deflater, reset, at the stream's level
   * @param previous the previous chunk (empty for the first)
   * @param last whether no data follows
   * @param out where the framed output goes (empty when called)
   */
  void compress(
      Deflater deflater,
      byte[] previous,
      byte[] data,
      int length,
      boolean last,
      GrowableBuffer out);

  /** Written after the last chunk. */
  byte[] trailer();

  /**
   * One gzip member for the whole stream, as pigz writes it: each chunk is deflated with the last
   * 32 KiB of the previous chunk as its dictionary (so the ratio matches single-threaded gzip) and
   * ends with a sync flush (so the raw deflate outputs concatenate into one valid deflate stream);
   * the last chunk finishes it. The CRC-32 and length are computed on the writing thread.
   */
  final class Gzip implements DeflateFraming {
    private static final int WINDOW = 32 * 1024;
    private final int level;
    private final CRC32 crc = new CRC32();
    private long size;

    public Gzip(int level) {
      this.level = level;
    }

    @Override
    public byte[] header() {
      // Magic, deflate, no flags, no mtime, XFL (2: best, 4: fastest), OS 255 (unknown, as Go).
      byte xfl = (byte) (level == 9 ? 2 : level == 1 ? 4 : 0);
      return new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, xfl, (byte) 0xff};
    }

    @Override
    public void consumed(byte[] data, int length) {
      crc.update(data, 0, length);
      size += length;
    }

    @Override
    public void compress(
        Deflater deflater,
        byte[] previous,
        byte[] data,
        int length,
        boolean last,
        GrowableBuffer out) {
      if (previous.length >= WINDOW) {
        deflater.setDictionary(previous, previous.length - WINDOW, WINDOW);
      }
      deflater.setInput(data, 0, length);
      if (last) {
        deflater.finish();
      }
      drain(deflater, length, last ? Deflater.NO_FLUSH : Deflater.SYNC_FLUSH, out);
    }

    @Override
    public byte[] trailer() {
      byte[] t = new byte[8];
      putInt(t, 0, (int) crc.getValue());
      putInt(t, 4, (int) size);
      return t;
    }
  }

  /**
   * BGZF (the SAM/BAM blocked gzip of htslib and htsjdk): a series of gzip members of at most 64
   * KiB each, carrying their size in a {@code BC} extra field, and an empty member at the end as an
   * EOF marker. A chunk holds several such blocks; each is complete in itself.
   */
  final class Bgzf implements DeflateFraming {
    /** Input per block: what htslib and htsjdk use, so that the output always fits 64 KiB. */
    public static final int BLOCK_INPUT = 0xff00;

    private static final int HEADER = 18;
    private static final int TRAILER = 8;
    private static final int MAX_BLOCK = 64 * 1024;

    /** A block's header up to its size field (BSIZE, filled in when the size is known). */
    private static final byte[] HEADER_BYTES = {
      0x1f, (byte) 0x8b, 8, 4, 0, 0, 0, 0, 0, (byte) 0xff, 6, 0, 0x42, 0x43, 2, 0, 0, 0
    };

    /** The standard empty BGZF block that marks the end of a file. */
    static final byte[] EOF =
        HexFormat.of().parseHex("1f8b08040000000000ff0600424302001b0003000000000000000000");

    @Override
    public byte[] header() {
      return new byte[0];
    }

    @Override
    public void consumed(byte[] data, int length) {}

    @Override
    public void compress(
        Deflater deflater,
        byte[] previous,
        byte[] data,
        int length,
        boolean last,
        GrowableBuffer out) {
      CRC32 crc = new CRC32();
      for (int off = 0; off < length; off += BLOCK_INPUT) {
        int n = Math.min(BLOCK_INPUT, length - off);
        int start = out.length();
        out.write(HEADER_BYTES, 0, HEADER_BYTES.length);
        deflater.reset();
        deflater.setInput(data, off, n);
        deflater.finish();
        drain(deflater, n, Deflater.NO_FLUSH, out);
        if (out.length() - start + TRAILER > MAX_BLOCK) {
          // Incompressible: store, as htsjdk does. One stored block (BFINAL=1, BTYPE=00).
          out.clear();
          out.advance(start + HEADER);
          out.ensureFree(5 + n);
          byte[] b = out.bytes();
          b[start + HEADER] = 1;
          putShort(b, start + HEADER + 1, n);
          putShort(b, start + HEADER + 3, ~n & 0xffff);
          out.advance(5);
          out.write(data, off, n);
        }
        crc.reset();
        crc.update(data, off, n);
        out.ensureFree(TRAILER);
        byte[] b = out.bytes();
        putInt(b, out.length(), (int) crc.getValue());
        putInt(b, out.length() + 4, n);
        out.advance(TRAILER);
        putShort(b, start + 16, out.length() - start - 1);
      }
    }

    @Override
    public byte[] trailer() {
      return EOF.clone();
    }
  }

  /**
   * Appends the deflater's output to {@code out}: with {@code SYNC_FLUSH} until all input is
   * flushed to a byte boundary, with {@code NO_FLUSH} after {@link Deflater#finish()} until the
   * stream is finished.
   */
  private static void drain(Deflater deflater, int inputLength, int flush, GrowableBuffer out) {
    int free = out.ensureFree(inputLength + (inputLength >> 6) + 64);
    while (true) {
      int n = deflater.deflate(out.bytes(), out.length(), free, flush);
      out.advance(n);
      boolean done = flush == Deflater.SYNC_FLUSH ? n < free : deflater.finished();
      if (done) {
        return;
      }
      free = out.ensureFree(Math.max(64, inputLength >> 2));
    }
  }

  private static void putInt(byte[] b, int off, int v) {
    b[off] = (byte) v;
    b[off + 1] = (byte) (v >>> 8);
    b[off + 2] = (byte) (v >>> 16);
    b[off + 3] = (byte) (v >>> 24);
  }

  private static void putShort(byte[] b, int off, int v) {
    b[off] = (byte) v;
    b[off + 1] = (byte) (v >>> 8);
  }
}
