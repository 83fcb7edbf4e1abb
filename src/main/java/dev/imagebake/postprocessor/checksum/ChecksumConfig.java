package dev.imagebake.postprocessor.checksum;

import dev.imagebake.sdk.config.Doc;
import dev.imagebake.sdk.config.RenderLater;
import java.util.List;

/** The {@code checksum} post-processor's keys (reference §7.2). */
@Doc("Writes checksum files for the artifact's files.")
public record ChecksumConfig(
    @Doc("Any of md5 (default), sha1, sha224, sha256, sha384, sha512.") List<String> checksumTypes,
    @Doc(
            "The checksum file, rendered per type with .BuildName, .BuilderType, .ChecksumType"
                + " (default packer_{{.BuildName}}_{{.BuilderType}}_{{.ChecksumType}}.checksum).")
        @RenderLater
        String output) {

  static final String DEFAULT_OUTPUT =
      "packer_{{.BuildName}}_{{.BuilderType}}_{{.ChecksumType}}.checksum";

  List<String> typesOrDefault() {
    return checksumTypes == null || checksumTypes.isEmpty() ? List.of("md5") : checksumTypes;
  }

  String outputOrDefault() {
    return output == null || output.isEmpty() ? DEFAULT_OUTPUT : output;
  }
}
