package dev.imagebake.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Makes real SSH key pairs with {@code ssh-keygen}, as EC2's CreateKeyPair and Nova's key pair
 * creation do.
 */
public final class SshKeyMaker {
  /**
   * @param privateKey PEM ({@code BEGIN RSA PRIVATE KEY}) for rsa, OpenSSH format for ed25519
   * @param publicKey the authorized_keys line
   * @param fingerprint {@code SHA256:...}
   */
  public record Made(String privateKey, String publicKey, String fingerprint) {}

  public Made make(String type) {
    Path dir = null;
    try {
      dir = Files.createTempDirectory("fake-ec2-key");
      Path key = dir.resolve("key");
      if ("ed25519".equals(type)) {
        run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "", "-f", key.toString());
      } else {
        run(
            "ssh-keygen",
            "-q",
            "-t",
            "rsa",
            "-b",
            "2048",
            "-m",
            "PEM",
            "-N",
            "",
            "-C",
            "",
            "-f",
            key.toString());
      }
      String fingerprint = run("ssh-keygen", "-l", "-f", key + ".pub").split("\\s+")[1];
      return new Made(
          Files.readString(key), Files.readString(Path.of(key + ".pub")).trim(), fingerprint);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      if (dir != null) {
        try (var files = Files.list(dir)) {
          for (Path p : files.toList()) {
            Files.deleteIfExists(p);
          }
          Files.deleteIfExists(dir);
        } catch (IOException ignored) {
          // temp dir, left to the OS
        }
      }
    }
  }

  private static String run(String... command) throws IOException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    try {
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (p.waitFor() != 0) {
        throw new IOException(String.join(" ", command) + ": " + out);
      }
      return out;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }
}
