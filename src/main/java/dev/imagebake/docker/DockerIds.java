package dev.imagebake.docker;

/** The builder ids of Packer's docker plugins; post-processors accept artifacts by these. */
public final class DockerIds {
  /** The docker builder's exported tarball (and the discarded container). */
  public static final String BUILDER = "packer.docker";

  /** A committed image and docker-import's and docker-push's results. */
  public static final String IMPORT = "packer.post-processor.docker-import";

  public static final String TAG = "packer.post-processor.docker-tag";

  /** Packer's artifice post-processor, whose files docker-import accepts too. */
  public static final String ARTIFICE = "packer.post-processor.artifice";

  private DockerIds() {}
}
