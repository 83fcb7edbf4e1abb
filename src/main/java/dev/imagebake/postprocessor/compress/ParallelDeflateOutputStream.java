package dev.imagebake.postprocessor.compress;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.Deflater;

/**
 * Deflates fixed-size chunks of the data on several threads (as pigz does) and writes the results
 * in order, framed by a {@link DeflateFraming} (one gzip member, or BGZF blocks).
 *
 * <p>The calling thread fills chunks and writes finished ones; at most {@code 2 × threads} chunks
 * are in flight, so memory stays bounded. Not thread-safe: one writer.
 */
final class ParallelDeflateOutputStream extends OutputStream implements Abortable {
  private final OutputStream out;
  private final DeflateFraming framing;
  private final int chunkSize;
  private final int maxInFlight;
  private final ExecutorService workers;
  private final BlockingQueue<Deflater> deflaters;
  private final ArrayDeque<Future<byte[]>> inFlight = new ArrayDeque<>();
  private byte[] previous = new byte[0];
  private byte[] chunk;
  private int filled;
  private boolean closed;

  /**
   * @param level zlib level 0–9 (0: stored blocks, no compression)
   * @param threads how many chunks are deflated at once
   * @param chunkSize bytes per chunk (each chunk is one task)
   */
  ParallelDeflateOutputStream(
      OutputStream out, DeflateFraming framing, int level, int threads, int chunkSize)
      throws IOException {
    out.write(framing.header());
    this.out = out;
    this.framing = framing;
    this.chunkSize = chunkSize;
    this.maxInFlight = 2 * threads;
    this.chunk = new byte[chunkSize];
    this.deflaters = new ArrayBlockingQueue<>(threads);
    for (int i = 0; i < threads; i++) {
      deflaters.add(new Deflater(level, true));
    }
    AtomicInteger n = new AtomicInteger();
    this.workers =
        Executors.newFixedThreadPool(
            threads,
            r -> {
              Thread t = new Thread(r, "imagebake-deflate-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    ensureOpen();
    while (len > 0) {
      int n = Math.min(len, chunkSize - filled);
      System.arraycopy(b, off, chunk, filled, n);
      filled += n;
      off += n;
      len -= n;
      if (filled == chunkSize) {
        submit(false);
      }
    }
  }

  /** Hands the current chunk to a worker; writes finished chunks while too many are in flight. */
  private void submit(boolean last) throws IOException {
    byte[] data = chunk;
    int length = filled;
    byte[] dictionary = previous;
    framing.consumed(data, length);
    inFlight.add(workers.submit(() -> deflate(dictionary, data, length, last)));
    previous = data;
    chunk = last ? null : new byte[chunkSize];
    filled = 0;
    while (inFlight.size() > (last ? 0 : maxInFlight)) {
      out.write(await(inFlight.poll()));
    }
  }

  private byte[] deflate(byte[] dictionary, byte[] data, int length, boolean last)
      throws InterruptedException {
    Deflater deflater = deflaters.take();
    try {
      deflater.reset();
      return framing.compress(deflater, dictionary, data, length, last);
    } finally {
      deflaters.add(deflater);
    }
  }

  private static byte[] await(Future<byte[]> f) throws IOException {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while compressing");
    } catch (ExecutionException e) {
      throw new IOException("compression failed: " + e.getCause(), e.getCause());
    }
  }

  /** Deflates what is left, writes the trailer and closes the underlying stream. */
  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    try {
      submit(true);
      out.write(framing.trailer());
    } finally {
      release();
      out.close();
    }
  }

  /** Stops without finishing: drops queued chunks; the output is left incomplete. */
  @Override
  public void abort() {
    release();
  }

  private void release() {
    closed = true;
    inFlight.forEach(f -> f.cancel(true));
    inFlight.clear();
    workers.shutdownNow();
    deflaters.forEach(Deflater::end);
  }

  private void ensureOpen() throws IOException {
    if (closed) {
      throw new IOException("stream closed");
    }
  }
}
