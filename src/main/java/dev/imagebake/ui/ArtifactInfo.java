package dev.imagebake.ui;

import java.util.List;

/**
 * What the summary shows of an artifact (Packer's {@code artifact} machine-readable records).
 *
 * @param builderId e.g. {@code fnoeding.null}
 * @param id e.g. {@code us-east-1:ami-0abc}
 * @param description the artifact's one-line {@code String()}
 * @param files local files, as given
 */
public record ArtifactInfo(String builderId, String id, String description, List<String> files) {
  public ArtifactInfo {
    files = List.copyOf(files);
  }
}
