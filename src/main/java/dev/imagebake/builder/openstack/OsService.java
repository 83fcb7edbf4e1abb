package dev.imagebake.builder.openstack;

import java.util.List;

/** The OpenStack services the builder talks to, with their catalog types and path prefixes. */
enum OsService {
  COMPUTE(List.of("compute"), ""),
  IMAGE(List.of("image"), "/v2"),
  NETWORK(List.of("network"), "/v2.0"),
  VOLUME(List.of("volumev3", "block-storage", "volume"), "");

  /** Catalog types, preferred first (Cinder's v3 is {@code volumev3} on most clouds). */
  final List<String> types;

  /** Added to the catalog URL when it does not end with a version already. */
  final String versionPath;

  OsService(List<String> types, String versionPath) {
    this.types = types;
    this.versionPath = versionPath;
  }
}
