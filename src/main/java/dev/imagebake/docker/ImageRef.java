package dev.imagebake.docker;

/**
 * An image name split as the engine's API wants it: {@code registry:5000/team/app:1.2} is
 * repository {@code registry:5000/team/app} and tag {@code 1.2}; a digest ({@code @sha256:...})
 * stays in the repository part.
 *
 * @param repository the name without tag
 * @param tag the tag, or null when the name has none
 */
public record ImageRef(String repository, String tag) {
  public static ImageRef parse(String name) {
    if (name.contains("@")) {
      return new ImageRef(name, null);
    }
    int slash = name.lastIndexOf('/');
    int colon = name.lastIndexOf(':');
    if (colon > slash) {
      return new ImageRef(name.substring(0, colon), name.substring(colon + 1));
    }
    return new ImageRef(name, null);
  }

  /** The tag, or {@code latest} as the engine assumes. */
  public String tagOrLatest() {
    return tag == null || tag.isEmpty() ? "latest" : tag;
  }

  /** The registry host this name belongs to, or {@code docker.io}. */
  public String registry() {
    int slash = repository.indexOf('/');
    if (slash < 0) {
      return "docker.io";
    }
    String first = repository.substring(0, slash);
    return first.contains(".") || first.contains(":") || first.equals("localhost")
        ? first
        : "docker.io";
  }

  @Override
  public String toString() {
    return tag == null ? repository : repository + ":" + tag;
  }
}
