package dev.imagebake.postprocessor.manifest;

import dev.imagebake.sdk.config.Doc;
import dev.imagebake.sdk.config.RenamedKey;
import dev.imagebake.sdk.config.RenderLater;
import java.util.Map;

/** The {@code manifest} post-processor's keys (reference §7.1). */
@Doc("Records each build's artifact in a JSON file that accumulates across builds and runs.")
@RenamedKey(key = "filename", use = "output")
public record ManifestConfig(
    @Doc("The manifest file (default packer-manifest.json).") String output,
    @Doc("Record only the file names of the artifact, without their directories.")
        Boolean stripPath,
    @Doc("Leave out build_time.") Boolean stripTime,
    @Doc(
            "Extra values stored with the entry; rendered with the artifact's generated data."
                + " They come from the template: do not put secrets in them.")
        @RenderLater
        Map<String, String> customData) {

  static final String DEFAULT_OUTPUT = "packer-manifest.json";

  String outputOrDefault() {
    return output == null || output.isEmpty() ? DEFAULT_OUTPUT : output;
  }
}
