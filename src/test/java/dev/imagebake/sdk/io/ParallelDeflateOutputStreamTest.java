package dev.imagebake.sdk.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

public class ParallelDeflateOutputStreamTest {
  private static final int CHUNK = 40_000;

  @TempDir Path dir;

  /** Random bytes, runs of zeros and repeated text: a small disk image. */
  public static byte[] imageLike(int size, long seed) {
    Random random = new Random(seed);
    byte[] text =
        "Nov 26 10:00:00 host kernel: EXT4-fs (vda1): mounted filesystem with ordered data mode\n"
            .getBytes(StandardCharsets.US_ASCII);
    byte[] data = new byte[size];
    int off = 0;
    while (off < size) {
      int n = Math.min(size - off, 1 + random.nextInt(20_000));
      switch (random.nextInt(3)) {
        case 0 -> {
          byte[] r = new byte[n];
          random.nextBytes(r);
          System.arraycopy(r, 0, data, off, n);
        }
        case 1 -> {
          for (int i = 0; i < n; i++) {
            data[off + i] = text[i % text.length];
          }
        }
        default -> {} // zeros
      }
      off += n;
    }
    return data;
  }

  private static byte[] gzip(byte[] data, int level, int threads, int writeSize)
      throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ParallelDeflateOutputStream z =
        new ParallelDeflateOutputStream(
            out, new DeflateFraming.Gzip(level), level, threads, CHUNK)) {
      for (int off = 0; off < data.length; off += writeSize) {
        z.write(data, off, Math.min(writeSize, data.length - off));
      }
    }
    return out.toByteArray();
  }

  private static byte[] gunzip(byte[] gz) throws IOException {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
      return in.readAllBytes();
    }
  }

  /**
   * Runs {@code command} with {@code input} on stdin; returns stdout, failing on a non-zero exit.
   */
  static byte[] pipe(Path dir, byte[] input, String... command) throws Exception {
    Path in = Files.write(dir.resolve("stdin"), input);
    Process p =
        new ProcessBuilder(command)
            .redirectInput(in.toFile())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    byte[] out = p.getInputStream().readAllBytes();
    assertThat(p.waitFor()).as(String.join(" ", command)).isZero();
    return out;
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 3 * CHUNK, 1_000_003})
  void anySizeRoundTripsThroughGzipAndJava(int size) throws Exception {
    byte[] data = imageLike(size, size);
    byte[] gz = gzip(data, 6, 3, 7919);
    assertThat(gunzip(gz)).isEqualTo(data);
    assertThat(pipe(dir, gz, "gzip", "-dc")).isEqualTo(data);
    assertThat(pipe(dir, gz, "pigz", "-dc")).isEqualTo(data);
  }

  @Test
  void isOneGzipMemberWhoseTrailerHoldsTheLength() throws Exception {
    byte[] data = imageLike(500_000, 1);
    byte[] gz = gzip(data, 6, 2, 65536);
    // `gzip -l` reads the last member's ISIZE; one member means it is the whole length.
    String listing = new String(pipe(dir, gz, "gzip", "-lv"), StandardCharsets.US_ASCII);
    assertThat(listing).contains(" 500000 ");
    // The trailer's ISIZE is the whole length, so this one member holds all of the data.
    int trailer = gz.length - 8;
    int isize =
        (gz[trailer + 4] & 0xff)
            | (gz[trailer + 5] & 0xff) << 8
            | (gz[trailer + 6] & 0xff) << 16
            | (gz[trailer + 7] & 0xff) << 24;
    assertThat(isize).isEqualTo(500_000);
  }

  @Test
  void primingWithThePreviousChunkKeepsGzipsRatio() throws Exception {
    byte[] data = imageLike(2_000_000, 2);
    ByteArrayOutputStream single = new ByteArrayOutputStream();
    try (GZIPOutputStream z = new GZIPOutputStream(single)) {
      z.write(data);
    }
    byte[] parallel = gzip(data, 6, 4, 1 << 20);
    // Sync-flush markers (5 bytes per chunk) are the only cost; unprimed chunks would lose more.
    assertThat((double) parallel.length).isLessThan(single.size() * 1.01);
  }

  @Test
  void levelZeroStoresTheData() throws Exception {
    byte[] zeros = new byte[300_000];
    byte[] gz = gzip(zeros, 0, 2, 4096);
    assertThat(gz.length).isGreaterThan(zeros.length);
    assertThat(pipe(dir, gz, "gzip", "-dc")).isEqualTo(zeros);
    assertThat(gzip(zeros, 1, 2, 4096).length).isLessThan(zeros.length / 100);
  }

  @Test
  void bgzfBlocksAreCompleteGzipMembersWithTheirSizeAndAnEofMarker() throws Exception {
    byte[] data = imageLike(700_000, 3);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ParallelDeflateOutputStream z =
        new ParallelDeflateOutputStream(
            out, new DeflateFraming.Bgzf(), 6, 2, 3 * DeflateFraming.Bgzf.BLOCK_INPUT)) {
      z.write(data);
    }
    byte[] bgzf = out.toByteArray();
    assertThat(BgzfBlocks.inputSizes(bgzf))
        .hasSize(700_000 / DeflateFraming.Bgzf.BLOCK_INPUT + 2)
        .endsWith(0)
        .allMatch(n -> n <= DeflateFraming.Bgzf.BLOCK_INPUT);
    assertThat(pipe(dir, bgzf, "gzip", "-dc")).isEqualTo(data);
  }

  @Test
  void incompressibleBgzfBlocksStillFitSixtyFourKibibytes() throws Exception {
    byte[] data = new byte[200_000];
    new Random(4).nextBytes(data);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ParallelDeflateOutputStream z =
        new ParallelDeflateOutputStream(out, new DeflateFraming.Bgzf(), 9, 2, 1 << 20)) {
      z.write(data);
    }
    assertThat(BgzfBlocks.inputSizes(out.toByteArray())).hasSize(5);
    assertThat(pipe(dir, out.toByteArray(), "gzip", "-dc")).isEqualTo(data);
  }

  @Test
  void abortLeavesNoThreadsWorking() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ParallelDeflateOutputStream z =
        new ParallelDeflateOutputStream(out, new DeflateFraming.Gzip(6), 6, 2, CHUNK);
    z.write(imageLike(10 * CHUNK, 5));
    z.abort();
    int written = out.size();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> z.write(new byte[1]))
        .isInstanceOf(IOException.class);
    z.close(); // a no-op after abort: no trailer
    assertThat(out.size()).isEqualTo(written);
  }
}
