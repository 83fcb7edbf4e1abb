package dev.imagebake.sdk.io;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
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
 * <p>The calling thread fills chunks and writes finished ones; at most {@code 4 × threads} chunks
 * are in flight. Chunk and output buffers are recycled: nothing is allocated per chunk, so the
 * garbage collector (which must wait while a {@link Deflater} holds a Java array) stays idle. Not
 * thread-safe: one writer.
 */
public final class ParallelDeflateOutputStream extends OutputStream implements Abortable {
  private final OutputStream out;
  private final DeflateFraming framing;
  private final int chunkSize;
  private final int maxInFlight;
  private final ExecutorService workers;
  private final BlockingQueue<Deflater> deflaters;
  private final ArrayDeque<Task> inFlight = new ArrayDeque<>();
  private final ArrayDeque<byte[]> freeChunks = new ArrayDeque<>();
  private final ConcurrentLinkedQueue<GrowableBuffer> freeOutputs = new ConcurrentLinkedQueue<>();
  private byte[] previous = new byte[0];
  private byte[] lastWritten;
  private byte[] chunk;
  private int filled;
  private boolean closed;

  /** A submitted chunk: its data (recycled once the next chunk no longer needs it) and result. */
  private record Task(byte[] data, Future<GrowableBuffer> result) {}

  /**
   * @param level zlib level 0–9 (0: stored blocks, no compression)
   * @param threads how many chunks are deflated at once
   * @param chunkSize bytes per chunk (each chunk is one task)
   */
  public ParallelDeflateOutputStream(
      OutputStream out, DeflateFraming framing, int level, int threads, int chunkSize)
      throws IOException {
    out.write(framing.header());
    this.out = out;
    this.framing = framing;
    this.chunkSize = chunkSize;
    this.maxInFlight = 4 * threads;
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
    inFlight.add(new Task(data, workers.submit(() -> deflate(dictionary, data, length, last))));
    previous = data;
    filled = 0;
    while (inFlight.size() > (last ? 0 : maxInFlight)) {
      writeOldest();
    }
    chunk = last ? null : freeChunks.isEmpty() ? new byte[chunkSize] : freeChunks.poll();
  }

  /**
   * Writes the oldest result. Its chunk stays in use as the next chunk's dictionary; the chunk
   * written before it, whose two readers (its own task and this one) have finished, is recycled.
   */
  private void writeOldest() throws IOException {
    Task task = inFlight.poll();
    GrowableBuffer result = await(task.result());
    out.write(result.bytes(), 0, result.length());
    freeOutputs.add(result);
    if (lastWritten != null) {
      freeChunks.add(lastWritten);
    }
    lastWritten = task.data();
  }

  private GrowableBuffer deflate(byte[] dictionary, byte[] data, int length, boolean last)
      throws InterruptedException {
    Deflater deflater = deflaters.take();
    GrowableBuffer output = freeOutputs.poll();
    if (output == null) {
      output = new GrowableBuffer(chunkSize + (chunkSize >> 6) + 64);
    }
    output.clear();
    try {
      deflater.reset();
      framing.compress(deflater, dictionary, data, length, last, output);
      return output;
    } finally {
      deflaters.add(deflater);
    }
  }

  private static GrowableBuffer await(Future<GrowableBuffer> f) throws IOException {
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
    inFlight.forEach(t -> t.result().cancel(true));
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
