package dev.imagebake.sdk.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Walks a BGZF file by its block sizes, checking each block's framing as htslib would. */
public final class BgzfBlocks {
  private BgzfBlocks() {}

  /** The uncompressed size (ISIZE) of each block, in order; the last must be the EOF marker. */
  public static List<Integer> inputSizes(byte[] bgzf) {
    List<Integer> sizes = new ArrayList<>();
    int off = 0;
    while (off < bgzf.length) {
      assertThat(bgzf[off] & 0xff).as("ID1 at %d", off).isEqualTo(0x1f);
      assertThat(bgzf[off + 1] & 0xff).isEqualTo(0x8b);
      assertThat(bgzf[off + 3]).as("FEXTRA").isEqualTo((byte) 4);
      assertThat(u16(bgzf, off + 10)).as("XLEN").isEqualTo(6);
      assertThat(new String(bgzf, off + 12, 2, java.nio.charset.StandardCharsets.US_ASCII))
          .isEqualTo("BC");
      assertThat(u16(bgzf, off + 14)).as("SLEN").isEqualTo(2);
      int blockSize = u16(bgzf, off + 16) + 1;
      assertThat(blockSize).isLessThanOrEqualTo(65536);
      int isize = u16(bgzf, off + blockSize - 4) | u16(bgzf, off + blockSize - 2) << 16;
      sizes.add(isize);
      off += blockSize;
    }
    assertThat(off).isEqualTo(bgzf.length);
    assertThat(Arrays.copyOfRange(bgzf, bgzf.length - 28, bgzf.length))
        .isEqualTo(DeflateFraming.Bgzf.EOF);
    return sizes;
  }

  private static int u16(byte[] b, int off) {
    return (b[off] & 0xff) | (b[off + 1] & 0xff) << 8;
  }
}
