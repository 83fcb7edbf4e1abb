package dev.imagebake.builder.docker;

import dev.imagebake.docker.DockerEngine;
import dev.imagebake.sdk.StateKey;
import java.nio.file.Path;

/** What the docker builder's steps hand to each other. */
final class DockerState {
  /** The engine connection; opened by the builder, closed after the last cleanup. */
  static final StateKey<DockerEngine> ENGINE = StateKey.of("docker engine", DockerEngine.class);

  /** The host directory mounted at {@code container_dir}; made by {@link StepContainerDir}. */
  static final StateKey<Path> TEMP_DIR = StateKey.of("docker temp dir", Path.class);

  /** The running container; set by {@link StepRunContainer} as soon as it exists. */
  static final StateKey<String> CONTAINER_ID = StateKey.of("container id", String.class);

  /** The committed image; set by {@link StepCommit}. */
  static final StateKey<String> IMAGE_ID = StateKey.of("image id", String.class);

  private DockerState() {}
}
