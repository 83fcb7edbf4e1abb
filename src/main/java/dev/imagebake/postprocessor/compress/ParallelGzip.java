package dev.imagebake.postprocessor.compress;

import java.io.IOException;
import java.io.OutputStream;

/**
 * The compress post-processor's pigz-style gzip, for other plugins that write gzip streams (the
 * vagrant post-processor's boxes): one gzip member, deflated on every core.
 */
public final class ParallelGzip {
  private ParallelGzip() {}

  /**
   * Wraps {@code out}; closing the result finishes the gzip stream and closes {@code out}.
   *
   * @param level zlib level 0–9 (0: stored blocks)
   */
  public static OutputStream open(OutputStream out, int level) throws IOException {
    return Codec.GZIP.open(
        out, level, Codec.GZIP.threads(Runtime.getRuntime().availableProcessors()));
  }
}
