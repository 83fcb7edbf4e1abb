package dev.imagebake.builder.digitalocean;

/**
 * The temporary SSH key registered for the droplet: {@code id} is 0 until the API said it. {@code
 * privateKeyPem} lives only in memory and is never printed.
 */
record TempSshKey(long id, String name, String privateKeyPem) {
  @Override
  public String toString() {
    return "TempSshKey[id=" + id + ", name=" + name + "]";
  }
}
