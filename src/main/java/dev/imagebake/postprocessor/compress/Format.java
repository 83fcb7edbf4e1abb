package dev.imagebake.postprocessor.compress;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the output file is: an archive of all input files (tar, zip) or the single input file,
 * compressed with a codec or not. Chosen, as in Packer, from the unrendered {@code output} (or
 * {@code output + "." + format}) by its last one or two {@code .ext} tokens.
 */
record Format(Archive archive, Codec codec) {
  enum Archive {
    NONE,
    TAR,
    ZIP
  }

  /** Packer's pattern: every {@code .token} of lowercase letters and digits, anywhere. */
  private static final Pattern EXTENSION = Pattern.compile("\\.([a-z0-9]+)");

  private static final Map<String, Codec> CODECS =
      Map.of(
          "gz", Codec.GZIP,
          "bgzf", Codec.BGZF,
          "xz", Codec.XZ,
          "lz4", Codec.LZ4,
          "zst", Codec.ZSTD);

  /** Packer's default: a gzip-compressed tar. */
  static final Format TAR_GZIP = new Format(Archive.TAR, Codec.GZIP);

  /**
   * Packer's {@code detectFromFilename}, plus {@code .zst} (Packer would write tar+gzip under that
   * name). {@code .tgz} and unknown extensions give tar+gzip as in Packer.
   */
  static Format detect(String output, String format) {
    String name = format == null || format.isEmpty() ? output : output + "." + format;
    List<String> exts = new ArrayList<>();
    Matcher m = EXTENSION.matcher(name);
    while (m.find()) {
      exts.add(m.group(1));
    }
    if (exts.isEmpty()) {
      return TAR_GZIP;
    }
    String last = exts.get(exts.size() - 1);
    boolean tar = exts.size() > 1 && exts.get(exts.size() - 2).equals("tar");
    if (last.equals("tar")) {
      return new Format(Archive.TAR, Codec.NONE);
    }
    if (last.equals("zip")) {
      return new Format(Archive.ZIP, Codec.NONE);
    }
    Codec codec = CODECS.get(last);
    if (codec == null) {
      return TAR_GZIP;
    }
    return new Format(tar ? Archive.TAR : Archive.NONE, codec);
  }
}
