package dev.imagebake.docker;

import dev.imagebake.sdk.Artifact;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * An image in the engine (Packer's {@code docker.ImportArtifact}): made by the docker builder with
 * {@code commit}, by docker-import, docker-tag and docker-push. {@link #state()} carries {@code
 * docker_tags}, the names docker-tag gave it, separated by spaces, which docker-push pushes.
 *
 * @param builderId who made it ({@link DockerIds})
 * @param id the image id, or the repository (with tag) it was imported or tagged as
 * @param tags names given by docker-tag, in order
 * @param generatedData the builder's generated data ({@code ImageSha256}, ...)
 * @param client opens the engine to delete the image in {@link #destroy()}
 */
public record DockerImageArtifact(
    String builderId,
    String id,
    List<String> tags,
    Map<String, String> generatedData,
    Supplier<DockerEngine> client)
    implements Artifact {
  public static final String DOCKER_TAGS = "docker_tags";

  public DockerImageArtifact {
    tags = List.copyOf(tags);
    generatedData = Map.copyOf(generatedData);
  }

  /** The tags an artifact carries in its {@code docker_tags} state. */
  public static List<String> tagsOf(Artifact artifact) {
    String joined = artifact.state().getOrDefault(DOCKER_TAGS, "");
    return joined.isBlank() ? List.of() : List.of(joined.trim().split(" +"));
  }

  @Override
  public List<Path> files() {
    return List.of();
  }

  @Override
  public String describe() {
    if (!tags.isEmpty()) {
      return "Imported Docker image: " + id + " with tags " + String.join(" ", tags);
    }
    return "Imported Docker image: " + id;
  }

  @Override
  public Map<String, String> state() {
    return tags.isEmpty() ? Map.of() : Map.of(DOCKER_TAGS, String.join(" ", tags));
  }

  @Override
  public void destroy() throws Exception {
    try (DockerEngine docker = client.get()) {
      docker.api().removeImageCmd(id).exec();
    }
  }
}
