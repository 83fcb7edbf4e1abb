package dev.imagebake.sdk.shelllocal;

/**
 * Packer's {@code ConvertToLinuxPath} for Windows Subsystem for Linux: {@code C:/x} ⇒ {@code
 * /mnt/c/x}.
 */
final class LinuxPaths {
  private LinuxPaths() {}

  /**
   * @throws IllegalArgumentException with Packer's message when the path has no drive
   */
  static String convert(String absolutePath) {
    String path = absolutePath.replace('\\', '/');
    String[] parts = path.split(":/", -1);
    if (parts.length != 2) {
      throw new IllegalArgumentException(
          "There was an error splitting your absolute path; expected to find a drive following"
              + " the format ':/' but did not: absolute path: "
              + absolutePath);
    }
    return "/mnt/" + parts[0].toLowerCase(java.util.Locale.ROOT) + "/" + parts[1];
  }
}
