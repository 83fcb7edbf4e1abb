package dev.imagebake.registry;

import java.nio.file.Path;

/** Lets tests of other packages compute a file's digest the way the registry does. */
public final class FingerprintsAccess {
  private FingerprintsAccess() {}

  public static String sha256(Path file) {
    return Fingerprints.hashFile(file);
  }
}
