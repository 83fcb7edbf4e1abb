package dev.imagebake.provisioner.file;

import dev.imagebake.sdk.config.Doc;
import dev.imagebake.sdk.config.RenderLater;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code file} provisioner's keys (reference §6.3). Sources and destination are rendered when
 * the provisioner runs, so {@code {{build `Host`}}} and friends work in them.
 */
@Doc("Uploads files or directories to the machine, or downloads them from it.")
public record FileProvisionerConfig(
    @Doc("Local path to upload (or remote path to download); appended to sources.") @RenderLater
        String source,
    @Doc("Several paths to transfer, in order, to the same destination.") @RenderLater
        List<String> sources,
    @Doc(
            "Where to put them. A path ending in / is a directory: each file keeps its name there,"
                + " and imagebake creates the directory when it is missing.")
        @RenderLater
        String destination,
    @Doc("upload (default) or download.") String direction,
    @Doc("The sources are created during the build: skip the check that they exist.")
        Boolean generated,
    @Doc("Text to write to the destination instead of uploading a file (Packer 1.7+).")
        String content) {

  /** {@code direction}, defaulting to {@code upload}. */
  String directionOrDefault() {
    return direction == null || direction.isEmpty() ? "upload" : direction;
  }

  boolean isDownload() {
    return directionOrDefault().equals("download");
  }

  boolean hasContent() {
    return content != null && !content.isEmpty();
  }

  /** {@code sources} followed by {@code source}, as Packer appends it. */
  List<String> allSources() {
    List<String> all = new ArrayList<>();
    if (sources != null) {
      sources.stream().filter(s -> s != null && !s.isEmpty()).forEach(all::add);
    }
    if (source != null && !source.isEmpty()) {
      all.add(source);
    }
    return List.copyOf(all);
  }
}
