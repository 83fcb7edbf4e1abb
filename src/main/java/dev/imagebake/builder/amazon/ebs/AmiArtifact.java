package dev.imagebake.builder.amazon.ebs;

import dev.imagebake.builder.amazon.common.AccessConfig;
import dev.imagebake.builder.amazon.common.AwsSession;
import dev.imagebake.builder.amazon.common.AwsTuning;
import dev.imagebake.builder.amazon.common.ImageRollback;
import dev.imagebake.sdk.Artifact;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.ec2.model.Image;

/**
 * The AMIs of a build, one per region. Id {@code region:ami,region:ami} sorted by region, as Packer
 * reports it; {@link #destroy()} deregisters them and deletes their snapshots.
 */
final class AmiArtifact implements Artifact {
  static final String BUILDER_ID = "mitchellh.amazonebs";

  private final Map<String, String> amis;
  private final Map<String, String> generatedData;
  private final AccessConfig access;
  private final AwsTuning tuning;

  AmiArtifact(
      Map<String, String> amis,
      Map<String, String> generatedData,
      AccessConfig access,
      AwsTuning tuning) {
    this.amis = new TreeMap<>(amis);
    this.generatedData = Map.copyOf(generatedData);
    this.access = access;
    this.tuning = tuning;
  }

  /** Region to AMI id, sorted by region. */
  Map<String, String> amis() {
    return amis;
  }

  @Override
  public String builderId() {
    return BUILDER_ID;
  }

  @Override
  public String id() {
    return amis.entrySet().stream()
        .map(e -> e.getKey() + ":" + e.getValue())
        .collect(Collectors.joining(","));
  }

  @Override
  public List<Path> files() {
    return List.of();
  }

  @Override
  public String describe() {
    StringBuilder s = new StringBuilder("AMIs were created:\n");
    amis.forEach((region, id) -> s.append(region).append(": ").append(id).append('\n'));
    return s.toString();
  }

  @Override
  public Map<String, String> generatedData() {
    return generatedData;
  }

  @Override
  public void destroy() throws Exception {
    try (AwsSession session = new AwsSession(access, tuning)) {
      for (Map.Entry<String, String> e : amis.entrySet()) {
        var ec2 = session.ec2(e.getKey());
        for (Image image : ec2.describeImages(b -> b.imageIds(e.getValue())).images()) {
          ImageRollback.deleteImage(ec2, image);
        }
      }
    }
  }

  @Override
  public String toString() {
    return id();
  }
}
