package dev.imagebake.builder.amazon.common;

/**
 * The SSH key of the build. {@code name} is a temporary EC2 key pair to delete afterwards when
 * {@code temporary}; {@code privateKeyPem} lives only in memory and is never printed.
 */
public record TempKeyPair(String name, boolean temporary, String privateKeyPem) {
  @Override
  public String toString() {
    return "TempKeyPair[name=" + name + ", temporary=" + temporary + "]";
  }
}
