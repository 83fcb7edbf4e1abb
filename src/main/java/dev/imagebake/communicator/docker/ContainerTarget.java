package dev.imagebake.communicator.docker;

import dev.imagebake.sdk.ConnectTarget;

/**
 * What the docker builder tells this communicator through {@link ConnectTarget#attributes()}.
 *
 * @param containerId the running container ({@code container_id}, required)
 * @param execUser the user commands run as ({@code exec_user}, empty for the image's)
 * @param uploadOwner who uploads are chowned to ({@code upload_owner}: the container's user when
 *     {@code fix_upload_owner} is true, empty for none)
 */
record ContainerTarget(String containerId, String execUser, String uploadOwner) {
  static final String CONTAINER_ID = "container_id";
  static final String EXEC_USER = "exec_user";
  static final String UPLOAD_OWNER = "upload_owner";

  static ContainerTarget of(ConnectTarget target) {
    String id = target.attribute(CONTAINER_ID);
    if (id == null || id.isEmpty()) {
      throw new IllegalArgumentException(
          "the docker communicator needs a container: use it with the docker builder");
    }
    return new ContainerTarget(
        id, orEmpty(target.attribute(EXEC_USER)), orEmpty(target.attribute(UPLOAD_OWNER)));
  }

  String shortId() {
    return containerId.length() > 12 ? containerId.substring(0, 12) : containerId;
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }
}
