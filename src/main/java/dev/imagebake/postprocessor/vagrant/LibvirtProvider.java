package dev.imagebake.postprocessor.vagrant;

import dev.imagebake.sdk.Artifact;
import dev.imagebake.sdk.Ui;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code libvirt} boxes from qemu artifacts: the disk named by the artifact's {@code diskName}
 * state becomes {@code box.img}, streamed into the archive from where it is (Packer copied it to a
 * temporary directory first); {@code metadata.json} carries the format and the size in GB, rounded
 * up.
 */
record LibvirtProvider() implements BoxProvider {
  @Override
  public String name() {
    return "libvirt";
  }

  @Override
  public boolean keepsInput() {
    return false;
  }

  @Override
  public ProviderBox process(Artifact artifact, Path workingDirectory, Ui ui) {
    String diskName = state(artifact, "diskName");
    String format = state(artifact, "diskType");
    long megabytes = sizeInMegabytes(state(artifact, "diskSize"));
    String domainType = state(artifact, "domainType");
    String driver =
        switch (domainType) {
          case "none", "tcg", "hvf" -> "qemu";
          case "kvm" -> "kvm";
          default ->
              throw new IllegalArgumentException("Unknown libvirt domain type: " + domainType);
        };
    Path disk =
        artifact.files().stream()
            .filter(f -> f.getFileName() != null && f.getFileName().toString().equals(diskName))
            .findFirst()
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "the artifact has no disk file named "
                            + diskName
                            + " (its files: "
                            + artifact.files().stream()
                                .map(Path::toString)
                                .collect(Collectors.joining(", "))
                            + ")"));
    Path source = workingDirectory.resolve(disk);
    if (!Files.isRegularFile(source)) {
      throw new IllegalArgumentException("the artifact's disk " + disk + " does not exist");
    }
    ui.message("Using the disk from artifact: " + disk);
    long gigabytes = megabytes / 1024 + (megabytes % 1024 > 0 ? 1 : 0);
    String vagrantfile =
        "\nVagrant.configure(\"2\") do |config|\n"
            + "  config.vm.provider :libvirt do |libvirt|\n"
            + "    libvirt.driver = \""
            + driver
            + "\"\n"
            + "  end\n"
            + "end\n";
    return new ProviderBox(
        vagrantfile,
        Map.of("provider", "libvirt", "format", format, "virtual_size", gigabytes),
        List.of(new BoxEntry.FileEntry("box.img", source)));
  }

  private static String state(Artifact artifact, String key) {
    String value = artifact.state().get(key);
    if (value == null || value.isEmpty()) {
      throw new IllegalArgumentException(
          "a libvirt box needs the artifact's "
              + key
              + ", which only qemu builder artifacts carry (this one is from "
              + artifact.builderId()
              + ")");
    }
    return value;
  }

  /**
   * A qemu size ({@code 40960}, {@code 40G}, {@code 512M}; no unit means MiB) in MiB, as Packer's
   * {@code sizeInMegabytes}.
   */
  static long sizeInMegabytes(String size) {
    char unit = Character.toLowerCase(size.charAt(size.length() - 1));
    String digits = Character.isDigit(unit) ? size : size.substring(0, size.length() - 1);
    long value;
    try {
      value = Long.parseLong(digits);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("the artifact's diskSize is not a size: " + size);
    }
    return switch (Character.isDigit(unit) ? 'm' : unit) {
      case 'b' -> value / 1024 / 1024;
      case 'k' -> value / 1024;
      case 'm' -> value;
      case 'g' -> value * 1024;
      case 't' -> value * 1024 * 1024;
      case 'p' -> value * 1024 * 1024 * 1024;
      case 'e' -> value * 1024 * 1024 * 1024 * 1024;
      default ->
          throw new IllegalArgumentException(
              "the artifact's diskSize has an unknown unit: " + size);
    };
  }
}
