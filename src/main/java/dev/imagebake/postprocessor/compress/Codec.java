package dev.imagebake.postprocessor.compress;

import com.github.luben.zstd.ZstdOutputStream;
import dev.imagebake.sdk.io.DeflateFraming;
import dev.imagebake.sdk.io.ParallelDeflateOutputStream;
import dev.imagebake.sdk.io.ParallelGzip;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Optional;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4FrameOutputStream;
import net.jpountz.xxhash.XXHashFactory;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZOutputStream;

/**
 * The compression applied to the output (or to the tar stream). Levels as the {@code
 * compression_level} key gives them: absent or -1 mean {@link #DEFAULT_LEVEL}; larger than the
 * codec's maximum means the maximum (Packer clamps at 9); 0 means no compression where the format
 * can store, else its fastest setting (see {@link #open}).
 */
enum Codec {
  NONE("no compression", 9),
  /** Parallel gzip, one member ({@link DeflateFraming.Gzip}); Packer's name for it is pgzip. */
  GZIP("pgzip", 9),
  BGZF("bgzf", 9),
  XZ("xz", 9),
  ZSTD("zstd", 22),
  LZ4("lz4", 9);

  /** Packer's default level (gzip's). */
  static final int DEFAULT_LEVEL = 6;

  /** Bytes per parallel gzip task. */
  static final int GZIP_CHUNK = ParallelGzip.CHUNK;

  /** Sixteen BGZF blocks per task. */
  static final int BGZF_CHUNK = 16 * DeflateFraming.Bgzf.BLOCK_INPUT;

  private final String label;
  private final int maxLevel;

  Codec(String label, int maxLevel) {
    this.label = label;
    this.maxLevel = maxLevel;
  }

  /** The name in messages ({@code Tarring out.tar.gz with pgzip}), as Packer prints it. */
  String label() {
    return label;
  }

  int maxLevel() {
    return maxLevel;
  }

  /** The level used for a configured {@code compression_level} (null when absent). */
  int level(Integer configured) {
    int level = configured == null || configured == -1 ? DEFAULT_LEVEL : configured;
    return Math.min(level, maxLevel);
  }

  /** How many cores compress at once, given the machine's. */
  int threads(int cores) {
    return this == GZIP || this == BGZF || this == ZSTD ? cores : 1;
  }

  /**
   * The xz preset, with the dictionary halved (as {@code xz --memlimit-compress} does) until the
   * encoder fits in two thirds of {@code heapBytes}: presets 5–9 need 92–672 MiB, and the launcher
   * gives builds a 96 MiB heap unless {@code IMAGEBAKE_JAVA_OPTS} says otherwise.
   */
  static LZMA2Options xzOptions(int level, long heapBytes) throws IOException {
    LZMA2Options options = new LZMA2Options(level);
    long budgetKiB = heapBytes / 1024 * 2 / 3;
    while (options.getEncoderMemoryUsage() > budgetKiB
        && options.getDictSize() > LZMA2Options.DICT_SIZE_MIN * 16) {
      options.setDictSize(options.getDictSize() / 2);
    }
    return options;
  }

  /** A line for the user when the heap made xz use a smaller dictionary than its preset's. */
  Optional<String> memoryNote(int level) throws IOException {
    if (this != XZ) {
      return Optional.empty();
    }
    long heap = Runtime.getRuntime().maxMemory();
    int preset = new LZMA2Options(level).getDictSize();
    int fitted = xzOptions(level, heap).getDictSize();
    return preset == fitted
        ? Optional.empty()
        : Optional.of(
            "xz preset "
                + level
                + ": dictionary reduced from "
                + (preset >> 20)
                + " to "
                + (fitted >> 20)
                + " MiB to fit the "
                + (heap >> 20)
                + " MiB heap (IMAGEBAKE_JAVA_OPTS=-Xmx1g raises it)");
  }

  /**
   * Wraps {@code out}; closing the result finishes the compressed stream and closes {@code out}.
   * Level 0: gzip and bgzf write stored (uncompressed) deflate blocks, xz uses preset 0, zstd its
   * level 1 (zstd cannot store), lz4 its fast compressor; 1–9 select zlib levels, xz presets, zstd
   * levels (up to 22) and lz4 HC levels.
   */
  OutputStream open(OutputStream out, int level, int threads) throws IOException {
    return switch (this) {
      case NONE -> out;
      case GZIP ->
          new ParallelDeflateOutputStream(
              out, new DeflateFraming.Gzip(level), level, threads, GZIP_CHUNK);
      case BGZF ->
          new ParallelDeflateOutputStream(
              out, new DeflateFraming.Bgzf(), level, threads, BGZF_CHUNK);
      case XZ -> new XZOutputStream(out, xzOptions(level, Runtime.getRuntime().maxMemory()));
      case ZSTD ->
          new ZstdOutputStream(out, Math.max(level, 1))
              .setChecksum(true)
              .setWorkers(threads > 1 ? threads : 0);
      case LZ4 ->
          new LZ4FrameOutputStream(
              out,
              LZ4FrameOutputStream.BLOCKSIZE.SIZE_4MB,
              -1L,
              level == 0
                  ? LZ4Factory.fastestInstance().fastCompressor()
                  : LZ4Factory.fastestInstance().highCompressor(level),
              XXHashFactory.fastestInstance().hash32(),
              LZ4FrameOutputStream.FLG.Bits.BLOCK_INDEPENDENCE,
              LZ4FrameOutputStream.FLG.Bits.CONTENT_CHECKSUM);
    };
  }
}
