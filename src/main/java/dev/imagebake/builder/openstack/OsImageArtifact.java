package dev.imagebake.builder.openstack;

import dev.imagebake.sdk.Artifact;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** A Glance image (Packer's openstack Artifact); {@link #destroy} deletes it. */
final class OsImageArtifact implements Artifact {
  static final String BUILDER_ID = "mitchellh.openstack";

  private final String imageId;
  private final Map<String, String> generated;
  private final Supplier<OsClient> client;

  OsImageArtifact(String imageId, Map<String, String> generated, Supplier<OsClient> client) {
    this.imageId = imageId;
    this.generated = Map.copyOf(generated);
    this.client = client;
  }

  @Override
  public String builderId() {
    return BUILDER_ID;
  }

  @Override
  public String id() {
    return imageId;
  }

  @Override
  public List<Path> files() {
    return List.of();
  }

  @Override
  public String describe() {
    return "An image was created: " + imageId;
  }

  @Override
  public Map<String, String> generatedData() {
    return generated;
  }

  @Override
  public void destroy() {
    client.get().delete(OsService.IMAGE, "/images/" + StepLoadFlavor.enc(imageId));
  }
}
