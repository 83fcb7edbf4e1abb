package dev.imagebake.builder.qemu;

import dev.imagebake.sdk.Artifact;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The files of the output directory (Packer's qemu {@code Artifact}: id {@code VM}); {@link
 * #state()} tells the vagrant post-processor the disk's name, format, size in MiB and accelerator.
 */
record QemuArtifact(
    Path directory, List<Path> files, Map<String, String> state, Map<String, String> generatedData)
    implements Artifact {
  static final String BUILDER_ID = "transcend.qemu";

  QemuArtifact {
    files = List.copyOf(files);
    state = Map.copyOf(state);
    generatedData = Map.copyOf(generatedData);
  }

  static Map<String, String> diskState(
      String diskName, String diskType, String diskSizeMib, String accelerator) {
    return Map.of(
        "diskName", diskName,
        "diskType", diskType,
        "diskSize", diskSizeMib,
        "domainType", accelerator);
  }

  @Override
  public String builderId() {
    return BUILDER_ID;
  }

  @Override
  public String id() {
    return "VM";
  }

  @Override
  public String describe() {
    return "VM files in directory: " + directory;
  }

  @Override
  public void destroy() throws Exception {
    Trees.delete(directory);
  }
}
