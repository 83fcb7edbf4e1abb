package dev.imagebake.postprocessor.dockertag;

import dev.imagebake.sdk.config.Doc;
import java.util.ArrayList;
import java.util.List;

/** The {@code docker-tag} post-processor's keys (Packer 1.6.6). */
@Doc("Tags the Docker image of the docker builder (commit) or of docker-import.")
public record DockerTagConfig(
    @Doc("Repository to tag the image into. Required.") String repository,
    @Doc("Deprecated spelling of tags.") List<String> tag,
    @Doc("Tags to give the image in the repository; none means the repository alone (latest).")
        List<String> tags,
    @Doc("Move a tag that already names another image.") Boolean force) {

  /** {@code tags} then {@code tag}, as Packer appends them. */
  List<String> allTags() {
    List<String> all = new ArrayList<>();
    if (tags != null) {
      all.addAll(tags);
    }
    if (tag != null) {
      all.addAll(tag);
    }
    return all;
  }
}
