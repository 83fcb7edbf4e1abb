package dev.imagebake.builder.digitalocean;

import dev.imagebake.sdk.Artifact;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The snapshot of a build, as Packer reports it: id {@code <regions comma-joined>:<image id>},
 * {@code A snapshot was created: '<name>' (ID: <id>) in regions '<r1,r2>'}; {@link #destroy()}
 * deletes the image.
 */
final class DigitalOceanArtifact implements Artifact {
  static final String BUILDER_ID = "pearkes.digitalocean";

  private final MadeSnapshot snapshot;
  private final Map<String, String> generatedData;
  private final Supplier<DoClient> client;

  DigitalOceanArtifact(
      MadeSnapshot snapshot, Map<String, String> generatedData, Supplier<DoClient> client) {
    this.snapshot = snapshot;
    this.generatedData = Map.copyOf(generatedData);
    this.client = client;
  }

  MadeSnapshot snapshot() {
    return snapshot;
  }

  @Override
  public String builderId() {
    return BUILDER_ID;
  }

  @Override
  public String id() {
    return String.join(",", snapshot.regions()) + ":" + snapshot.imageId();
  }

  @Override
  public List<Path> files() {
    return List.of();
  }

  @Override
  public String describe() {
    return "A snapshot was created: '"
        + snapshot.name()
        + "' (ID: "
        + snapshot.imageId()
        + ") in regions '"
        + String.join(",", snapshot.regions())
        + "'";
  }

  @Override
  public Map<String, String> generatedData() {
    return generatedData;
  }

  @Override
  public void destroy() {
    client.get().deleteImage(snapshot.imageId());
  }

  @Override
  public String toString() {
    return id();
  }
}
