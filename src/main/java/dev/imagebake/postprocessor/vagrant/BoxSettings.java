package dev.imagebake.postprocessor.vagrant;

import dev.imagebake.sdk.config.Doc;
import dev.imagebake.sdk.config.RenderLater;
import java.util.ArrayList;
import java.util.List;

/**
 * The keys that shape one box: at the top of the block, and again per provider under {@code
 * override} (a provider's values replace the top-level ones, as Packer decodes the override over
 * the whole configuration).
 */
@Doc("Settings of the box; under override, they replace the top-level ones for that provider.")
public record BoxSettings(
    @Doc(
            "The box file, rendered with .BuildName, .Provider, .ArtifactId and the artifact's"
                + " generated data (default packer_{{ .BuildName }}_{{.Provider}}.box).")
        @RenderLater
        String output,
    @Doc(
            "gzip level of the box: 1 (fastest) to 9 (smallest), -1 or absent for 6, 0 for a"
                + " plain tar without gzip.")
        Integer compressionLevel,
    @Doc("Files copied into the root of the box (by their base name).") List<String> include,
    @Doc(
            "A file whose contents, rendered like output, are appended to the generated"
                + " Vagrantfile.")
        String vagrantfileTemplate,
    @Doc(
            "The vagrantfile_template is made during the build (e.g. by a provisioner), so it"
                + " need not exist at validation.")
        Boolean vagrantfileTemplateGenerated) {

  static final String DEFAULT_OUTPUT = "packer_{{ .BuildName }}_{{.Provider}}.box";

  /** Packer's flate default: gzip level 6. */
  static final int DEFAULT_LEVEL = 6;

  /** The values of {@code override} that are set, laid over these. */
  BoxSettings overriddenBy(BoxSettings o) {
    if (o == null) {
      return this;
    }
    return new BoxSettings(
        o.output != null ? o.output : output,
        o.compressionLevel != null ? o.compressionLevel : compressionLevel,
        o.include != null ? o.include : include,
        o.vagrantfileTemplate != null ? o.vagrantfileTemplate : vagrantfileTemplate,
        o.vagrantfileTemplateGenerated != null
            ? o.vagrantfileTemplateGenerated
            : vagrantfileTemplateGenerated);
  }

  String outputOrDefault() {
    return output == null || output.isEmpty() ? DEFAULT_OUTPUT : output;
  }

  /** 0 means no gzip; -1 (Packer's flate.DefaultCompression) and absent mean 6. */
  int levelOrDefault() {
    return compressionLevel == null || compressionLevel == -1 ? DEFAULT_LEVEL : compressionLevel;
  }

  List<String> includes() {
    return include == null ? List.of() : new ArrayList<>(include);
  }

  boolean templateGenerated() {
    return Boolean.TRUE.equals(vagrantfileTemplateGenerated);
  }
}
