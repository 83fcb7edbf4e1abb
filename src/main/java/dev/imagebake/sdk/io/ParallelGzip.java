package dev.imagebake.sdk.io;

import java.io.IOException;
import java.io.OutputStream;

/**
 * pigz-style gzip for plugins that write gzip streams (the compress post-processor, the vagrant
 * post-processor's boxes): one gzip member, deflated on every core.
 */
public final class ParallelGzip {
  /** Bytes per parallel gzip task: big enough that task overhead vanishes, small for memory. */
  public static final int CHUNK = 512 * 1024;

  private ParallelGzip() {}

  /**
   * Wraps {@code out}; closing the result finishes the gzip stream and closes {@code out}.
   *
   * @param level zlib level 0–9 (0: stored blocks)
   */
  public static OutputStream open(OutputStream out, int level) throws IOException {
    return new ParallelDeflateOutputStream(
        out,
        new DeflateFraming.Gzip(level),
        level,
        Runtime.getRuntime().availableProcessors(),
        CHUNK);
  }
}
