package dev.imagebake.postprocessor.vagrant;

import dev.imagebake.sdk.Artifact;
import dev.imagebake.sdk.Ui;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code aws} boxes from AMI artifacts (id {@code region:ami,region:ami}): a Vagrantfile with one
 * {@code region_config} per region, in region order, byte for byte as Packer writes it. The box
 * holds no image; the AMIs are kept by default.
 */
record AwsProvider() implements BoxProvider {
  @Override
  public String name() {
    return "aws";
  }

  @Override
  public boolean keepsInput() {
    return true;
  }

  @Override
  public ProviderBox process(Artifact artifact, Path workingDirectory, Ui ui) {
    Map<String, String> images = new TreeMap<>();
    for (String region : artifact.id().split(",", -1)) {
      String[] parts = region.split(":", -1);
      if (parts.length != 2) {
        throw new IllegalArgumentException("Poorly formatted artifact ID: " + artifact.id());
      }
      images.put(parts[0], parts[1]);
    }
    // Packer's text/template output, whitespace included.
    StringBuilder v = new StringBuilder();
    v.append("\nVagrant.configure(\"2\") do |config|\n");
    v.append("  config.vm.provider \"aws\" do |aws|\n    ");
    images.forEach(
        (region, ami) ->
            v.append("\n\taws.region_config \"")
                .append(region)
                .append("\", ami: \"")
                .append(ami)
                .append("\"\n\t"));
    v.append("\n  end\nend\n");
    return new ProviderBox(v.toString(), Map.of("provider", "aws"), List.of());
  }
}
