package dev.imagebake.postprocessor.compress;

import dev.imagebake.sdk.config.Doc;
import dev.imagebake.sdk.config.OneOf;
import dev.imagebake.sdk.config.RenderLater;

/** The {@code compress} post-processor's keys (reference §7.3). */
@Doc(
    "Compresses the artifact's files into one archive (tar, zip) or its single file (gz, xz, zst,"
        + " lz4, bgzf); the format follows the output's extension.")
public record CompressConfig(
    @Doc(
            "The file to write, rendered with .BuildName and .BuilderType (default"
                + " packer_{{.BuildName}}_{{.BuilderType}}, a tar.gz). Its extension chooses the"
                + " format: .tar, .zip, .gz, .tar.gz/.tgz, .xz, .tar.xz, .zst, .tar.zst, .lz4,"
                + " .tar.lz4, .bgzf, .tar.bgzf; anything else is a tar.gz, as in Packer.")
        @RenderLater
        String output,
    @Doc("An extension to choose the format by instead of output's own (output is not renamed).")
        @OneOf({
          "tar",
          "zip",
          "gz",
          "tar.gz",
          "tgz",
          "xz",
          "tar.xz",
          "zst",
          "tar.zst",
          "lz4",
          "tar.lz4",
          "bgzf",
          "tar.bgzf"
        })
        String format,
    @Doc(
            "-1 or absent: 6. 0: no compression (gzip, bgzf: stored blocks; zip: stored entries)"
                + " or the fastest setting (xz preset 0, zstd level 1, lz4 fast). 1-9: the"
                + " format's level (zstd up to 22); higher values mean 9, as in Packer.")
        Integer compressionLevel) {

  static final String DEFAULT_OUTPUT = "packer_{{.BuildName}}_{{.BuilderType}}";

  String outputOrDefault() {
    return output == null || output.isEmpty() ? DEFAULT_OUTPUT : output;
  }

  Format detectedFormat() {
    return Format.detect(outputOrDefault(), format);
  }
}
