package dev.imagebake.registry;

import java.util.List;

/** The parts of a version that a run records and that read back the same. */
public final class Recorded {
  private Recorded() {}

  /**
   * What identifies the inputs of a run.
   *
   * @param gitCommit the commit of the template's folder when that folder is clean in git, else
   *     null
   * @param contentHash {@code sha256:...} of the template, its var files, the non-sensitive
   *     variables and every local file the template names
   */
  public record Fingerprint(String gitCommit, String contentHash) {}

  /**
   * One build of the run.
   *
   * @param status {@code succeeded}, {@code failed} or {@code cancelled}
   * @param error the error text when it failed (secrets masked), else null
   * @param artifacts every artifact the build and its post-processors left
   * @param parents what the image was made from
   */
  public record Build(
      String name,
      String type,
      String status,
      String error,
      List<Artifact> artifacts,
      List<Parent> parents) {
    public Build {
      artifacts = List.copyOf(artifacts);
      parents = List.copyOf(parents);
    }
  }

  /**
   * One artifact.
   *
   * @param builderId the component that made it, e.g. {@code mitchellh.amazonebs}
   * @param id the artifact id alone, e.g. {@code ami-0abc} (a multi-region AMI is one artifact per
   *     region)
   * @param region the region, zone or provider where there is one, else null
   */
  public record Artifact(
      String builderId, String id, String region, String description, List<FileDigest> files) {
    public Artifact {
      files = List.copyOf(files);
    }
  }

  /** A local file of an artifact, as named by it. */
  public record FileDigest(String path, long size, String sha256) {}

  /**
   * What a build started from, for ancestry.
   *
   * @param kind {@code source_ami}, {@code iso} or {@code docker_image}
   * @param ref the AMI id, ISO URL or image reference
   * @param checksum the ISO checksum or image digest, else null
   */
  public record Parent(String kind, String ref, String checksum) {}
}
